/**
 * Ingest and list benchmark (issue 5): `npm run bench:ingest`.
 *
 * 1. Reporting throughput. A private FerretDB (SQLite backend, temp dir) and the real app
 *    (createApp) on an ephemeral loopback port, with the demo catalogue, 白沙镇 geography and staff.
 *    For each concurrency: the raw driver `insertOne` rate of a case-shaped document into the same
 *    database (a collection with the cases' indexes), then sustained `POST /api/v1/incidents` as
 *    inspectors (token checked against the user, body validated, routed, duplicates checked, case
 *    number allocated, event appended, case stored, answered), each with its own Idempotency-Key,
 *    from keep-alive connections in a worker thread. Prints both rates and the ratio (target ≥ 0.5).
 * 2. List latency. Realistic cases inserted with insertMany (bypassing the app, so its in-memory
 *    case index is reset and loaded by a first, unmeasured request), then `GET /api/v1/cases` p95
 *    for a team leader's work list and a dispatcher's overdue list, on the SQLite backend and on
 *    FerretDB's PostgreSQL backend (a throwaway cluster; skipped with a message when PostgreSQL
 *    cannot start). Target ≤ 50 ms on the faster at 100,000 cases. Lists pick and count the page
 *    in memory (the case index) and read the page's documents in one `{_id: {$in}}` query (pushed
 *    down to the `_id` index by the FerretDB build patch sqlite-id-in). Default sizes 1,000 and
 *    100,000, measured directly (about 20 minutes on 2 busy cores); with a largest step below
 *    BENCH_CASES the p95 is extrapolated from FerretDB's CPU per request (marked ≈). Also times a
 *    list's former database calls (page query, count) and an `_id` read through the driver.
 *
 * Knobs: BENCH_SECONDS=20 BENCH_CONCURRENCY=8,32 BENCH_CASES=100000 BENCH_LIST_STEPS=1000,100000
 * BENCH_LIST_SECONDS=10 BENCH_LIST_SAMPLES=100 BENCH_LIST_WARMUP=10 BENCH_SKIP=ingest,list,postgres (any of them)
 * BENCH_TRACE=1 (the database commands the POSTs send, by command and collection)
 * BENCH_FERRETDB_DEBUG=1 (FerretDB's Go pprof endpoint, for `go tool pprof`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { createApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { systemClock, type AppContext } from '../src/core/context';
import { createLogger } from '../src/core/logger';
import { connectBench, DEMO_BBOX, loadStaff } from './lib/bench-staff';
import { startFerret, type FerretServer } from './lib/ferretdb-server';
import { ingestBench, type IngestRow } from './lib/ingest-bench';
import { listCasesBench, type ListRow } from './lib/list-bench';
import { startPostgresCluster, type PostgresCluster } from './lib/postgres-cluster';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? '8,32').split(',').map(Number);
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
/** Sizes measured directly; CASES is extrapolated from the two largest when above them. */
const LIST_STEPS = (process.env.BENCH_LIST_STEPS ?? '1000,100000').split(',').map(Number);
const TRACE = process.env.BENCH_TRACE === '1';
const SKIP = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const PASSWORD = `Bench-${randomBytes(9).toString('base64url')}`;

const say = (s = '') => process.stdout.write(`${s}\n`);
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

async function listOn(label: string, ctx: AppContext, base: string, db: FerretServer): Promise<ListRow[]> {
  await connectBench(ctx, db.uri, 'bench_list');
  const staff = await loadStaff(ctx, PASSWORD);
  return listCasesBench({ label, ctx, steps: LIST_STEPS, target: CASES, staff, base, dbPid: db.pid, bbox: DEMO_BBOX, say });
}

