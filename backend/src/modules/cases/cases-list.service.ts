import { Types } from 'mongoose';
import type { CaseListQuery } from '../../contracts';
import { findByIdsMap } from '../../core/by-ids';
import type { AppContext } from '../../core/context';
import { badRequest } from '../../core/errors';
import type { AuthUser } from '../auth';
import { CaseModel } from './case.model';
import { OPEN_STATUSES } from './case.workflow';
import { assertCaseRole, canSeeCase, caseScopeFilter, scopeConditions } from './cases.policy';
import { caseIndex, dueDay, entryOf, pooled, statusPairKey, type CaseEntry, type Condition } from './case-index';
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

/** The same rules as listFilter (scope through the policy's canSeeCase), for an index entry. */
export function listPredicate(ctx: AppContext, user: AuthUser, q: Omit<CaseListQuery, 'sort' | 'limit' | 'cursor'>): (e: CaseEntry) => boolean {
  assertCaseRole(user);
  const now = ctx.clock.now().getTime();
  // The query's values and the caller's scope as the index's pooled strings (pointer compares).
  const inSet = (xs: readonly string[] | undefined) => (xs ? new Set<string>(xs.map(pooled)) : null);
  const status = inSet(q.status);
  const tier = inSet(q.tier);
  const category = inSet(q.category);
  const domain = inSet(q.domain);
  const time = (s?: string) => (s ? new Date(s).getTime() : null);
  const [cFrom, cTo, uFrom, uTo] = [time(q.createdFrom), time(q.createdTo), time(q.updatedFrom), time(q.updatedTo)];
  const rx = q.q ? new RegExp(escapeRegex(q.q), 'i') : null;
  // The query's fields as locals: the closure runs once per candidate (tens of thousands per list),
  // and reading the parsed query object's properties each time cost more than the tests themselves.
  const { mine, overdue } = q;
  const [teamId, zoneId, gridId, holderId] = [q.teamId, q.zoneId, q.gridId, q.holderId].map((v) => (v ? pooled(v) : v));
  const viewer: AuthUser = { ...user, id: pooled(user.id), teamId: user.teamId && pooled(user.teamId), agencyId: user.agencyId && pooled(user.agencyId), gridIds: user.gridIds.map(pooled) };
  const me = viewer.id;
  return (e) => {
    if (!canSeeCase(viewer, e)) return false;
    if (status !== null && !status.has(e.status)) return false;
    if (tier !== null && !tier.has(e.tier)) return false;
    if (teamId && e.teamId !== teamId) return false;
    if (zoneId && e.zoneId !== zoneId) return false;
    if (gridId && e.gridId !== gridId) return false;
    if (category !== null && !category.has(e.categoryCode)) return false;
    if (domain !== null && !domain.has(e.domain)) return false;
    if (holderId && e.holderId !== holderId) return false;
    if (mine && (e.holderId !== me || !OPEN.has(e.status))) return false;
    if (overdue !== undefined) {
      const isOverdue = OPEN.has(e.status) && e.dueAt !== null && e.dueAt < now;
      if (isOverdue !== overdue) return false;
    }
    if (cFrom !== null && !(e.createdAt >= cFrom)) return false;
    if (cTo !== null && !(e.createdAt < cTo)) return false;
    if (uFrom !== null && !(e.updatedAt >= uFrom)) return false;
    if (uTo !== null && !(e.updatedAt < uTo)) return false;
    if (rx && !rx.test(e.description) && !rx.test(e.caseNo) && !(e.address !== null && rx.test(e.address))) return false;
    return true;
  };
}

const OPEN = new Set<string>(OPEN_STATUSES);

/** Conditions every match of the query satisfies, so the index walks only the cases that can match. */
export function listConditions(user: AuthUser, q: Omit<CaseListQuery, 'sort' | 'limit' | 'cursor'>): Condition[] {
  const c: Condition[] = scopeConditions(user);
  if (q.status) c.push([['status', q.status]]);
  if (q.overdue === true || q.mine) c.push([['status', OPEN_STATUSES]]);
  if (q.teamId) c.push([['teamId', [q.teamId]]]);
  // A team's cases in these statuses: the status-within-team groups.
  if (q.status && q.teamId) c.push([['statusTeam', q.status.map((s) => statusPairKey(s, q.teamId!))]]);
  if (q.status && user.role === 'team_leader' && user.teamId !== null) {
    c.push([['statusTeam', q.status.map((s) => statusPairKey(s, user.teamId!))], ['statusHolder', q.status.map((s) => statusPairKey(s, user.id))]]);
  }
  if (q.gridId) c.push([['gridId', [q.gridId]]]);
  if (q.holderId) c.push([['holderId', [q.holderId]]]);
  if (q.mine) c.push([['holderId', [user.id]]]);
  if (q.category) c.push([['categoryCode', q.category]]);
  return c;
}
const ENTRY_KEY = { createdAt: 'createdAt', updatedAt: 'updatedAt', 'stage.dueAt': 'dueAt' } as const;

