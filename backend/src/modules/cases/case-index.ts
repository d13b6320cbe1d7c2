import mongoose, { Types } from 'mongoose';
import { findByIdsMap } from '../../core/by-ids';
import { activeBus } from '../events';
import { CaseModel } from './case.model';
import { onCaseChange, type CaseChange } from './case-changes';
import { OPEN_STATUSES } from './case.workflow';

/**
 * What lists, counts and the duplicate check need of a case, for every case, in memory.
 *
 * FerretDB v1 pushes only `_id` filters into SQL (exact, and `$in` with the build patch
 * sqlite-id-in): any other query reads and decodes the whole cases collection (~0.3 ms of
 * FerretDB CPU per case, so tens of seconds at 100,000 cases). This index is loaded once (one
 * scan, at server start) and then kept current without scanning:
 * - writes of this process through CaseModel (middleware in case.model.ts): a saved document is
 *   taken as is, a `$set` by `_id` is applied at once and confirmed by a re-read by `_id`, another
 *   write by `_id` is re-read, any other write asks for a reload;
 * - writes of other API instances: the case events on the event bus name the case and its seq;
 *   the case is re-read by `_id` until the document has caught up with that seq; a gap in the
 *   bus asks for a reload.
 * A reload is awaited while the collection is small (the last load took ≤ INLINE_RELOAD_MS),
 * otherwise it runs in the background and requests are answered from the current entries.
 * Cases are grouped (GROUPS) so a list walks only those that can match.
 * Callers read the documents they return by `_id` and re-check them (cases-list.service.ts),
 * so an entry that is behind never shows a case that no longer matches.
 */
export interface CaseEntry {
  id: string;
  seq: number;
  caseNo: string;
  status: string;
  tier: string;
  categoryCode: string;
  domain: string;
  teamId: string | null;
  zoneId: string | null;
  gridId: string | null;
  holderId: string | null;
  reporterId: string | null;
  agencyIds: string[];
  createdAt: number;
  updatedAt: number;
  reportedAt: number;
  dueAt: number | null;
  lng: number;
  lat: number;
  description: string;
  address: string | null;
}

const PROJECTION: Record<string, 1> = {
  seq: 1, caseNo: 1, status: 1, tier: 1, categoryCode: 1, domain: 1, teamId: 1, zoneId: 1, gridId: 1, holderId: 1,
  reporterId: 1, agencyIds: 1, createdAt: 1, updatedAt: 1, reportedAt: 1, 'stage.dueAt': 1, location: 1, description: 1, address: 1,
};
const INLINE_RELOAD_MS = 250;
/** Re-reads of a case another instance changed, before giving up on it and reloading. */
const MAX_CATCH_UP_TRIES = 20;

/**
 * One string object per distinct value of the fields lists compare (ids, status, tier, category,
 * domain), internalized by V8 (it became a property key), so comparing two of them is a pointer
 * test. Strings decoded from BSON are each a copy: a list's walk over ~12,000 entries compared
 * them by content and took 12–18 ms; interned, 3–6 ms. The pool holds the org's ids (cells, teams,
 * people, agencies) and the catalogue's codes: it grows with the organisation, not with cases.
 */
const interned = new Map<string, string>();
export function intern(s: string): string {
  let v = interned.get(s);
  if (v === undefined) {
    v = Object.keys({ [s]: 0 })[0]!;
    interned.set(v, v);
  }
  return v;
}
/**
 * The pooled string equal to `s`, or `s` when no case holds that value (so nothing in the index can
 * equal it anyway). For values from requests, which must not grow the pool.
 */
export const pooled = (s: string): string => interned.get(s) ?? s;
const idOrNull = (v: unknown) => (v === null || v === undefined ? null : intern(String(v)));
const time = (v: unknown) => (v ? new Date(v as string | Date).getTime() : 0);

export function entryOf(d: Record<string, any>): CaseEntry {
  const coords: number[] = d.location?.coordinates ?? [];
  return {
    id: String(d._id),
    seq: Number(d.seq ?? 0),
    caseNo: String(d.caseNo ?? ''),
    status: intern(String(d.status)),
    tier: intern(String(d.tier)),
    categoryCode: intern(String(d.categoryCode)),
    domain: intern(String(d.domain)),
    teamId: idOrNull(d.teamId),
    zoneId: idOrNull(d.zoneId),
    gridId: idOrNull(d.gridId),
    holderId: idOrNull(d.holderId),
    reporterId: idOrNull(d.reporterId),
    agencyIds: Array.isArray(d.agencyIds) ? d.agencyIds.map((a: unknown) => intern(String(a))) : [],
    createdAt: time(d.createdAt),
    updatedAt: time(d.updatedAt),
    reportedAt: time(d.reportedAt ?? d.createdAt),
    dueAt: d.stage?.dueAt ? time(d.stage.dueAt) : null,
    lng: Number(coords[0]),
    lat: Number(coords[1]),
    description: String(d.description ?? ''),
    address: d.address ?? null,
  };
}

