import { idOfFilter } from '../../core/model-writes';

/**
 * Every write through CaseModel reports here (Mongoose middleware registered in case.model.ts),
 * so in-memory views of the cases collection (case-index.ts) stay current without scanning it:
 * a saved document is handed over whole, a `$set` keyed by `_id` hands over the fields it set
 * (applied at once, so a list right after the write already sees it), any other write keyed by
 * `_id` names the case to re-read, and any other write asks for a full reload.
 */
export type CaseChange =
  | { kind: 'doc'; doc: Record<string, unknown> }
  | { kind: 'set'; id: string; set: Record<string, unknown> }
  | { kind: 'id'; id: string }
  | { kind: 'unknown' };

type Listener = (change: CaseChange) => void;

const listeners = new Set<Listener>();

export function onCaseChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function caseChanged(change: CaseChange): void {
  for (const fn of listeners) fn(change);
  wakeWaiters(change);
}

/**
 * What `whenProjected` learns: the document as written (a creation or a save), `true` (a `$set`
 * that brought the case to the seq), or null when nothing said so in time.
 */
export type ProjectionSeen = Record<string, unknown> | true | null;

interface Waiter {
  seq: number;
  done: (seen: ProjectionSeen) => void;
}
const waiters = new Map<string, Set<Waiter>>();

/**
 * Resolves once a write through this process reports case `id` at `seq` or later (or with null
 * after `timeoutMs`). Register it before the write it waits for: a write reported earlier is not
 * seen. The live push announces a case change once its projection is written, without polling.
 */
export function whenProjected(id: string, seq: number, timeoutMs: number): Promise<ProjectionSeen> {
  return new Promise((resolve) => {
    let set = waiters.get(id);
    if (!set) waiters.set(id, (set = new Set()));
    const waiter: Waiter = {
      seq,
      done: (seen) => {
        clearTimeout(timer);
        const mine = waiters.get(id);
        mine?.delete(waiter);
        if (mine?.size === 0) waiters.delete(id);
        resolve(seen);
      },
    };
    const timer = setTimeout(() => waiter.done(null), timeoutMs);
    timer.unref();
    set.add(waiter);
  });
}

function wakeWaiters(change: CaseChange): void {
  if (waiters.size === 0 || change.kind === 'unknown' || change.kind === 'id') return;
  const id = change.kind === 'doc' ? String(change.doc._id) : change.id;
  const set = waiters.get(id);
  if (!set) return;
  const seq = Number(change.kind === 'doc' ? change.doc.seq : change.set.seq);
  if (!Number.isFinite(seq)) return;
  for (const w of [...set]) if (seq >= w.seq) w.done(change.kind === 'doc' ? change.doc : true);
}

/**
 * What a finished write query tells about the cases it touched: the fields an `updateOne` by
 * `_id` set, one `_id`, or unknown.
 */
export function changeOfQuery(op: string, filter: Record<string, unknown>, update: Record<string, unknown> | null): CaseChange {
  const id = idOfFilter(filter);
  if (id === null) return { kind: 'unknown' };
  const set = update?.$set;
  const onlySet = op === 'updateOne' && Object.keys(filter).length === 1 && update && Object.keys(update).length === 1 && set && typeof set === 'object';
  return onlySet ? { kind: 'set', id, set: set as Record<string, unknown> } : { kind: 'id', id };
}
