import { findCase, whenProjected, type CaseRecord } from '../cases';
import type { CaseScope } from './bus-event.types';
import { activeBus, announce, announceWhenReady } from './event-bus.service';

/** The timeline event as `appendEvent` stored it (only the fields read here). */
export interface CaseEventLike {
  caseId: unknown;
  seq: number;
  action: string;
  to: string | null;
  actorId: unknown;
  at: Date;
  data: Record<string, unknown>;
  patch: Record<string, unknown>;
}

const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

function scopeOf(c: Record<string, unknown>): CaseScope {
  return {
    gridId: str(c.gridId),
    teamId: str(c.teamId),
    holderId: str(c.holderId),
    reporterId: str(c.reporterId),
    agencyIds: strs(c.agencyIds),
  };
}

const sameScope = (a: CaseScope, b: CaseScope) =>
  a.gridId === b.gridId &&
  a.teamId === b.teamId &&
  a.holderId === b.holderId &&
  a.reporterId === b.reporterId &&
  a.agencyIds.join() === b.agencyIds.join();

/** The client-facing payload of a case event (whitelisted: what a map pin or a work list needs). */
function caseData(e: CaseEventLike, c: Record<string, unknown>) {
  const loc = (c.location as { coordinates?: number[] } | undefined)?.coordinates;
  return {
    caseId: String(e.caseId),
    caseNo: str(c.caseNo),
    caseSeq: e.seq,
    action: e.action,
    status: str(c.status),
    tier: str(c.tier),
    urgent: Boolean(c.urgent),
    categoryCode: str(c.categoryCode),
    location: loc ? [loc[0], loc[1]] : null,
    ...scopeOf(c),
    zoneId: str(c.zoneId),
    at: e.at instanceof Date ? e.at.toISOString() : str(e.at),
  };
}

/** How long an announcement waits for its writer to report the projection before reading it. */
const PROJECTION_WAIT_MS = 1500;

/**
 * Reads the case until `ready` holds (backing off 5 ms → 1.3 s), for when this process did not see
 * the projection written in time: its writer died before it (the event happened; the next reader
 * repairs the case, cases catchUp) or wrote it around the model. Returns the last read.
 */
async function readUntil(id: string, ready: (kase: CaseRecord | null) => boolean): Promise<CaseRecord | null> {
  let kase: CaseRecord | null = null;
  for (let delay = 5; delay <= 1280; delay *= 2) {
    kase = await findCase(id);
    if (ready(kase)) return kase;
    await new Promise((r) => setTimeout(r, delay));
  }
  return kase;
}

/**
 * Called by `appendEvent` right after a timeline event was inserted (the insert that won), for
 * every case change, before the caller writes the projection. The announcement goes on the bus
 * (in the background) once the projection has the event, as the case module reports the write
 * (`whenProjected`, registered here, before that write): a client refetching on the event must
 * find the change (announced earlier, a list read in between answered the old state and nothing
 * asked again). A change carries the scope before and after (a case dispatched away still reaches
 * its former holder as "left your scope"): before is the case the writer built the event on
 * (`before`, its document at seq - 1), read here only when the writer did not pass it.
 */
export async function announceCaseEvent(e: CaseEventLike, before?: CaseRecord): Promise<void> {
  const bus = activeBus();
  if (!bus) return;
  const caseId = String(e.caseId);
  if (e.seq === 1) {
    const projected = whenProjected(caseId, 1, PROJECTION_WAIT_MS);
    announceWhenReady(async () => {
      const seen = await projected;
      const kase = seen && seen !== true ? seen : await readUntil(caseId, (k) => k !== null);
      const c = kase ?? { ...e.data, reporterId: e.actorId, status: e.to };
      const scope = scopeOf(c);
      return { type: 'case.created', audience: { kind: 'case', scope, prev: null }, data: caseData(e, c) };
    });
    return;
  }
  try {
    const prev = before && before.seq === e.seq - 1 ? before : await findCase(caseId);
    if (!prev) return;
    // Registered before the writer's projection write: appendEvent, which awaits this, comes first.
    const projected = whenProjected(caseId, e.seq, PROJECTION_WAIT_MS);
    const next: Record<string, unknown> = { ...prev, ...e.patch, status: e.patch.status ?? e.to ?? prev.status };
    const scope = scopeOf(next);
    const prevScope = scopeOf(prev);
    announceWhenReady(async () => {
      if (!(await projected)) await readUntil(caseId, (k) => !k || (k.seq ?? 0) >= e.seq);
      return {
        type: 'case.updated',
        audience: { kind: 'case', scope, prev: sameScope(scope, prevScope) ? null : prevScope },
        data: caseData(e, next),
      };
    });
  } catch (err) {
    bus.logger.warn({ err: (err as Error).message, caseId }, 'event bus: case event not announced');
  }
}

/** Called by `notifyUsers` for each stored notification: pushed live to its one recipient. */
export function announceNotification(n: {
  _id: unknown;
  userId: unknown;
  kind: string;
  title: string;
  body?: string | null;
  link?: string | null;
  caseId?: unknown;
  at: Date;
}): void {
  announce({
    type: 'notification.created',
    audience: { kind: 'users', userIds: [String(n.userId)] },
    data: {
      id: String(n._id),
      kind: n.kind,
      title: n.title,
      body: n.body ?? '',
      link: n.link ?? null,
      caseId: str(n.caseId),
      at: n.at.toISOString(),
    },
  });
}
