import type { Model } from 'mongoose';

/** At most this many ids per query (the FerretDB patch pushes down `$in` lists up to 1,000). */
const CHUNK = 1000;

/**
 * Documents by `_id`, as a map from the id's string form, in one `{_id: {$in: [...]}}` query per
 * 1,000 ids. MongoDB answers that from the `_id` index; so does the embedded FerretDB, whose build
 * patch `sqlite-id-in` (backend/scripts/build-ferretdb.mjs) pushes the list down to SQLite
 * (unpatched FerretDB v1 would read the whole collection for it).
 *
 * `parallel: n` splits the ids into n queries sent at once, for a reader that waits on the answer
 * (a list page): a server decodes one query's documents on one core (FerretDB: most of a page's
 * time), so halves on two connections arrive sooner. It costs a command more per split.
 */
export async function findByIdsMap<T extends { _id: unknown }>(
  model: Model<any>,
  ids: Iterable<unknown>,
  opts: { projection?: Record<string, 0 | 1>; parallel?: number } = {},
): Promise<Map<string, T>> {
  const unique = [...new Map([...ids].map((id) => [String(id), id])).values()];
  const width = Math.max(1, Math.floor(opts.parallel ?? 1));
  const per = Math.max(1, Math.min(CHUNK, Math.ceil(unique.length / width)));
  const slices: unknown[][] = [];
  for (let i = 0; i < unique.length; i += per) slices.push(unique.slice(i, i + per));
  const out = new Map<string, T>();
  for (let i = 0; i < slices.length; i += width) {
    const results = await Promise.all(slices.slice(i, i + width).map((slice) => model.find({ _id: { $in: slice } }, opts.projection).lean<T[]>()));
    for (const docs of results) for (const d of docs) out.set(String(d._id), d);
  }
  return out;
}
