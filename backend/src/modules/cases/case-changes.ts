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
