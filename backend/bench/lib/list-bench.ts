import { CaseListQuery } from '../../src/contracts';
import type { AppContext } from '../../src/core/context';
import type { AuthUser } from '../../src/modules/auth';
import { CaseModel, listFilter, resetCaseIndex } from '../../src/modules/cases';
import { caseDocFactory } from './case-docs';
import { processCpuMs } from './ferretdb-server';
import { percentile, runLoad } from './http-load';

export interface ListRow {
  backend: string;
  query: string;
  cases: number;
  p50: number;
  p95: number;
  samples: number;
  /** FerretDB CPU time per request (ms): linear in the collection size, and far less noisy than latency. */
  dbCpuMs: number;
  /** True when p95 was extrapolated from smaller sizes rather than measured. */
  extrapolated: boolean;
}

const LIST_SECONDS = Number(process.env.BENCH_LIST_SECONDS ?? 10);
const LIST_SAMPLES = Number(process.env.BENCH_LIST_SAMPLES ?? 100);
/**
 * Unmeasured requests per list before sampling: the JIT and the collector settle after the case
 * index load (in production the index loads at server start, long before anyone lists). With one
 * warm-up, the first samples paid the collection of the load's garbage.
 */
const LIST_WARMUP = Number(process.env.BENCH_LIST_WARMUP ?? 10);
const BATCH = 1000;

const LISTS = [
  { who: 'team leader', path: '/api/v1/cases?status=filed,dispatched,in_progress&limit=50' },
  { who: 'dispatcher', path: '/api/v1/cases?overdue=true&limit=50' },
] as const;

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Fills the connected database with realistic cases up to each size in `steps` (insertMany in
 * batches of 1000, secondary indexes rebuilt after each load) and measures at each size
 * `GET /api/v1/cases` for a team leader's work list and a dispatcher's overdue list, one request
 * at a time (up to LIST_SAMPLES requests or LIST_SECONDS each, at least one), with FerretDB's CPU
 * per request, plus a few sequential `POST /incidents` (whose duplicate check reads the same
 * collection). When `target` is above the largest step, p95 at `target` is extrapolated linearly
 * from the two largest steps (every query here reads the whole collection, so cost is linear in
 * its size) and marked as such. At the largest step it also times the list's two database calls
 * (page query, count) and a primary-key read straight through the driver.
 */
