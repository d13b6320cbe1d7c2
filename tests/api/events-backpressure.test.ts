import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEventBus, openSse, type EventBus, type SseClient } from '../../backend/src/modules/events';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';

const LIMIT = 16 * 1024;
const t = useTestApp({ EVENTS_POLL_MS: '10', EVENTS_CLIENT_BUFFER_BYTES: String(LIMIT) });
let bus: EventBus;
let server: http.Server;
const socketPath = path.join(mkdtempSync(path.join(os.tmpdir(), 'ge-sse-')), 'api.sock');
const open: SseClient[] = [];

// The app listens on a Unix socket here: the kernel then buffers ~200 KB for a client that does
// not read, instead of the ~4 MB loopback TCP autotunes to, so a few dozen events fill it.
beforeAll(async () => {
  bus = await startEventBus(t.ctx);
  server = http.createServer(t.app);
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
});
afterAll(async () => {
  for (const c of open) c.close();
  await bus.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

async function stream(auth: string, headers: Record<string, string> = {}) {
  const c = await openSse('http://localhost/api/v1/events', { socketPath, headers: { Authorization: auth, ...headers } });
  open.push(c);
  return c;
}

/** A long instruction (2,000 characters, ~6 KB as UTF-8): the largest event the API produces. */
const BODY = '请各网格员立即开展沿街商铺占道经营专项整治并于今日下班前反馈。'.repeat(70).slice(0, 2000);

describe('GET /api/v1/events — a client that stops reading', () => {
  test('is dropped once its unsent data passes the limit; the server never buffers more; it resumes with Last-Event-ID', async () => {
    const sender = await buildUser({ role: 'dispatcher' });
    const slowUser = await buildUser({ role: 'inspector', displayName: '慢速客户端' });
    const slow = await stream(bearer(t, slowUser));
    expect(slow.status).toBe(200);
    slow.pause();
    const droppedBefore = bus.stats().dropped;

    const sent: string[] = [];
    for (let i = 0; i < 400 && bus.stats().dropped === droppedBefore; i++) {
      const res = await t
        .http()
        .post('/api/v1/instructions')
        .set('Authorization', bearer(t, sender))
        .send({ title: `专项整治 ${i}`, body: BODY, targets: { userIds: [String(slowUser._id)] } });
      expect(res.status).toBe(201);
      sent.push(res.body.data.id);
      // Let the bus deliver before the next one (the hub writes as soon as it reads).
      if (i % 5 === 4) await new Promise((r) => setTimeout(r, 30));
    }
    const stats = bus.stats();
    expect(stats.dropped).toBe(droppedBefore + 1);
    // Memory per stream is bounded: the limit plus at most one event.
    expect(stats.maxBufferedBytes).toBeLessThanOrEqual(LIMIT + Buffer.byteLength(BODY) + 2048);

    // The client drains what reached it, then sees the server's close.
    slow.resume();
    await slow.closed;
    const got = slow.messages.filter((m) => m.event === 'instruction.sent').map((m) => JSON.parse(m.data).id as string);
    expect(got.length).toBeLessThan(sent.length);
    expect(got).toEqual(sent.slice(0, got.length));

    // Reconnecting from where it stood delivers the rest, exactly once.
    const back = await stream(bearer(t, slowUser), { 'Last-Event-ID': slow.lastEventId! });
    const last = sent[sent.length - 1];
    await back.next((m) => m.event === 'instruction.sent' && JSON.parse(m.data).id === last);
    const rest = back.messages.filter((m) => m.event === 'instruction.sent').map((m) => JSON.parse(m.data).id as string);
    expect([...got, ...rest]).toEqual(sent);
  });
});
