import { Types } from 'mongoose';
import type { CaseListQuery } from '../../contracts';
import type { AppContext } from '../../core/context';
import { badRequest } from '../../core/errors';
import type { AuthUser } from '../auth';
import { CaseModel } from './case.model';
import { OPEN_STATUSES } from './case.workflow';
import { assertCaseRole, caseScopeFilter } from './cases.policy';
import type { CaseRecord } from './cases.repository';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oid = (id: string) => new Types.ObjectId(id);

/** The filter for a list query, always AND-ed with the caller's scope. */
export function listFilter(ctx: AppContext, user: AuthUser, q: Omit<CaseListQuery, 'sort' | 'limit' | 'cursor'>): Record<string, unknown> {
  assertCaseRole(user);
  const and: Record<string, unknown>[] = [caseScopeFilter(user)];
  if (q.status) and.push({ status: { $in: q.status } });
  if (q.tier) and.push({ tier: { $in: q.tier } });
  if (q.teamId) and.push({ teamId: oid(q.teamId) });
  if (q.zoneId) and.push({ zoneId: oid(q.zoneId) });
  if (q.gridId) and.push({ gridId: oid(q.gridId) });
  if (q.category) and.push({ categoryCode: { $in: q.category } });
  if (q.domain) and.push({ domain: { $in: q.domain } });
  if (q.holderId) and.push({ holderId: oid(q.holderId) });
  if (q.mine) and.push({ holderId: oid(user.id), status: { $in: OPEN_STATUSES } });
  if (q.overdue !== undefined) {
    const now = ctx.clock.now();
    and.push(
      q.overdue
        ? { status: { $in: OPEN_STATUSES }, 'stage.dueAt': { $lt: now } }
        : { $or: [{ status: { $nin: OPEN_STATUSES } }, { 'stage.dueAt': null }, { 'stage.dueAt': { $gte: now } }] },
    );
  }
  const range = (field: string, from?: string, to?: string) => {
    if (!from && !to) return;
    const r: Record<string, Date> = {};
    if (from) r.$gte = new Date(from);
    if (to) r.$lt = new Date(to);
    and.push({ [field]: r });
  };
  range('createdAt', q.createdFrom, q.createdTo);
  range('updatedAt', q.updatedFrom, q.updatedTo);
  if (q.q) {
    const rx = { $regex: escapeRegex(q.q), $options: 'i' };
    and.push({ $or: [{ description: rx }, { caseNo: rx }, { address: rx }] });
  }
  return and.length === 1 ? and[0]! : { $and: and };
}

interface Cursor {
  v: string | number | null;
  id: string;
}

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as Cursor;
    if (typeof c !== 'object' || !c || typeof c.id !== 'string' || !Types.ObjectId.isValid(c.id)) throw new Error('bad');
    return c;
  } catch {
    throw badRequest('INVALID_CURSOR', 'The cursor is not valid');
  }
}

const SORT_FIELD = { createdAt: 'createdAt', updatedAt: 'updatedAt', dueAt: 'stage.dueAt' } as const;

function sortValue(c: CaseRecord, field: string): string | null {
  const v = field === 'stage.dueAt' ? c.stage?.dueAt : c[field];
  return v ? new Date(v).toISOString() : null;
}

/** Keyset pagination on (sort field, _id): stable under inserts, no skip. */
export async function listCases(ctx: AppContext, user: AuthUser, q: CaseListQuery) {
  const base = listFilter(ctx, user, q);
  const desc = q.sort.startsWith('-');
  const field = SORT_FIELD[q.sort.replace('-', '') as keyof typeof SORT_FIELD];
  const dir = desc ? -1 : 1;
  let filter = base;
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    const op = desc ? '$lt' : '$gt';
    const v = c.v === null ? null : new Date(String(c.v));
    const after =
      v === null
        ? { [field]: null, _id: { [op]: oid(c.id) } }
        : { $or: [{ [field]: { [op]: v } }, { [field]: v, _id: { [op]: oid(c.id) } }] };
    filter = { $and: [base, after] };
  }
  const [rows, total] = await Promise.all([
    CaseModel.find(filter).sort({ [field]: dir, _id: dir }).limit(q.limit + 1).lean<CaseRecord[]>(),
    CaseModel.countDocuments(base),
  ]);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor = rows.length > q.limit && last ? encodeCursor({ v: sortValue(last, field), id: String(last._id) }) : null;
  return { page, nextCursor, total };
}

/** Streams every case matching the filter (for CSV export), scope applied. */
export function streamCases(ctx: AppContext, user: AuthUser, q: CaseListQuery) {
  return CaseModel.find(listFilter(ctx, user, q)).sort({ createdAt: -1, _id: -1 }).lean<CaseRecord>().cursor({ batchSize: 500 });
}
