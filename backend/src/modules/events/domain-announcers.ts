import { findCase, type CaseRecord } from '../cases';
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

/**
 * Waits (briefly) until the case document has the change of event `seq` (its writer applies the
 * patch right after the event). Past the wait it goes on anyway: the event happened, and a writer
 * that died before its projection is repaired by the next reader (cases catchUp).
 */
async function projectionAt(id: string, seq: number): Promise<void> {
  for (let delay = 5; delay <= 1280; delay *= 2) {
    const kase = await findCase(id);
    if (!kase || (kase.seq ?? 0) >= seq) return;
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Waits (briefly) for the case document the creating request writes right after its first event. */
async function caseWhenWritten(id: string): Promise<CaseRecord | null> {
  for (let delay = 5; delay <= 1280; delay *= 2) {
    const kase = await findCase(id);
    if (kase) return kase;
    await new Promise((r) => setTimeout(r, delay));
  }
  return null;
}

/**
 * Called by `appendEvent` right after a timeline event was inserted (the insert that won), for
 * every case change. A change (seq > 1) reads the case now — before the caller writes the
 * projection — so the event carries the scope before and after (a case dispatched away still
 * reaches its former holder as "left your scope"), and is put on the bus, in the background, once
 * the projection has caught up with the event: a client refetching on `case.updated` must find
 * the change (announced earlier, a list read in between answered the old state and nothing asked
 * again). A creation likewise waits for the case document.
 */
export async function announceCaseEvent(e: CaseEventLike): Promise<void> {
  const bus = activeBus();
  if (!bus) return;
  const caseId = String(e.caseId);
  if (e.seq === 1) {
    announceWhenReady(async () => {
      const kase = await caseWhenWritten(caseId);
      const c = kase ?? { ...e.data, reporterId: e.actorId, status: e.to };
      const scope = scopeOf(c);
      return { type: 'case.created', audience: { kind: 'case', scope, prev: null }, data: caseData(e, c) };
    });
    return;
  }
  try {
    const prev = await findCase(caseId);
    if (!prev) return;
    const next: Record<string, unknown> = { ...prev, ...e.patch, status: e.patch.status ?? e.to ?? prev.status };
    const scope = scopeOf(next);
    const before = scopeOf(prev);
    announceWhenReady(async () => {
      await projectionAt(caseId, e.seq);
      return {
        type: 'case.updated',
        audience: { kind: 'case', scope, prev: sameScope(scope, before) ? null : before },
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
