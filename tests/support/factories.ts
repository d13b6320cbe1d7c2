import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { Role } from '../../backend/src/contracts';
import { signAccessToken } from '../../backend/src/modules/auth';
import { CredentialModel, UserModel, hashPassword, type UserDoc } from '../../backend/src/modules/users';
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

// ---- accounts with passwords and real logins (issue 3) ----

/** The password createUserWithPassword / loginAs give users unless told otherwise. */
export const DEFAULT_PASSWORD = 'Correct-Horse-Battery-9';

export interface ScopeOverrides {
  gridIds?: (string | Types.ObjectId)[];
  teamId?: string | Types.ObjectId | null;
  agencyId?: string | Types.ObjectId | null;
}

/** The scope a role needs to be valid, filling each missing required field with a fresh id. */
export function scopeFor(role: Role, scope: ScopeOverrides = {}): ScopeOverrides {
  const id = () => new Types.ObjectId();
  if (role === 'inspector') return { gridIds: scope.gridIds?.length ? scope.gridIds : [id()], teamId: scope.teamId ?? null };
  if (role === 'team_leader') return { teamId: scope.teamId ?? id() };
  if (role === 'agency_liaison') return { agencyId: scope.agencyId ?? id() };
  return {};
}

const hashes = new Map<string, Promise<string>>();
/** argon2id is deliberately slow: hash each distinct test password once per test file. */
const hashOnce = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export type UserWithPassword = UserDoc & { password: string };

/** A user (valid scope for the role by default) with a stored argon2id password. */
export async function createUserWithPassword(o: UserOverrides & { password?: string } = {}): Promise<UserWithPassword> {
  const password = o.password ?? DEFAULT_PASSWORD;
  const role = o.role ?? 'dispatcher';
  const user = await buildUser({ ...scopeFor(role, o), ...o, role });
  await CredentialModel.create({ userId: user._id, hash: await hashOnce(password), changedAt: new Date() });
  return { ...user, password };
}

export interface LoggedIn {
  user: UserWithPassword;
  accessToken: string;
  refreshToken: string;
  /** `Authorization` header value. */
  auth: string;
}

/** Creates a user of `role` (with `scope`) and signs in through `POST /api/v1/auth/login`. */
export async function loginAs(
  t: TestApp,
  role: Role = 'dispatcher',
  scope: ScopeOverrides = {},
  o: Omit<UserOverrides, 'role'> & { password?: string } = {},
): Promise<LoggedIn> {
  const user = await createUserWithPassword({ ...o, ...scope, role });
  const res = await t.http().post('/api/v1/auth/login').send({ username: user.username, password: user.password });
  if (res.status !== 200) throw new Error(`loginAs(${role}) failed: ${res.status} ${JSON.stringify(res.body)}`);
  const { accessToken, refreshToken } = res.body as { accessToken: string; refreshToken: string };
  return { user, accessToken, refreshToken, auth: `Bearer ${accessToken}` };
}
