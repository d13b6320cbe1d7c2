import { openSse, type SseClient } from '../../backend/src/modules/events';
import { notifyUsers } from '../../backend/src/modules/notifications';
import { useTestApp } from '../support/app';
import { useLiveServer } from '../support/live-server';
import { bearer, buildUser, uniq } from '../support/factories';

// A small replay window so "beyond the window" is a few events away.
const t = useTestApp({ EVENTS_REPLAY_WINDOW: '10', EVENTS_POLL_MS: '10' });
const live = useLiveServer(t);
const open = live.open;


async function stream(auth: string, headers: Record<string, string> = {}, query = '') {
  const c = await openSse(`${live.base}${query}`, { headers: { Authorization: auth, ...headers } });
  open.push(c);
  return c;
}

/** Stores a notification for the user (the scheduler's path): one bus event each. */
const notify = (userId: unknown, title: string) =>
  notifyUsers([String(userId)], { kind: 'test', title, key: uniq('k'), at: t.clock.now() });

const titles = (c: SseClient, from = 0) =>
  c.messages.slice(from).filter((m) => m.event === 'notification.created').map((m) => JSON.parse(m.data).title as string);

describe('GET /api/v1/events — resume with Last-Event-ID', () => {
  test('a reconnect with Last-Event-ID gets exactly the events it missed, in order, once; then live ones', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const other = await buildUser({ role: 'dispatcher' });
    const first = await stream(bearer(t, me));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toMatch(/^text\/event-stream/);

    await notify(me._id, 'a1');
    await notify(me._id, 'a2');
    await first.next((m) => JSON.parse(m.data).title === 'a2');
    const resumeFrom = first.lastEventId!;
    first.close();

    // While disconnected: two for me, one for someone else (which must not come back to me).
    await notify(me._id, 'b1');
    await notify(other._id, 'not-mine');
    await notify(me._id, 'b2');
    const probe = await stream(bearer(t, other));
    await notify(other._id, 'sync');
    await probe.next((m) => JSON.parse(m.data).title === 'sync');

    const second = await stream(bearer(t, me), { 'Last-Event-ID': resumeFrom });
    await notify(me._id, 'c1');
    await second.next((m) => JSON.parse(m.data).title === 'c1');
    expect(titles(second)).toEqual(['b1', 'b2', 'c1']);
    const ids = second.messages.filter((m) => m.event === 'notification.created').map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(Math.min(...ids)).toBeGreaterThan(Number(resumeFrom));
  });

  test('the first connect may give the resume point as ?lastEventId= (EventSource cannot set the header)', async () => {
    const me = await buildUser({ role: 'inspector' });
    const live = await stream(bearer(t, me));
    await notify(me._id, 'x1');
    const m1 = await live.next((m) => JSON.parse(m.data).title === 'x1');
    live.close();
    await notify(me._id, 'x2');
    await notify(me._id, 'x3');
    const again = await stream(bearer(t, me), {}, `?lastEventId=${m1.id}`);
    await again.next((m) => JSON.parse(m.data).title === 'x3');
    expect(titles(again)).toEqual(['x2', 'x3']);
  });

  test('a Last-Event-ID older than the replay window gets `event: reset` (reload), then live events', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const c = await stream(bearer(t, me));
    await notify(me._id, 'old');
    const old = await c.next();
    c.close();
    for (let i = 0; i < 12; i++) await notify(me._id, `missed-${i}`);
    // Events reach streams in bus order: once a later one arrived, the instance has read them all.
    const watcher = await buildUser({ role: 'dispatcher' });
    const watching = await stream(bearer(t, watcher));
    await notify(watcher._id, 'marker');
    await watching.next((m) => JSON.parse(m.data).title === 'marker');
    expect(live.bus.stats().floor).toBeGreaterThan(Number(old.id) + 1);

    const back = await stream(bearer(t, me), { 'Last-Event-ID': old.id! });
    const reset = await back.next();
    expect(reset).toMatchObject({ event: 'reset' });
    expect(JSON.parse(reset.data)).toEqual({ reason: 'window' });
    expect(Number(reset.id)).toBeGreaterThanOrEqual(Number(old.id) + 12);
    await notify(me._id, 'after-reset');
    const next = await back.next();
    expect(JSON.parse(next.data)).toMatchObject({ title: 'after-reset' });
    expect(titles(back).some((x) => x.startsWith('missed-'))).toBe(false);
  });

  test('an id the bus never handed out gets a reset; a malformed one is a 400', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const future = await stream(bearer(t, me), { 'Last-Event-ID': '999999999' });
    expect(future.status).toBe(200);
    const reset = await future.next();
    expect(reset).toMatchObject({ event: 'reset' });
    expect(JSON.parse(reset.data)).toEqual({ reason: 'unknown-id' });

    const bad = await stream(bearer(t, me), { 'Last-Event-ID': 'abc' });
    await bad.closed;
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.errorBody)).toMatchObject({ error: { code: 'INVALID_LAST_EVENT_ID' } });
  });
});
