import mongoose, { Schema, Types } from 'mongoose';
import { findByIdsMap } from '../../backend/src/core/by-ids';
import { useTestApp } from '../support/app';

/** Reads by a list of `_id`s (core/by-ids.ts) on the real database, through the patched `$in` pushdown. */
describe('findByIdsMap', () => {
  useTestApp();
  const Probe = mongoose.models.ByIdsProbe ?? mongoose.model('ByIdsProbe', new Schema({ _id: Schema.Types.Mixed, n: Number, tag: String }, { collection: 'by_ids_probe' }));
  const ids = Array.from({ length: 120 }, () => new Types.ObjectId());

  beforeAll(async () => {
    await Probe.insertMany([...ids.map((_id, n) => ({ _id, n, tag: n % 2 ? 'odd' : 'even' })), { _id: 'text-key', n: -1, tag: 'text' }]);
  });

  test('finds exactly the stored ones among repeated and unknown ids', async () => {
    const wanted = [...ids.slice(0, 60), ids[3]!, new Types.ObjectId(), 'text-key', 'missing-key'];
    const found = await findByIdsMap<{ _id: unknown; n: number }>(Probe, wanted);
    expect([...found.keys()].sort()).toEqual([...ids.slice(0, 60).map(String), 'text-key'].sort());
    expect(found.get(String(ids[42]))!.n).toBe(42);
  });

  test('split into parallel queries, the answer is the same (odd counts, repeats, unknown ids, more than one round)', async () => {
    const wanted = [...ids.slice(0, 61), ids[5]!, new Types.ObjectId(), 'text-key'];
    const one = await findByIdsMap<{ _id: unknown; n: number }>(Probe, wanted);
    for (const parallel of [2, 3, 64, 500]) {
      const split = await findByIdsMap<{ _id: unknown; n: number }>(Probe, wanted, { parallel });
      expect([...split.keys()].sort()).toEqual([...one.keys()].sort());
      expect(split.size).toBe(62);
      expect(split.get(String(ids[60]))!.n).toBe(60);
    }
    expect((await findByIdsMap(Probe, [], { parallel: 2 })).size).toBe(0);
  });

  test('a projection leaves the other fields out; no ids, no query', async () => {
    const found = await findByIdsMap<{ _id: unknown; n?: number; tag?: string }>(Probe, ids.slice(0, 3), { projection: { tag: 1 } });
    expect([...found.values()].map((d) => [d.tag, d.n])).toEqual(expect.arrayContaining([['even', undefined], ['odd', undefined]]));
    expect((await findByIdsMap(Probe, [])).size).toBe(0);
  });
});