/**
 * The entry after a `$set` of these fields, or null when the set touches a listed field in a way
 * this does not follow (the case is then re-read instead). Fields lists don't use are ignored.
 */
export function entryAfterSet(e: CaseEntry, set: Record<string, unknown>): CaseEntry | null {
  const next: CaseEntry = { ...e };
  for (const [key, v] of Object.entries(set)) {
    switch (key) {
      case 'seq': next.seq = Number(v ?? 0); break;
      case 'caseNo': next.caseNo = String(v); break;
      case 'status': case 'tier': case 'categoryCode': case 'domain': next[key] = intern(String(v)); break;
      case 'teamId': case 'zoneId': case 'gridId': case 'holderId': case 'reporterId': next[key] = idOrNull(v); break;
      case 'agencyIds': next.agencyIds = Array.isArray(v) ? v.map((a) => intern(String(a))) : []; break;
      case 'createdAt': case 'updatedAt': case 'reportedAt': next[key] = time(v); break;
      case 'stage': next.dueAt = (v as { dueAt?: unknown } | null)?.dueAt ? time((v as { dueAt: unknown }).dueAt) : null; break;
      case 'stage.dueAt': next.dueAt = v ? time(v) : null; break;
      case 'description': next.description = String(v ?? ''); break;
      case 'address': next.address = (v as string | null) ?? null; break;
      default: {
        const root = key.split('.')[0]!;
        if (root === 'location' || (root !== 'stage' && key.includes('.') && root in PROJECTION)) return null;
      }
    }
  }
  return next;
}

const DAY_MS = 86_400_000;
const OPEN = new Set<string>(OPEN_STATUSES);
/** The (UTC) day number of a time, for the due-day group. */
export const dueDay = (ms: number) => Math.floor(ms / DAY_MS);
/** The key of the status-within-team and status-by-holder groups: a status and an id. */
export const statusPairKey = (status: string, id: string) => `${status}|${id}`;

/**
 * What the index groups cases by, so a list walks only the cases that can match: fields, a
 * status-within-team pair (a team's work list), and the due day of open cases (the overdue list).
 * A null key leaves the case out of that group.
 */
const GROUPS = {
  status: (e: CaseEntry) => e.status,
  categoryCode: (e: CaseEntry) => e.categoryCode,
  teamId: (e: CaseEntry) => e.teamId,
  gridId: (e: CaseEntry) => e.gridId,
  holderId: (e: CaseEntry) => e.holderId,
  reporterId: (e: CaseEntry) => e.reporterId,
  statusTeam: (e: CaseEntry) => (e.teamId === null ? null : statusPairKey(e.status, e.teamId)),
  statusHolder: (e: CaseEntry) => (e.holderId === null ? null : statusPairKey(e.status, e.holderId)),
  openDueDay: (e: CaseEntry) => (OPEN.has(e.status) && e.dueAt !== null ? String(dueDay(e.dueAt)) : null),
} satisfies Record<string, (e: CaseEntry) => string | null>;
export type GroupKey = keyof typeof GROUPS;
const GROUP_KEYS = Object.keys(GROUPS) as GroupKey[];
/** A union of (group, keys): every match of a query is in one of these groups under one of the keys. */
export type Condition = readonly (readonly [GroupKey, readonly string[]])[];
const newGroups = () => Object.fromEntries(GROUP_KEYS.map((k) => [k, new Map<string, Map<string, CaseEntry>>()])) as Record<GroupKey, Map<string, Map<string, CaseEntry>>>;

export class CaseIndex {
  private entries = new Map<string, CaseEntry>();
  /** For each grouped field, value → the cases with that value by id (null values are not grouped). */
  private groups = newGroups();
  /** Cases to re-read by `_id` (value: the seq the document must have reached, 0 = any). */
  private stale = new Map<string, { seq: number; tries: number }>();
  private loaded: Promise<void> | null = null;
  private reloading: Promise<void> | null = null;
  private catching: Promise<void> | null = null;
  /** Bumped by reset(): reads that started before it are not applied after it. */
  private generation = 0;
  private dirty = false;
  private lastLoadMs = 0;
  private dbName: string | null = null;
  private busPos = -1;

  constructor() {
    onCaseChange((c) => this.note(c));
  }

  get size(): number {
    return this.entries.size;
  }

