import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEventBus, type EventBus } from '../../backend/src/modules/events';
import { useTestApp, type TestApp } from './app';
import { rowName, runRow, type Row } from './authz-matrix';
import { buildWorld, type World } from './authz-world';

/** A listening server for the app (SSE needs a real socket) and the bus behind GET /events. */
export function useLiveServer(t: TestApp, onBase: (base: string) => void) {
  let bus: EventBus;
  let server: http.Server;
  beforeAll(async () => {
    bus = await startEventBus(t.ctx);
    server = http.createServer(t.app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    onBase(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await bus.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
}

/** Settings for suites with a live stream: the in-process bus, quick polling. */
export const LIVE_CONFIG = { EVENTS_TRANSPORT: 'memory', EVENTS_POLL_MS: '10', EVENTS_HEARTBEAT_MS: '500' };

/**
 * One test per row: every caller (anonymous and side A's user of each role) × own / other scope,
 * against the real app on its own database. The whole status vector of a row is compared at once,
 * so a failure shows every cell that differs.
 */
export function runMatrix(title: string, rows: Row[], opts: { sse?: boolean } = {}): void {
  describe(title, () => {
    const t = useTestApp(opts.sse ? LIVE_CONFIG : {});
    let w: World;
    let base: string | undefined;
    if (opts.sse) useLiveServer(t, (b) => (base = b));
    beforeAll(async () => {
      w = await buildWorld(t);
      w.base = base;
    }, 300_000);

    test.each(rows.map((r) => [rowName(r), r] as const))('%s', async (_name, row) => {
      const { actual, expected } = await runRow(t, w, row);
      expect(actual).toEqual(expected);
    }, 180_000);
  });
}
