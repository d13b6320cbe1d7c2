/**
 * The publisher process of `bench:push` (started by push.ts, not run by hand): publishes
 * --count case events at --rate once it reads a line on stdin, through the database bus
 * (`--publish=db`, a writer-only instance) or through the in-memory bus of an API it serves
 * itself (`--publish=memory`, the baseline). Each event carries its publish time (`sentAt`).
 */
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Types } from 'mongoose';
import { loadConfig } from '../src/config';
import { connectDatabase } from '../src/core/db';
import { createLogger } from '../src/core/logger';
import type { BusDraft } from '../src/modules/events';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const RATE = Number(arg('rate', '100'));
const COUNT = Number(arg('count', '3000'));
const out = (s: string) => process.stdout.write(`${s}\n`);
const epochMs = () => performance.timeOrigin + performance.now();

function draftOf(i: number, grids: string[]): BusDraft {
  const gridId = grids[i % grids.length]!;
  return {
    type: 'case.updated',
    audience: { kind: 'case', scope: { gridId, teamId: null, holderId: null, reporterId: null, agencyIds: [] }, prev: null },
    data: { caseId: new Types.ObjectId().toHexString(), caseSeq: 2, action: 'file', status: 'filed', gridId, n: i, sentAt: epochMs() },
  };
}

async function publisher(mode: 'db' | 'memory'): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger('warn');
  const grids = (process.env.BENCH_GRIDS ?? '').split(',');
  await connectDatabase({ uri: config.MONGODB_URI!, dbName: config.MONGODB_DB, timeoutMs: config.DB_TIMEOUT_MS, logger });
  let publish: (d: BusDraft) => Promise<number>;
  let diagnostics: () => unknown = () => null;
  if (mode === 'memory') {
    const [{ createApp }, { startEventBus }] = await Promise.all([import('../src/app'), import('../src/modules/events')]);
    const ctx = { config, logger, clock: { now: () => new Date() } };
    const bus = await startEventBus(ctx);
    createApp(ctx).app.listen(config.PORT, config.HOST);
    publish = (d) => bus.publish(d);
  } else {
    const [{ DatabaseTransport }, { busStore }] = await Promise.all([
      import('../src/modules/events/db-transport'),
      import('../src/modules/events/bus.repository'),
    ]);
    const writer = new DatabaseTransport(busStore, {
      pollMs: 25, gapWaitMs: 1000, retain: config.EVENTS_BUS_RETAIN, maxBytes: config.EVENTS_BUS_MAX_BYTES,
      historySize: 0, origin: 'bench', logger,
      ...(process.env.BENCH_LINGER_MS ? { lingerMs: Number(process.env.BENCH_LINGER_MS) } : {}),
    });
    await writer.startWriter();
    publish = (d) => writer.publish(d);
    diagnostics = () => writer.writerDiagnostics();
  }
  out('READY');
  await new Promise<void>((r) => createInterface({ input: process.stdin }).once('line', () => r()));
  const t0 = performance.now();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < COUNT; i++) {
    const due = t0 + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(publish(draftOf(i, grids)).catch(() => undefined));
  }
  await Promise.all(pending);
  out(`PUBLISHED ${((COUNT * 1000) / (performance.now() - t0)).toFixed(1)}`);
  out(`WRITER ${JSON.stringify(diagnostics())}`);
  await new Promise((r) => setTimeout(r, 1000));
  process.exit(0);
}

const mode = arg('publish', 'db');
publisher(mode === 'memory' ? 'memory' : 'db').catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