export async function listCasesBench(opts: {
  label: string;
  ctx: AppContext;
  steps: number[];
  target: number;
  staff: { leader: string; dispatcher: string; leaderUser: AuthUser; dispatcherUser: AuthUser; inspectors: string[]; categories: string[] };
  base: string;
  /** FerretDB's process id, for its CPU time per request. */
  dbPid: number;
  bbox: readonly [number, number, number, number];
  say: (s?: string) => void;
}): Promise<ListRow[]> {
  const { label, ctx, staff, base, say } = opts;
  const factory = await caseDocFactory(ctx.clock.now(), 5);
  const coll = CaseModel.collection;
  const rows: ListRow[] = [];
  let inserted = await CaseModel.estimatedDocumentCount();
  say(`\n## 2. GET /api/v1/cases on FerretDB ${label} backend`);
  say('cases  │ list                                                            │ matches │  n │ p50 ms │ p95 ms │ FerretDB CPU ms/req');
  for (const step of opts.steps) {
    const t0 = performance.now();
    // Bulk load without the secondary indexes, then build them once (the end state is the same).
    await coll.dropIndexes();
    let batches: Promise<unknown>[] = [];
    for (; inserted < step; inserted += Math.min(BATCH, step - inserted)) {
      batches.push(coll.insertMany(Array.from({ length: Math.min(BATCH, step - inserted) }, (_, k) => factory.make(inserted + k)), { ordered: false }));
      if (batches.length >= 2) await Promise.all(batches.splice(0));
    }
    await Promise.all(batches);
    await CaseModel.createIndexes();
    const total = await CaseModel.estimatedDocumentCount();
    say(`${String(total).padEnd(6)} │ (inserted and indexed in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    // The bulk load bypassed the app, as an import on a stopped server would: the app's in-memory
    // case index starts over, and the first request (not measured) loads it with one scan.
    resetCaseIndex();
    const t1 = performance.now();
    const cpuLoad0 = processCpuMs(opts.dbPid);
    await fetch(`${base}${LISTS[0].path}`, { headers: { authorization: `Bearer ${staff.leader}` } }).then((r) => r.text());
    say(`${String(total).padEnd(6)} │ (case index loaded by the first request in ${((performance.now() - t1) / 1000).toFixed(1)} s, FerretDB CPU ${((processCpuMs(opts.dbPid) - cpuLoad0) / 1000).toFixed(1)} s)`);
    for (const l of LISTS) {
      const token = l.who === 'team leader' ? staff.leader : staff.dispatcher;
      for (let w = 0; w < LIST_WARMUP; w++) await fetch(`${base}${l.path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text());
      const cpu0 = processCpuMs(opts.dbPid);
      const r = await runLoad({ base, method: 'GET', path: l.path, tokens: [token], concurrency: 1, durationMs: LIST_SECONDS * 1000, maxRequests: LIST_SAMPLES });
      const dbCpu = (processCpuMs(opts.dbPid) - cpu0) / r.requests;
      if ((r.statuses['200'] ?? 0) !== r.requests) throw new Error(`${l.path}: ${JSON.stringify(r.statuses)} ${r.firstError}`);
      const row: ListRow = { backend: label, query: `${l.path.replace('/api/v1', '')} (${l.who})`, cases: total, p50: percentile(r.latenciesMs, 50), p95: percentile(r.latenciesMs, 95), samples: r.requests, dbCpuMs: dbCpu, extrapolated: false };
      rows.push(row);
      say(`${String(total).padEnd(6)} │ ${row.query.padEnd(63)} │ ${String(r.lastTotal ?? '?').padStart(7)} │ ${String(r.requests).padStart(2)} │ ${row.p50.toFixed(0).padStart(6)} │ ${row.p95.toFixed(0).padStart(6)} │ ${dbCpu.toFixed(0).padStart(19)}`);
    }
    const post = await runLoad({ base, method: 'POST', path: '/api/v1/incidents', tokens: staff.inspectors, body: 'incident', categories: staff.categories, bbox: opts.bbox, concurrency: 1, durationMs: LIST_SECONDS * 500, maxRequests: 3 });
    inserted += post.created.length;
    say(`${String(total).padEnd(6)} │ POST /incidents (sequential, for its duplicate check)            │         │ ${String(post.requests).padStart(2)} │ ${percentile(post.latenciesMs, 50).toFixed(0).padStart(6)} │ ${percentile(post.latenciesMs, 95).toFixed(0).padStart(6)} │`);
  }

  // What a list request is made of, at the largest size: its two database calls and a key read.
  const q = CaseListQuery.parse(Object.fromEntries(new URL(LISTS[0].path, base).searchParams));
  const filter = listFilter(ctx, staff.leaderUser, q);
  let page: { _id: unknown }[] = [];
  const pageMs = await timeOnce(async () => {
    page = await CaseModel.find(filter).sort({ createdAt: -1, _id: -1 }).limit(q.limit + 1).lean<{ _id: unknown }[]>();
  });
  // A case from a page (anywhere in the collection), not the first stored one, which FerretDB finds at once.
  const some = page[page.length - 1];
  const countMs = await timeOnce(() => CaseModel.countDocuments(filter));
  const byId: number[] = [];
  for (let i = 0; i < 5; i++) byId.push(await timeOnce(() => CaseModel.findById(some?._id).lean()));
  say(`driver, team leader filter at ${inserted} cases: page query (find+sort+limit 51) ${pageMs.toFixed(0)} ms, countDocuments ${countMs.toFixed(0)} ms; findById of a listed case ${percentile(byId, 50).toFixed(1)} ms`);

  // Extrapolation: FerretDB's CPU per request is linear in the collection size (fit through the two
  // largest steps); latency is scaled from the largest step by the same factor.
  if (opts.target > Math.max(...opts.steps) && opts.steps.length >= 2) {
    for (const l of LISTS) {
      const mine = rows.filter((r) => r.query.startsWith(l.path.replace('/api/v1', '')));
      const [a, b] = mine.slice(-2) as [ListRow, ListRow];
      const slope = (b.dbCpuMs - a.dbCpuMs) / (b.cases - a.cases);
      const cpu = b.dbCpuMs + slope * (opts.target - b.cases);
      const p95 = b.p95 * (cpu / b.dbCpuMs);
      rows.push({ ...b, cases: opts.target, p95, p50: NaN, samples: 0, dbCpuMs: cpu, extrapolated: true });
      say(
        `${String(opts.target).padEnd(6)} │ ${b.query.padEnd(63)} │ extrapolated: FerretDB CPU ≈ ${(cpu / 1000).toFixed(0)} s per request ` +
          `(${(slope * 1000).toFixed(0)} ms per 1,000 cases), p95 ≈ ${(p95 / 1000).toFixed(0)} s at this machine's load`,
      );
    }
  }
  return rows;
}
