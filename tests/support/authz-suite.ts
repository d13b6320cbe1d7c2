import { useTestApp } from './app';
import { rowName, runRow, type Row } from './authz-matrix';
import { buildWorld, type World } from './authz-world';
import { useLiveServer } from './live-server';

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
    const live = opts.sse ? useLiveServer(t) : null;
    beforeAll(async () => {
      w = await buildWorld(t);
      w.base = live?.origin;
    }, 300_000);

    test.each(rows.map((r) => [rowName(r), r] as const))('%s', async (_name, row) => {
      const { actual, expected } = await runRow(t, w, row);
      expect(actual).toEqual(expected);
    }, 180_000);
  });
}
