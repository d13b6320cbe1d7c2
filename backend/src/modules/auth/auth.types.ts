import type { Role } from '../../contracts';

/** The caller, as loaded fresh from the database on every request. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** Grid cells (网格) an inspector is responsible for. */
  gridIds: string[];
  /** Team (中队) of a team leader or team member. */
  teamId: string | null;
  /** Agency (派驻机构) of an agency liaison. */
  agencyId: string | null;
}

/** A signed-in user acting through a request, with the client address for the audit trail. */
export interface Actor {
  user: AuthUser;
  ip: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: AuthUser;
  }
}
