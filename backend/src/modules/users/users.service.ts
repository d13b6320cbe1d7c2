import { z } from 'zod';
import { systemClock, type Clock } from '../../core/context';
import { AppError, badRequest, conflict, isDuplicateKey, notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../auth';
import { assignCellsToInspector, checkCellsExist } from './inspector-cells.service';
import { hashPassword } from './password.hasher';
import type { UserDoc } from './user.model';
import { checkedScope, toDbScope, userTarget } from './user-changes.service';
import { CreateUserSchema, type CreateUserInput, type ListUsersInput } from './users.schemas';
import {
  countUsers,
  findPasswordHash,
  findUserById,
  findUserByUsername,
  findUsers,
  insertUser,
  savePasswordHash,
} from './users.repository';

type Ctx = { clock: Clock };
type NewUserInput = z.infer<typeof CreateUserSchema>;

/**
 * Creates an account and its credential (two documents, no transaction: the unique username
 * decides a race; if the credential write fails, an admin password reset repairs it). Through the
 * API an inspector is then added to their cells' inspectors (the source of truth, see
 * inspector-cells.service); the seed helper (`via: 'seed'`) leaves cells to its caller, which
 * links them in bulk (linkDemoStaff, the benchmarks' staff).
 */
export async function createUser(
  ctx: Ctx,
  by: Actor | null,
  input: NewUserInput,
  via = 'admin',
  opts: { passwordHash?: string } = {},
): Promise<UserDoc> {
  const empty = { gridIds: [], teamId: null, agencyId: null };
  const scope = checkedScope(input.role, empty, {
    gridIds: input.gridIds,
    teamId: input.teamId,
    agencyId: input.agencyId,
  });
  const syncCells = via !== 'seed' && input.role === 'inspector';
  if (syncCells) await checkCellsExist(scope.gridIds);
  const passwordHash = opts.passwordHash ?? (await hashPassword(input.password));
  const now = ctx.clock.now();
  let user: UserDoc;
  try {
    user = await insertUser({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      ...toDbScope(scope),
      phone: input.phone,
      locale: input.locale,
      disabled: false,
      sessionVersion: 1,
      rev: 0,
      createdAt: now,
      updatedAt: now,
    });
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('USERNAME_TAKEN', `Username ${input.username} is already taken`);
    throw err;
  }
  await savePasswordHash(user._id, passwordHash, now);
  await recordAudit(ctx, {
    action: 'user.created',
    actor: by?.user ?? null,
    ip: by?.ip ?? null,
    target: userTarget(user),
    details: { via, role: input.role, ...scope },
  });
  if (!syncCells) return user;
  await assignCellsToInspector(String(user._id), scope.gridIds);
  return (await findUserById(String(user._id))) ?? user;
}

export async function getUser(id: string): Promise<UserDoc> {
  const user = await findUserById(id);
  if (!user) throw notFound('user', id);
  return user;
}

const CURSOR_USERNAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One page of users ordered by username, with the total matching the filters. */
export async function listUsers(
  q: ListUsersInput,
): Promise<{ items: UserDoc[]; nextCursor: string | null; total: number }> {
  let afterUsername: string | undefined;
  if (q.cursor) {
    afterUsername = Buffer.from(q.cursor, 'base64url').toString('utf8');
    if (!CURSOR_USERNAME.test(afterUsername)) throw badRequest('INVALID_CURSOR', 'The cursor is not one this list handed out');
  }
  const filter = {
    role: q.role,
    teamId: q.teamId,
    agencyId: q.agencyId,
    gridId: q.gridId,
    disabled: q.disabled,
    pattern: q.q ? escapeRegex(q.q) : undefined,
  };
  const [rows, total] = await Promise.all([findUsers({ ...filter, afterUsername }, q.limit), countUsers(filter)]);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > q.limit && last ? Buffer.from(last.username).toString('base64url') : null;
  return { items, nextCursor, total };
}

/**
 * Seeds an account (the demo fixture loader calls this): idempotent by username. An existing
 * user is returned unchanged, except that a missing credential is filled in. `passwordHash`, when
 * given, is stored instead of hashing `password` (the demo seed hashes its one password once).
 */
export async function ensureUser(
  input: CreateUserInput,
  ctx: Ctx = { clock: systemClock },
  opts: { passwordHash?: string } = {},
): Promise<{ user: UserDoc; created: boolean }> {
  const parsed = CreateUserSchema.parse(input);
  const existing = await findUserByUsername(parsed.username);
  if (existing) {
    if (!(await findPasswordHash(existing._id))) {
      await savePasswordHash(existing._id, opts.passwordHash ?? (await hashPassword(parsed.password)), ctx.clock.now());
    }
    return { user: existing, created: false };
  }
  try {
    return { user: await createUser(ctx, null, parsed, 'seed', opts), created: true };
  } catch (err) {
    const raced = err instanceof AppError && err.code === 'USERNAME_TAKEN' && (await findUserByUsername(parsed.username));
    if (raced) return { user: raced, created: false };
    throw err;
  }
}
