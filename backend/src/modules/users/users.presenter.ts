import type { Role } from '../../contracts';
import type { UserDoc } from './user.model';

/** A user as the API shows it. Credentials, session and revision counters never leave. */
export interface UserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  gridIds: string[];
  teamId: string | null;
  agencyId: string | null;
  phone: string | null;
  locale: string;
  disabled: boolean;
  createdAt: string | null;
  updatedAt: string | null;
}

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function presentUser(u: UserDoc): UserDto {
  return {
    id: String(u._id),
    username: u.username,
    displayName: u.displayName,
    role: u.role as Role,
    gridIds: (u.gridIds ?? []).map(String),
    teamId: u.teamId ? String(u.teamId) : null,
    agencyId: u.agencyId ? String(u.agencyId) : null,
    phone: u.phone ?? null,
    locale: u.locale ?? 'zh-CN',
    disabled: Boolean(u.disabled),
    createdAt: iso(u.createdAt),
    updatedAt: iso(u.updatedAt),
  };
}
