import { Types } from 'mongoose';
import type { Role } from '../../contracts';
import type { Clock } from '../../core/context';
import { conflict, notFound, unprocessable } from '../../core/errors';
import { recordAudit, type AuditInput } from '../audit';
import { revokeUserSessions, type Actor } from '../auth';
import { assignCellsToInspector, checkCellsExist } from './inspector-cells.service';
import { hashPassword } from './password.hasher';
import type { UserDoc } from './user.model';
import type { UpdateUserInput } from './users.schemas';
import { claimUserRevision, findUserById, savePasswordHash, writeUserFields } from './users.repository';
import { resolveScope, scopeChanged, type ScopeFields } from './user-scope.workflow';

type Ctx = { clock: Clock };

/** What one admin action changes; null from a builder means "already so, nothing to do". */
interface UserChange {
  set: Partial<UserDoc>;
  passwordHash?: string;
  /** Ends every session of the user: bumps sessionVersion and revokes refresh-token families. */
  endSessions: boolean;
  audits: Pick<AuditInput, 'action' | 'details'>[];
}

export const scopeOfDoc = (u: UserDoc): ScopeFields => ({
  gridIds: (u.gridIds ?? []).map(String),
  teamId: u.teamId ? String(u.teamId) : null,
  agencyId: u.agencyId ? String(u.agencyId) : null,
});

export const toDbScope = (s: ScopeFields) => ({
  gridIds: s.gridIds.map((id) => new Types.ObjectId(id)),
  teamId: s.teamId ? new Types.ObjectId(s.teamId) : null,
  agencyId: s.agencyId ? new Types.ObjectId(s.agencyId) : null,
});

/** Resolves the scope for a role or answers 422 ROLE_SCOPE_MISMATCH listing each problem. */
export function checkedScope(role: Role, current: ScopeFields, change: Partial<ScopeFields>): ScopeFields {
  const { scope, problems } = resolveScope(role, current, change);
  if (problems.length) throw unprocessable('ROLE_SCOPE_MISMATCH', 'The scope does not fit the role', problems);
  return scope;
}

export const userTarget = (u: Pick<UserDoc, '_id' | 'username'>) => ({ type: 'user', id: String(u._id), label: u.username });

function refuseSelf(by: Actor, user: UserDoc, what: string): void {
  if (by.user.id === String(user._id)) {
    throw unprocessable('SELF_CHANGE_NOT_ALLOWED', `Administrators cannot ${what} their own account`);
  }
}

/**
 * Applies one change to a user: claims the next revision (a concurrent change answers 409),
 * writes the fields, ends sessions when asked, and audits. Sessions end before the password
 * changes so a failure half-way never leaves an old session alive with a new password.
 */
async function applyChange(
  ctx: Ctx,
  by: Actor,
  id: string,
  build: (current: UserDoc) => UserChange | null | Promise<UserChange | null>,
): Promise<UserDoc> {
  const current = await findUserById(id);
  if (!current) throw notFound('user', id);
  const change = await build(current);
  if (!change) return current;
  const now = ctx.clock.now();
  const rev = (current.rev ?? 0) + 1;
  const fields = [...Object.keys(change.set), ...(change.passwordHash ? ['password'] : [])];
  if (!(await claimUserRevision(current._id, rev, now, by.user.id, fields))) {
    throw conflict('USER_CHANGED_CONCURRENTLY', 'The user was changed at the same time; reload and try again');
  }
  const sessionVersion = (current.sessionVersion ?? 1) + (change.endSessions ? 1 : 0);
  await writeUserFields(current._id, { ...change.set, rev, sessionVersion, updatedAt: now });
  if (change.endSessions) await revokeUserSessions(ctx, String(current._id), fields.join(','));
  if (change.passwordHash) await savePasswordHash(current._id, change.passwordHash, now);
  for (const a of change.audits) {
    await recordAudit(ctx, { ...a, actor: by.user, ip: by.ip, target: userTarget(current) });
  }
  return (await findUserById(id)) ?? current;
}

const PROFILE_FIELDS = ['displayName', 'phone', 'locale'] as const;

/**
 * PATCH: profile fields just change; a role or scope change also ends the user's sessions. An
 * inspector's new grid cells are written on the cells (their inspectorIds are the source of truth,
 * see inspector-cells.service) and the user's gridIds derived from them; a user who stops being an
 * inspector leaves every cell.
 */
export async function updateUser(ctx: Ctx, by: Actor, id: string, input: UpdateUserInput): Promise<UserDoc> {
  const cells: { ids: string[] | null } = { ids: null };
  const user = await applyChange(ctx, by, id, async (current) => {
    const role = input.role ?? (current.role as Role);
    const roleChanged = role !== current.role;
    if (roleChanged) refuseSelf(by, current, 'change the role of');
    const before = scopeOfDoc(current);
    const requested: Partial<ScopeFields> = {};
    if (input.gridIds !== undefined) requested.gridIds = input.gridIds;
    if (input.teamId !== undefined) requested.teamId = input.teamId;
    if (input.agencyId !== undefined) requested.agencyId = input.agencyId;
    const after = checkedScope(role, before, requested);
    const scopeDiff = scopeChanged(before, after);
    const profile = PROFILE_FIELDS.filter((k) => input[k] !== undefined && input[k] !== (current[k] ?? null));
    if (!roleChanged && !scopeDiff && profile.length === 0) return null;

    const audits: UserChange['audits'] = [];
    if (roleChanged) audits.push({ action: 'user.role_changed', details: { before: { role: current.role }, after: { role } } });
    if (scopeDiff) audits.push({ action: 'user.scope_changed', details: { role, before, after } });
    if (profile.length) {
      audits.push({
        action: 'user.updated',
        details: {
          fields: profile,
          before: Object.fromEntries(profile.map((k) => [k, current[k] ?? null])),
          after: Object.fromEntries(profile.map((k) => [k, input[k] ?? null])),
        },
      });
    }
    const set: Partial<UserDoc> = Object.fromEntries(profile.map((k) => [k, input[k] ?? null]));
    if (roleChanged) set.role = role;
    if (scopeDiff || roleChanged) Object.assign(set, toDbScope(after));
    if (role === 'inspector' && (scopeDiff || roleChanged)) {
      await checkCellsExist(after.gridIds);
      cells.ids = after.gridIds;
    } else if (roleChanged && current.role === 'inspector') cells.ids = [];
    return { set, endSessions: roleChanged || scopeDiff, audits };
  });
  if (!cells.ids) return user;
  await assignCellsToInspector(id, cells.ids);
  return (await findUserById(id)) ?? user;
}

/** Disabling ends the user's sessions at once (their access tokens stop on the next request). */
export function disableUser(ctx: Ctx, by: Actor, id: string): Promise<UserDoc> {
  return applyChange(ctx, by, id, (current) => {
    if (current.disabled) return null;
    refuseSelf(by, current, 'disable');
    return { set: { disabled: true }, endSessions: true, audits: [{ action: 'user.disabled' }] };
  });
}

export function enableUser(ctx: Ctx, by: Actor, id: string): Promise<UserDoc> {
  return applyChange(ctx, by, id, (current) =>
    current.disabled ? { set: { disabled: false }, endSessions: true, audits: [{ action: 'user.enabled' }] } : null,
  );
}

/** Sets a new password chosen by the administrator; every existing session of the user ends. */
export async function resetPassword(ctx: Ctx, by: Actor, id: string, password: string): Promise<void> {
  await applyChange(ctx, by, id, async () => ({
    set: {},
    passwordHash: await hashPassword(password),
    endSessions: true,
    audits: [{ action: 'user.password_reset' }],
  }));
}
