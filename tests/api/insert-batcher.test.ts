import mongoose from 'mongoose';
import { isDuplicateKey } from '../../backend/src/core/errors';
import { InsertBatcher } from '../../backend/src/core/insert-batcher';
import { useTestApp } from '../support/app';

/** Group-committed inserts (core/insert-batcher.ts) on the real database. */
describe('InsertBatcher', () => {
  useTestApp();
  const coll = () => mongoose.connection.db!.collection<{ _id: string; n: number }>('batcher_probe');
  const spyOn = () => {
    const sizes: number[] = [];
    const real = coll();
    const batcher = new InsertBatcher(() => ({ insertMany: (docs: unknown[], o: unknown) => (sizes.push(docs.length), real.insertMany(docs as never, o as never)) }) as never);
    return { batcher, sizes };
  };

  test('concurrent inserts share batches, and every document is stored once', async () => {
    const { batcher, sizes } = spyOn();
    await Promise.all(Array.from({ length: 40 }, (_, i) => batcher.insert({ _id: `a${i}`, n: i })));
    expect(sizes.reduce((x, y) => x + y, 0)).toBe(40);
    expect(sizes.length).toBeLessThan(40); // the first goes alone, the rest wait for it together
    expect(sizes[0]).toBe(1);
    const stored = await coll().find({ _id: { $regex: '^a' } }).toArray();
    expect(stored.map((d) => d.n).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  test('a duplicate key fails only its own caller; the others in the batch are stored', async () => {
    const { batcher, sizes } = spyOn();
    await coll().insertOne({ _id: 'b-taken', n: 0 });
    const results = await Promise.allSettled([
      batcher.insert({ _id: 'b-first', n: 1 }),
      batcher.insert({ _id: 'b-1', n: 1 }),
      batcher.insert({ _id: 'b-taken', n: 2 }),
      batcher.insert({ _id: 'b-2', n: 2 }),
      batcher.insert({ _id: 'b-1', n: 3 }), // same key twice in one batch: the first wins
    ]);
    expect(sizes).toEqual([1, 4]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    for (const r of results) if (r.status === 'rejected') expect(isDuplicateKey(r.reason)).toBe(true);
    expect((await coll().findOne({ _id: 'b-taken' }))!.n).toBe(0);
    expect((await coll().findOne({ _id: 'b-1' }))!.n).toBe(1);
    expect(await coll().findOne({ _id: 'b-2' })).not.toBeNull();
  });

  test('a failed command fails every caller of that batch and the next batch still runs', async () => {
    let calls = 0;
    const real = coll();
    const batcher = new InsertBatcher(() => ({
      insertMany: (docs: unknown[], o: unknown) => (++calls === 2 ? Promise.reject(new Error('connection reset')) : real.insertMany(docs as never, o as never)),
    }) as never);
    const first = batcher.insert({ _id: 'c0', n: 0 });
    const second = [batcher.insert({ _id: 'c1', n: 1 }), batcher.insert({ _id: 'c2', n: 2 })];
    await first;
    await expect(Promise.all(second)).rejects.toThrow('connection reset');
    await batcher.insert({ _id: 'c3', n: 3 });
    expect(await coll().countDocuments({ _id: { $in: ['c0', 'c3'] } })).toBe(2);
  });
});
