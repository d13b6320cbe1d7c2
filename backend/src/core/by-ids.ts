import type { Model } from 'mongoose';

/** At most this many ids per query (the FerretDB patch pushes down `$in` lists up to 1,000). */
const CHUNK = 1000;

/**
 * Documents by `_id`, as a map from the id's string form, in one `{_id: {$in: [...]}}` query per
 * 1,000 ids. MongoDB answers that from the `_id` index; so does the embedded FerretDB, whose build
 * patch `sqlite-id-in` (backend/scripts/build-ferretdb.mjs) pushes the list down to SQLite
 * (unpatched FerretDB v1 would read the whole collection for it).
 */
export async function findByIdsMap<T extends { _id: unknown }>(
  model: Model<any>,
  ids: Iterable<unknown>,
  opts: { projection?: Record<string, 0 | 1> } = {},
): Promise<Map<string, T>> {
  const unique = [...new Map([...ids].map((id) => [String(id), id])).values()];
  const out = new Map<string, T>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const docs = await model.find({ _id: { $in: unique.slice(i, i + CHUNK) } }, opts.projection).lean<T[]>();
    for (const d of docs) out.set(String(d._id), d);
  }
  return out;
}
