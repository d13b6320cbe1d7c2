import mongoose from 'mongoose';
import { openSse } from '../../backend/src/modules/events';
import { useTestApp } from '../support/app';
import { useLiveServer } from '../support/live-server';
import { bearer, buildUser } from '../support/factories';

/**
 * The cap on live streams per user holds across API instances (issue 9): each stream holds a
 * lease `<userId>:<slot>` in the database. Here the other instances are their lease documents
 * (a live one renewed elsewhere, a stale one of an instance that died); the two-process run is
 * in events-cluster.test.ts.
 */
const t = useTestApp({ EVENTS_POLL_MS: '10', EVENTS_HEARTBEAT_MS: '300', EVENTS_MAX_STREAMS_PER_USER: '2' });
beforeAll(() => t.clock.set(NOW));
afterAll(() => t.clock.reset());
const live = useLiveServer(t);
const open = live.open;
const NOW = new Date('2026-06-01T08:00:00Z');

const leases = () => mongoose.connection.db!.collection<{ _id: string; userId: string; instance: string; token: string; expiresAt: Date }>('event_stream_leases');


async function stream(auth: string) {
  const c = await openSse(live.base, { headers: { Authorization: auth } });
  open.push(c);
  return c;
}
async function until(check: () => Promise<boolean>, what: string) {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);

describe('live streams per user, across instances', () => {
  test('a stream open on another instance counts: 429 in the error shape with Retry-After once the slots are held', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const id = String(me._id);
    await leases().insertOne({ _id: `${id}:0`, userId: id, instance: 'elsewhere', token: 'other', expiresAt: at(20_000) });

    const first = await stream(bearer(t, me));
    expect(first.status).toBe(200);
    const mine = await leases().findOne({ _id: `${id}:1` });
    expect(mine).toMatchObject({ userId: id, expiresAt: at(5000) });
    expect(mine!.instance).not.toBe('elsewhere');

    const refused = await stream(bearer(t, me));
    await refused.closed;
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(JSON.parse(refused.errorBody)).toEqual({
      error: { code: 'TOO_MANY_REQUESTS', message: 'At most 2 live streams per user', details: { retryAfterSeconds: 5 }, requestId: expect.any(String) },
    });

    // Closing the stream frees its slot at once; the other instance's lease stays.
    first.close();
    await until(async () => (await leases().countDocuments({ userId: id })) === 1, 'lease released');
    expect(await leases().findOne({ userId: id })).toMatchObject({ _id: `${id}:0`, token: 'other' });
    const again = await stream(bearer(t, me));
    expect(again.status).toBe(200);
  });

  test('leases of an instance that stopped renewing (expired) are taken over', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const id = String(me._id);
    await leases().insertMany([
      { _id: `${id}:0`, userId: id, instance: 'dead', token: 'd0', expiresAt: at(-1000) },
      { _id: `${id}:1`, userId: id, instance: 'dead', token: 'd1', expiresAt: at(-1) },
    ]);
    const a = await stream(bearer(t, me));
    const b = await stream(bearer(t, me));
    expect([a.status, b.status]).toEqual([200, 200]);
    const docs = await leases().find({ userId: id }).toArray();
    expect(docs.map((d) => d._id).sort()).toEqual([`${id}:0`, `${id}:1`]);
    expect(docs.every((d) => d.instance !== 'dead')).toBe(true);
    const third = await stream(bearer(t, me));
    await third.closed;
    expect(third.status).toBe(429);
  });

  test('heartbeats renew the leases; a stream whose lease was taken over is closed (the cap holds)', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const id = String(me._id);
    const c = await stream(bearer(t, me));
    expect(c.status).toBe(200);
    const lease = (await leases().findOne({ userId: id }))!;
    t.clock.advance(1000);
    await until(async () => (await leases().findOne({ _id: lease._id }))!.expiresAt.getTime() === at(6000).getTime(), 'lease renewed');

    // Another instance judged it stale and took the slot.
    await leases().deleteOne({ _id: lease._id });
    await leases().insertOne({ _id: lease._id, userId: id, instance: 'elsewhere', token: 'taken', expiresAt: at(60_000) });
    const bye = await c.next((m) => m.event === 'close', 10_000);
    expect(JSON.parse(bye.data)).toEqual({ reason: 'stream-limit' });
    await c.closed;
    expect(await leases().findOne({ _id: lease._id })).toMatchObject({ token: 'taken' });
  });
});