/** Order on (sort value, id), a missing value (no deadline) before every date, as MongoDB sorts. */
function compareKeys(av: number | null, aid: string, bv: number | null, bid: string): number {
  if (av !== bv) {
    if (av === null) return -1;
    if (bv === null) return 1;
    return av - bv;
  }
  return aid < bid ? -1 : aid > bid ? 1 : 0;
}

/**
 * A page's documents are read by two `_id $in` queries sent at once: the database decodes each on
 * its own core, and on FerretDB decoding the page's stored JSON is most of a list's time.
 */
const PAGE_READ_QUERIES = 2;

/**
 * Keyset pagination on (sort field, _id): stable under inserts, no skip. Served from the in-memory
 * case index (case-index.ts; FerretDB would scan the collection twice, for the page and the count):
 * the index picks the page and counts the matches, the page's documents are read by `_id $in` (PAGE_READ_QUERIES), and
 * each is checked again against the query; an entry found behind its document is corrected and
 * the page picked again.
 */
export async function listCases(ctx: AppContext, user: AuthUser, q: CaseListQuery) {
  const matches = listPredicate(ctx, user, q);
  const desc = q.sort.startsWith('-');
  const field = SORT_FIELD[q.sort.replace('-', '') as keyof typeof SORT_FIELD];
  const keyOf = ENTRY_KEY[field];
  const dir = desc ? -1 : 1;
  const cursor = q.cursor ? decodeCursor(q.cursor) : null;
  const cv = cursor ? (cursor.v === null ? null : new Date(String(cursor.v)).getTime()) : null;
  if (cursor && cv !== null && Number.isNaN(cv)) throw badRequest('INVALID_CURSOR', 'The cursor is not valid');
  const conditions = listConditions(user, q);
  const index = caseIndex();
  await index.fresh();
  // Overdue: open cases due on or before today (the due-day groups), then the exact time test.
  if (q.overdue === true) conditions.push([['openDueDay', index.openDueDaysUpTo(dueDay(ctx.clock.now().getTime()))]]);
  for (let attempt = 0; ; attempt++) {
    // Matches counted, and the first limit + 1 after the cursor kept in order (insertion into a short sorted array).
    let total = 0;
    const top: CaseEntry[] = [];
    const want = q.limit + 1;
    const cmp = (a: CaseEntry, b: CaseEntry) => dir * compareKeys(a[keyOf], a.id, b[keyOf], b.id);
    index.walk(conditions, (e) => {
      if (!matches(e)) return;
      total++;
      if (cursor && dir * compareKeys(e[keyOf], e.id, cv, cursor.id) <= 0) return;
      if (top.length === want && cmp(e, top[want - 1]!) >= 0) return;
      let lo = 0;
      let hi = top.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cmp(top[mid]!, e) < 0) lo = mid + 1;
        else hi = mid;
      }
      top.splice(lo, 0, e);
      if (top.length > want) top.pop();
    });
    // Only the page is read: the extra entry just tells whether another page follows.
    const shown = top.slice(0, q.limit);
    const byId = await findByIdsMap<CaseRecord>(CaseModel, shown.map((e) => new Types.ObjectId(e.id)), { parallel: PAGE_READ_QUERIES });
    const docs = shown.map((e) => byId.get(e.id) ?? null);
    const behind = shown.filter((e, i) => {
      const d = docs[i];
      return !d || d.seq !== e.seq || !sameEntry(e, entryOf(d));
    });
    if (behind.length > 0 && attempt < 3) {
      index.refresh(
        docs.filter((d): d is CaseRecord => d !== null),
        shown.filter((_, i) => !docs[i]).map((e) => e.id),
      );
      continue;
    }
    // Still moving after three looks: answer what matches now (a page may come out short).
    const page = docs.filter((d): d is CaseRecord => d !== null && matches(entryOf(d)));
    const last = page[page.length - 1];
    const nextCursor = top.length > q.limit && last ? encodeCursor({ v: sortValue(last, field), id: String(last._id) }) : null;
    return { page, nextCursor, total };
  }
}

function sameEntry(a: CaseEntry, b: CaseEntry): boolean {
  for (const k of Object.keys(a) as (keyof CaseEntry)[]) {
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) ? x.join() !== (y as string[]).join() : x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/** Streams every case matching the filter (for CSV export), scope applied. */
export function streamCases(ctx: AppContext, user: AuthUser, q: CaseListQuery) {
  return CaseModel.find(listFilter(ctx, user, q)).sort({ createdAt: -1, _id: -1 }).lean<CaseRecord>().cursor({ batchSize: 500 });
}
