/**
 * Observers of case timelines outside the case module (the evaluation fact projection, issue 8),
 * plugged in by the composition root (modules/index.ts) with `useTimelineHooks()`, so the case
 * module depends on this port only. `appendEvent` calls `beforeAppend` before inserting an event
 * (a failure there stops the append) and `afterAppend` after the insert that won, except for a
 * case's first event: the report path calls `caseCreated` with the new case document and that
 * event (when this attempt inserted it) instead, and does not wait for it (an observer settles its
 * own pending writes before it reads). `withdraw` takes back a `beforeAppend` for an event that will
 * never be inserted: the report path journals a new case's first event while its idempotency key is
 * being decided, and a request that loses the key never uses that case id. The last three never throw.
 */
export interface TimelineHooks {
  beforeAppend(caseId: string, seq: number, at: Date): Promise<void>;
  withdraw(caseId: string, seq: number): Promise<void>;
  afterAppend(event: Record<string, any>): Promise<void>;
  caseCreated(doc: Record<string, any>, firstEvent: Record<string, any> | null): Promise<void>;
}

let hooks: TimelineHooks | null = null;

export function useTimelineHooks(h: TimelineHooks | null): void {
  hooks = h;
}

export const timelineHooks: TimelineHooks = {
  beforeAppend: async (caseId, seq, at) => hooks?.beforeAppend(caseId, seq, at),
  withdraw: async (caseId, seq) => hooks?.withdraw(caseId, seq),
  afterAppend: async (event) => hooks?.afterAppend(event),
  caseCreated: async (doc, firstEvent) => hooks?.caseCreated(doc, firstEvent),
};