async function main(): Promise<void> {
  // Ctrl-C / SIGTERM: exit through the 'exit' handlers that stop FerretDB and PostgreSQL.
  for (const sig of ['SIGINT', 'SIGTERM'] as const) process.once(sig, () => process.exit(130));
  const work = mkdtempSync(path.join(os.tmpdir(), 'ge-bench-ingest-'));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const logger = createLogger('warn');
  const config: Config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', JWT_SECRET: randomBytes(32).toString('hex'), MONGODB_URI: 'mongodb://127.0.0.1:1/', DATA_DIR: work, FRONTEND_DIST: '' });
  const ctx: AppContext = { config, logger, clock: systemClock };
  let sqlite: FerretServer | null = null;
  let pgFerret: FerretServer | null = null;
  let pg: PostgresCluster | null = null;
  let server: Server | null = null;
  const started = Date.now();
  try {
    server = createApp(ctx).app.listen(0, '127.0.0.1');
    await new Promise((r) => server!.once('listening', r));
    server.keepAliveTimeout = 65000;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    sqlite = await startFerret({ dir: work });
    say(`GridEnforce bench:ingest — node ${process.version}, ${os.cpus().length} CPUs, FerretDB SQLite at ${sqlite.uri} (${work}), app at ${base}, LOG_LEVEL=warn`);

    let ingest: IngestRow[] = [];
    if (!SKIP.has('ingest')) ingest = await ingestBench({ ctx, base, db: sqlite, seconds: SECONDS, levels: LEVELS, trace: TRACE, password: PASSWORD, say });

    const lists: ListRow[] = [];
    if (!SKIP.has('list')) {
      lists.push(...(await listOn('sqlite', ctx, base, sqlite)));
      mongoose.connection.removeAllListeners('disconnected');
      await mongoose.disconnect();
      await sqlite.stop();
      sqlite = null;
      if (!SKIP.has('postgres')) {
        try {
          pg = await startPostgresCluster();
          pgFerret = await startFerret({ dir: work, postgresqlUrl: pg.url });
          say(`\nPostgreSQL ${pg.version} throwaway cluster at ${pg.url.replace(/^postgres:\/\/[^@]+@/, 'postgres://…@')}; FerretDB --handler=postgresql at ${pgFerret.uri}`);
          lists.push(...(await listOn('postgresql', ctx, base, pgFerret)));
        } catch (err) {
          say(`\nPostgreSQL half skipped: ${(err as Error).message}`);
        }
      }
    }

    say('\n## Summary');
    for (const r of ingest) {
      say(`POST /incidents at ${r.c} connections: ${f1(r.http)}/s vs raw insertOne ${f1(r.raw)}/s → ratio ${(r.http / r.raw).toFixed(2)} (target ≥ 0.5)`);
    }
    const ms = (r: ListRow | undefined) => (r ? `${r.extrapolated ? '≈ ' : ''}${r.p95 >= 10000 ? `${(r.p95 / 1000).toFixed(1)} s` : `${r.p95.toFixed(0)} ms`}` : 'skipped');
    for (const size of [...new Set(lists.map((l) => l.cases))].sort((a, b) => a - b)) {
      for (const q of [...new Set(lists.map((l) => l.query))]) {
        const by = (b: string) => lists.find((l) => l.query === q && l.backend === b && l.cases === size);
        if (!by('sqlite') && !by('postgresql')) continue;
        const tag = by('sqlite')?.extrapolated || by('postgresql')?.extrapolated ? ' (extrapolated)' : '';
        say(`GET ${q} at ${size} cases${tag}: p95 SQLite ${ms(by('sqlite'))} │ PostgreSQL ${ms(by('postgresql'))}`);
      }
    }
    if (lists.length) say('(target: p95 ≤ 50 ms on the faster backend at 100,000 cases)');
    say(`total run time ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    if (server) server.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(null)));
    mongoose.connection.removeAllListeners('disconnected');
    await mongoose.disconnect().catch(() => undefined);
    await pgFerret?.stop();
    await pg?.stop().catch((err) => say(`postgres stop: ${(err as Error).message}`));
    await sqlite?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