  inCategory(code: string): CaseEntry[] {
    return [...(this.groups.categoryCode.get(code)?.values() ?? [])];
  }

  /** The due-day keys of open cases due on or before this day (their overdue candidates). */
  openDueDaysUpTo(day: number): string[] {
    return [...this.groups.openDueDay.keys()].filter((k) => Number(k) <= day);
  }

  /** How many cases are in these groups. */
  private countOf(key: GroupKey, values: readonly string[]): number {
    const g = this.groups[key];
    let n = 0;
    for (const v of new Set(values)) n += g.get(v)?.size ?? 0;
    return n;
  }

  /**
   * Calls `visit` with each case that may match a query, for it to test: each condition is a
   * union of (field, values) that every match satisfies (e.g. "status in {...}", or "teamId = T
   * or holderId = U"), and the smallest is walked. Without conditions, every case.
   */
  walk(conditions: readonly Condition[], visit: (e: CaseEntry) => void): void {
    let best: Condition | null = null;
    let bestSize = this.entries.size;
    for (const c of conditions) {
      const size = c.reduce((n, [key, values]) => n + this.countOf(key, values), 0);
      if (size < bestSize) [best, bestSize] = [c, size];
    }
    if (!best) {
      for (const e of this.entries.values()) visit(e);
      return;
    }
    // Keys of one group are disjoint; a case in the groups of an earlier part was visited there.
    const earlier: [GroupKey, Set<string>][] = [];
    for (const [key, values] of best) {
      const keys = new Set(values);
      for (const v of keys) {
        const group = this.groups[key].get(v);
        if (!group) continue;
        for (const e of group.values()) {
          if (earlier.length > 0 && earlier.some(([k, ks]) => ks.has(GROUPS[k](e) as string))) continue;
          visit(e);
        }
      }
      earlier.push([key, keys]);
    }
  }

  /** Forgets everything (a bulk load outside the app, another database): the next use loads. */
  reset(): void {
    this.entries.clear();
    this.groups = newGroups();
    this.stale.clear();
    this.loaded = null;
    this.reloading = null;
    this.catching = null;
    this.generation += 1;
    this.dirty = false;
    this.busPos = -1;
  }

  private note(c: CaseChange): void {
    if (!this.loaded) return;
    if (c.kind === 'doc') this.put(entryOf(c.doc));
    else if (c.kind === 'set') {
      const old = this.entries.get(c.id);
      const next = old ? entryAfterSet(old, c.set) : null;
      if (next) this.put(next);
      // Still confirmed by a re-read: the set may have matched nothing, or raced another write.
      this.stale.set(c.id, { seq: 0, tries: 0 });
    } else if (c.kind === 'id') this.stale.set(c.id, { seq: 0, tries: 0 });
    else this.dirty = true;
  }

  private put(e: CaseEntry): void {
    const old = this.entries.get(e.id);
    if (old && old.seq > e.seq) return;
    this.entries.set(e.id, e);
    for (const key of GROUP_KEYS) {
      const was = old ? GROUPS[key](old) : null;
      const now = GROUPS[key](e);
      if (was !== null && was !== now) this.groups[key].get(was)?.delete(e.id);
      if (now === null) continue;
      let group = this.groups[key].get(now);
      if (!group) this.groups[key].set(now, (group = new Map()));
      group.set(e.id, e); // the current entry object, also when the value did not change
    }
  }

  private drop(id: string): void {
    const old = this.entries.get(id);
    if (!old) return;
    this.entries.delete(id);
    for (const key of GROUP_KEYS) {
      const v = GROUPS[key](old);
      if (v !== null) this.groups[key].get(v)?.delete(id);
    }
  }

  private async loadAll(): Promise<void> {
    const started = Date.now();
    const generation = this.generation;
    this.busPos = this.busHead();
    const fresh = new Map<string, CaseEntry>();
    const cursor = CaseModel.find({}, PROJECTION).lean<Record<string, unknown>>().cursor({ batchSize: 2000 });
    for await (const d of cursor) fresh.set(String(d._id), entryOf(d));
    if (generation !== this.generation) return; // reset meanwhile (another database)
    // Changes noted while the scan ran are newer than what it read (seq decides).
    for (const e of this.entries.values()) {
      const f = fresh.get(e.id);
      if (!f || f.seq < e.seq) fresh.set(e.id, e);
    }
    this.entries = new Map();
    this.groups = newGroups();
    for (const e of fresh.values()) this.put(e);
    this.lastLoadMs = Date.now() - started;
  }

