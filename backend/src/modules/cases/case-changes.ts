/**
 * Every write through CaseModel reports here (Mongoose middleware registered in case.model.ts),
 * so in-memory views of the cases collection (case-index.ts) stay current without scanning it:
 * a saved document is handed over whole, a write keyed by `_id` names the case to re-read, any
 * other write asks for a full reload.
 */
export type CaseChange =
  | { kind: 'doc'; doc: Record<string, unknown> }
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

/** What a query filter tells about the cases it touched: one `_id`, or unknown. */
export function changeOfFilter(filter: Record<string, unknown> | undefined): CaseChange {
  const id = filter?._id;
  if (filter && Object.keys(filter).length >= 1 && id !== undefined && id !== null && (typeof id !== 'object' || (id as { _bsontype?: string })._bsontype === 'ObjectId')) {
    return { kind: 'id', id: String(id) };
  }
  return { kind: 'unknown' };
}
