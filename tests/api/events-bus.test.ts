import mongoose from 'mongoose';
import type { BusDraft, BusEvent } from '../../backend/src/modules/events';
import { busStore } from '../../backend/src/modules/events/bus.repository';
import { DatabaseTransport } from '../../backend/src/modules/events/db-transport';
import { useTestApp } from '../support/app';

/**
 * The database bus itself, two instances in one process on this file's database: writers that
 * race for sequence numbers, readers that must see one total order exactly once, writers that
 * batch a burst into few documents, and pruning that keeps the collection small.
 */
const t = useTestApp();
const RETAIN = 100;

function transport(origin: string) {
  return new DatabaseTransport(busStore, {
    pollMs: 10,
    gapWaitMs: 1000,
    retain: RETAIN,
    maxBytes: 1024 * 1024,
    historySize: 50,
    origin,
    logger: t.ctx.logger,
  });
}

const draft = (writer: string, n: number): BusDraft => ({
  type: 'notification.created',
  audience: { kind: 'users', userIds: ['u1'] },
  data: { writer, n },
});

async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function storedEvents(): Promise<number> {
  const docs = await mongoose.connection.db!.collection('bus_events').find({}).toArray();
  return docs.reduce((n, d) => n + (d.count as number), 0);
}

describe('database bus (two instances, one database)', () => {
  let a: DatabaseTransport;
  let b: DatabaseTransport;
  beforeAll(() => {
    a = transport('instance-a');
    b = transport('instance-b');
  });
  const seenA: BusEvent[] = [];
  const seenB: BusEvent[] = [];
  afterAll(async () => {
    await Promise.allSettled([a.stop(), b.stop()]);
  });

  test('racing writers: every reader gets 1..N once, in one order; a burst is stored as few documents', async () => {
    await a.start({ events: (batch) => seenA.push(...batch), gap: () => undefined });
    await b.start({ events: (batch) => seenB.push(...batch), gap: () => undefined });
    const published: Promise<number>[] = [];
    for (let i = 0; i < 150; i++) {
      published.push(a.publish(draft('a', i)), b.publish(draft('b', i)));
      if (i % 30 === 29) await new Promise((r) => setTimeout(r, 15));
    }
    const seqs = await Promise.all(published);
    await until(() => seenA.length >= 300 && seenB.length >= 300);

    const ids = (seen: BusEvent[]) => seen.map((e) => `${e.seq}:${e.data.writer}${e.data.n}`);
    expect(seenA.map((e) => e.seq)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(ids(seenB)).toEqual(ids(seenA));
    expect(new Set(seenA.map((e) => `${e.data.writer}${e.data.n}`)).size).toBe(300);
    // The seq each publish resolved with is where the readers found that event.
    expect([...seqs].sort((x, y) => x - y)).toEqual(seenA.map((e) => e.seq));
    // Each writer's own events keep their order.
    for (const w of ['a', 'b']) {
      const ns = seenA.filter((e) => e.data.writer === w).map((e) => e.data.n);
      expect(ns).toEqual(Array.from({ length: 150 }, (_, i) => i));
    }
    // Batched: far fewer documents (key reads that hit) than events.
    expect(a.counters.keyHits + a.counters.scans).toBeLessThan(150);
  });

  test('pruning keeps at most `retain` events stored once every reader has passed them', async () => {
    // Readers report their positions once a second; the next write after that prunes.
    await new Promise((r) => setTimeout(r, 1200));
    for (let i = 150; i < 190; i++) await a.publish(draft('a', i));
    await until(() => seenA.length >= 340 && seenB.length >= 340);
    await new Promise((r) => setTimeout(r, 1200));
    for (let i = 190; i < 230; i++) await a.publish(draft('a', i));
    await until(() => seenA.length >= 380 && seenB.length >= 380);
    await Promise.all([a.stop(), b.stop()]); // waits for the writers' prunes
    const stored = await storedEvents();
    expect(stored).toBeLessThanOrEqual(RETAIN);
    expect(stored).toBeGreaterThan(0);

    // A new instance starts from the head with a contiguous history (its replay window).
    const c = transport('instance-c');
    const { position, history } = await c.start({ events: () => undefined, gap: () => undefined });
    await c.stop();
    expect(position).toBe(380);
    expect(history.length).toBeGreaterThan(0);
    expect(history.map((e) => e.seq)).toEqual(Array.from({ length: history.length }, (_, i) => 381 - history.length + i));
  });
});
