import mongoose from 'mongoose';
import type { AppContext } from '../../src/core/context';
import { CaseEventModel, CaseModel } from '../../src/modules/cases';
import { connectBench, DEMO_BBOX, loadStaff } from './bench-staff';
import { caseDocFactory } from './case-docs';
import { traceCommands } from './command-trace';
import { processCpuMs, type FerretServer } from './ferretdb-server';
import { percentile, runLoad, type LoadResult } from './http-load';

export interface IngestRow {
  c: number;
  raw: number;
  http: number;
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');

/** Raw driver insertOne of case-shaped documents at a fixed concurrency for `ms`. */
async function rawInsertRate(concurrency: number, ms: number, make: () => Record<string, unknown>) {
  const coll = mongoose.connection.db!.collection('bench_raw_cases');
  let n = 0;
  let errors = 0;
  const lat: number[] = [];
  const started = performance.now();
  const until = started + ms;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const doc = make();
        const t0 = performance.now();
        try {
          await coll.insertOne(doc);
          n++;
        } catch {
          errors++;
        }
        lat.push(performance.now() - t0);
      }
    }),
  );
  return { n, errors, rate: n / ((performance.now() - started) / 1000), lat };
}

/** CPU used so far by this process (app, raw driver loops and the load worker) and by FerretDB, in ms. */
function cpuNow(dbPid: number) {
  const u = process.cpuUsage();
  return { node: (u.user + u.system) / 1000, db: processCpuMs(dbPid) };
}

/**
 * Part 1 of bench:ingest, in database `bench_ingest` of `db`: per concurrency, the raw insertOne
 * rate into a collection with the cases' indexes, then sustained POST /incidents through the app
 * at `base`; rates, latencies, ratio, CPU per operation of FerretDB and of this process, an
 * integrity check (every 201 is one stored case with its report event), and with `trace` the
 * database commands the POSTs sent.
 */
export async function ingestBench(opts: {
  ctx: AppContext;
  base: string;
  db: FerretServer;
  seconds: number;
  levels: number[];
  trace: boolean;
  password: string;
  say: (s?: string) => void;
}): Promise<IngestRow[]> {
  const { ctx, base, db, seconds, say } = opts;
  await connectBench(ctx, db.uri, 'bench_ingest', opts.trace);
  const staff = await loadStaff(ctx, opts.password);
  // Same indexes as the cases collection, so the raw insert maintains what a case insert does.
  const raw = mongoose.connection.db!.collection('bench_raw_cases');
  await raw.createIndexes(CaseModel.schema.indexes().map(([key, o]) => ({ key: key as Record<string, 1 | -1>, ...(o as object) })));
  const factory = await caseDocFactory(new Date(), 11);
  let i = 0;
  const makeRaw = () => ({ ...factory.make(i), caseNo: `RAW-${i++}` });
  const post = (concurrency: number, durationMs: number) =>
    runLoad({ base, method: 'POST', path: '/api/v1/incidents', tokens: staff.inspectors, body: 'incident', categories: staff.categories, bbox: DEMO_BBOX, concurrency, durationMs });

  say(`\n## 1. Reporting throughput (FerretDB SQLite backend), ${seconds} s per measurement, ${staff.inspectors.length} inspectors`);
  const warm = await post(4, 3000);
  say(`warm-up: ${warm.requests} reports in 3 s (statuses ${JSON.stringify(warm.statuses)})`);
  say('');
  say('connections │ raw insertOne/s  p50 ms  p95 ms │ POST /incidents/s  p50 ms  p95 ms  non-201 │ ratio');
  say('────────────┼────────────────────────────────┼──────────────────────────────────────────┼──────');
  const rows: IngestRow[] = [];
  const created: string[] = [...warm.created];
  const notes: string[] = [];
  const traces: string[] = [];
  let firstError: string | null = warm.firstError;
  for (const c of opts.levels) {
    const cpu0 = cpuNow(db.pid);
    const r = await rawInsertRate(c, seconds * 1000, makeRaw);
    const cpu1 = cpuNow(db.pid);
    const traced = opts.trace ? await traceCommands(() => post(c, seconds * 1000)) : null;
    const h: LoadResult = traced ? traced.result : await post(c, seconds * 1000);
    const cpu2 = cpuNow(db.pid);
    notes.push(
      `${c} connections, CPU ms per operation: raw insertOne — FerretDB ${f1((cpu1.db - cpu0.db) / r.n)}, node ${f1((cpu1.node - cpu0.node) / r.n)}; ` +
        `POST /incidents — FerretDB ${f1((cpu2.db - cpu1.db) / h.requests)}, node (app + load client) ${f1((cpu2.node - cpu1.node) / h.requests)}`,
    );
    if (traced) traces.push(`database commands during POST /incidents at ${c} connections (${h.requests} requests):`, ...traced.table);
    created.push(...h.created);
    firstError ??= h.firstError;
    const httpRate = (h.statuses['201'] ?? 0) / (h.elapsedMs / 1000);
    const bad = h.requests - (h.statuses['201'] ?? 0);
    rows.push({ c, raw: r.rate, http: httpRate });
    say(
      `${String(c).padStart(11)} │ ${f1(r.rate).padStart(15)} ${f1(percentile(r.lat, 50)).padStart(7)} ${f1(percentile(r.lat, 95)).padStart(7)} │ ` +
        `${f1(httpRate).padStart(17)} ${f1(percentile(h.latenciesMs, 50)).padStart(7)} ${f1(percentile(h.latenciesMs, 95)).padStart(7)} ${String(bad).padStart(8)} │ ${(httpRate / r.rate).toFixed(2)}`,
    );
  }
  for (const t of [...notes, ...traces]) say(`  ${t}`);
  if (firstError) say(`first non-201 answer: ${firstError}`);
  const ids = new Set(created);
  const [cases, events] = await Promise.all([CaseModel.countDocuments({}), CaseEventModel.countDocuments({ seq: 1 })]);
  say(`integrity: ${created.length} reports acknowledged (${ids.size} distinct ids); ${cases} cases and ${events} report events in the database`);
  return rows;
}
