import type { Schema } from 'mongoose';

/** A write through a Mongoose model, as its middleware sees it once the write is done. */
export type ModelWrite =
  | { kind: 'doc'; doc: Record<string, unknown> }
  | { kind: 'query'; op: string; filter: Record<string, unknown>; update: Record<string, unknown> | null }
  | { kind: 'unknown' };

const QUERY_WRITES = ['updateOne', 'updateMany', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace', 'findOneAndDelete', 'deleteOne', 'deleteMany'] as const;

/**
 * Calls `fn` after every write through models of this schema (register before `model()`): a saved
 * or inserted document whole, a query write with its filter and update, a bulk write as unknown.
 * In-memory views of a collection (the case index, user caches) stay current with it.
 */
export function onModelWrites(schema: Schema, fn: (w: ModelWrite) => void): void {
  schema.post('save', function (doc) {
    fn({ kind: 'doc', doc: doc.toObject() as Record<string, unknown> });
  });
  schema.post('insertMany', function (docs: unknown) {
    if (!Array.isArray(docs)) return fn({ kind: 'unknown' });
    for (const d of docs as { toObject?: () => Record<string, unknown> }[]) {
      fn({ kind: 'doc', doc: d.toObject ? d.toObject() : (d as Record<string, unknown>) });
    }
  });
  schema.post([...QUERY_WRITES], { document: false, query: true }, function () {
    fn({ kind: 'query', op: (this as { op?: string }).op ?? '', filter: this.getFilter() ?? {}, update: (this.getUpdate() as Record<string, unknown> | null) ?? null });
  });
  schema.post('bulkWrite', function () {
    fn({ kind: 'unknown' });
  });
}

/** The one `_id` a query filter names (a string or an ObjectId), else null. */
export function idOfFilter(filter: Record<string, unknown>): string | null {
  const id = filter._id;
  if (id === undefined || id === null) return null;
  if (typeof id === 'object' && (id as { _bsontype?: string })._bsontype !== 'ObjectId') return null;
  return String(id);
}
