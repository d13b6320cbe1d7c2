import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Role } from '../../backend/src/contracts';
import { signAccessToken } from '../../backend/src/modules/auth';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import type { TestApp } from './app';

export const uniq = (prefix = 'x') => `${prefix}${randomBytes(4).toString('hex')}`;

export interface UserOverrides {
  username?: string;
  displayName?: string;
  role?: Role;
  gridIds?: (string | Types.ObjectId)[];
  teamId?: string | Types.ObjectId | null;
  agencyId?: string | Types.ObjectId | null;
  disabled?: boolean;
}

/** Creates a user directly in the database (no password: use the auth factories to log in). */
export async function buildUser(o: UserOverrides = {}): Promise<UserDoc> {
  const doc = await UserModel.create({
    username: o.username ?? uniq('user'),
    displayName: o.displayName ?? 'Test User',
    role: o.role ?? 'dispatcher',
    gridIds: (o.gridIds ?? []).map((g) => new Types.ObjectId(String(g))),
    teamId: o.teamId ? new Types.ObjectId(String(o.teamId)) : null,
    agencyId: o.agencyId ? new Types.ObjectId(String(o.agencyId)) : null,
    disabled: o.disabled ?? false,
  });
  return doc.toObject() as UserDoc;
}

/** A real signed access token for the user, as the login endpoint would issue it. */
export function tokenFor(t: TestApp, user: Pick<UserDoc, '_id' | 'role' | 'sessionVersion'>): string {
  return signAccessToken(
    t.config,
    { sub: String(user._id), role: user.role, sv: user.sessionVersion ?? 1 },
    Math.floor(t.clock.now().getTime() / 1000),
  );
}

/** `Authorization` header value for a user. */
export const bearer = (t: TestApp, user: Pick<UserDoc, '_id' | 'role' | 'sessionVersion'>) => `Bearer ${tokenFor(t, user)}`;