  private busHead(): number {
    const bus = activeBus();
    if (!bus) return -1;
    let pos = 0;
    for (;;) {
      const evs = bus.hub.eventsAfter(pos, 5000);
      if (evs.length === 0) return pos;
      pos = evs[evs.length - 1]!.seq;
    }
  }

  /** Case events other instances put on the bus since the last look: their cases are re-read. */
  private followBus(): void {
    const bus = activeBus();
    if (!bus) return;
    if (this.busPos < 0) {
      this.busPos = this.busHead();
      return;
    }
    for (;;) {
      const evs = bus.hub.eventsAfter(this.busPos, 5000);
      if (evs.length === 0) return;
      if (evs[0]!.seq > this.busPos + 1) this.dirty = true; // the ring moved past us
      for (const ev of evs) {
        if (!ev.type.startsWith('case.')) continue;
        const id = ev.data.caseId;
        const seq = Number(ev.data.caseSeq ?? 0);
        const e = typeof id === 'string' ? this.entries.get(id) : undefined;
        if (typeof id === 'string' && (!e || e.seq < seq)) this.stale.set(id, { seq, tries: 0 });
      }
      this.busPos = evs[evs.length - 1]!.seq;
    }
  }

  private async catchUp(): Promise<void> {
    if (this.stale.size === 0) return;
    const generation = this.generation;
    const todo = [...this.stale.entries()];
    this.stale.clear();
    let docs: Map<string, Record<string, unknown>>;
    try {
      const ids = todo.map(([id]) => id).filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
      docs = await findByIdsMap<Record<string, unknown> & { _id: unknown }>(CaseModel, ids, { projection: PROJECTION });
    } catch (err) {
      // Not read: still to do (unless noted again meanwhile).
      for (const [id, want] of todo) if (!this.stale.has(id)) this.stale.set(id, want);
      throw err;
    }
    if (generation !== this.generation) return; // reset meanwhile (another database)
    for (const [id, want] of todo) {
      const d = docs.get(id);
      if (!d) {
        if (want.seq === 0 || want.tries >= MAX_CATCH_UP_TRIES) this.drop(id);
        else this.stale.set(id, { ...want, tries: want.tries + 1 });
        continue;
      }
      const e = entryOf(d);
      this.put(e);
      // The announcing instance writes the projection right after its event: look again later.
      if (e.seq < want.seq) {
        if (want.tries >= MAX_CATCH_UP_TRIES) this.dirty = true;
        else this.stale.set(id, { ...want, tries: want.tries + 1 });
      }
    }
  }

  /** Loads on first use, then applies what changed since (see the class comment). */
  async fresh(): Promise<void> {
    const dbName = mongoose.connection.name ?? null;
    if (this.dbName !== dbName) {
      this.reset();
      this.dbName = dbName;
    }
    if (!this.loaded) {
      this.loaded = this.loadAll().catch((err) => {
        this.loaded = null;
        throw err;
      });
    }
    await this.loaded;
    this.followBus();
    if (this.dirty && !this.reloading) {
      this.dirty = false;
      this.reloading = this.loadAll().finally(() => {
        this.reloading = null;
      });
      this.reloading.catch(() => {
        this.dirty = true;
      });
    }
    if (this.reloading && this.lastLoadMs <= INLINE_RELOAD_MS) await this.reloading;
    // One catch-up at a time, and every caller waits for the one in flight: a request arriving
    // while another request's re-reads run must not answer from the entries they are fixing.
    while (this.catching) await this.catching;
    if (this.stale.size > 0) {
      const catching = this.catchUp().finally(() => {
        if (this.catching === catching) this.catching = null;
      });
      this.catching = catching;
      await catching;
    }
  }

  /** Takes these documents as read by a caller that found their entries behind (and drops the missing). */
  refresh(docs: Record<string, unknown>[], missing: string[]): void {
    for (const d of docs) this.put(entryOf(d));
    for (const id of missing) this.drop(id);
  }
}

let index: CaseIndex | null = null;

export function caseIndex(): CaseIndex {
  return (index ??= new CaseIndex());
}

/**
 * Loads the index in the background at server start, so the first list after a restart does not
 * wait for the scan of the cases collection (tens of seconds at 100,000 cases on FerretDB).
 */
export function warmCaseIndex(logger: { info: (o: object, m: string) => void; warn: (o: object, m: string) => void }): void {
  const started = Date.now();
  caseIndex()
    .fresh()
    .then(() => logger.info({ cases: caseIndex().size, ms: Date.now() - started }, 'case index loaded'))
    .catch((err: unknown) => logger.warn({ err }, 'case index not loaded at start; the first list loads it'));
}

/** For bulk loads that bypass the app (benchmarks, imports): the next use reloads. */
export function resetCaseIndex(): void {
  index?.reset();
}
