/**
 * `npm run bench:evaluation` — the half-year indicator engine (issue 8) over generated cases and their
 * timelines in the embedded database (FerretDB, or MONGODB_URI when set):
 *  - facts (production): the evaluation fact projection — per-case milestones packed 256 chunks to the
 *    database (case-facts.repository.ts), advanced by the journal the cases module writes;
 *  - stream: cases and events read once in natural order and grouped per case (the previous path);
 *  - memory (optional, --modes=facts,stream,memory): loads every case and event first.
 * The generator inserts documents directly (not through the cases module), so the projection is first
 * built from the timelines (the one-time backfill an existing database needs; timed as "build").
 * Each computation runs in a fresh child process so its peak RSS is its own. Prints time, peak RSS and
 * the ratios side by side, per size, and checks every mode gives the same figures.
 * Options: --sizes=10000,100000,1000000 (cases per run) --seed=8 --repeat=2 (interleaved runs: best time,
 * highest RSS) --heap-mb=N (cap each computation's V8 heap) --stream-max=N (largest size the slow
 * baselines run at; default 100000) --modes=facts,stream
 */
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mongoose, { Types } from 'mongoose';
import { REPO_ROOT } from '../src/config';
import { connectDatabase } from '../src/core/db';
import { startEmbeddedDatabase } from '../src/core/embedded-db';
import { createLogger } from '../src/core/logger';
import '../src/modules';
import { CaseEventModel, CaseModel } from '../src/modules/cases';
import { buildFacts, computeTally, DEFAULT_CONFIG, parsePeriod } from '../src/modules/evaluations';
import { mulberry32 } from '../src/modules/evaluations/sampling.workflow';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const out = (s: string) => process.stdout.write(`${s}\n`);
const H = 3_600_000;
const PERIOD = parsePeriod('2026-H1')!;
const LIMITS = { file: 24, dispatch: 4, handle: 48, verify: 24 } as const;
const logger = createLogger('error');

/** One case's document and timeline, shaped as the cases module writes them (hashes are placeholders). */
function generate(i: number, rnd: () => number, teams: Types.ObjectId[], cells: Types.ObjectId[], staff: Types.ObjectId[]) {
  const _id = new Types.ObjectId();
  const cell = Math.floor(rnd() * cells.length);
  const team = teams[cell % teams.length]!;
  const span = PERIOD.end.getTime() - PERIOD.start.getTime();
  let t = PERIOD.start.getTime() + Math.floor(rnd() * span * 0.97);
  const reportedAt = new Date(t);
  const events: Record<string, unknown>[] = [];
  let stage = { name: 'file' as string | null, startedAt: new Date(t), dueAt: new Date(t + LIMITS.file * H) };
  let status = 'reported';
  const actor = () => staff[Math.floor(rnd() * staff.length)]!;
  const push = (action: string, to: string, nextStage: keyof typeof LIMITS | null, data: Record<string, unknown> = {}, patch: Record<string, unknown> = {}) => {
    const at = new Date(t);
    const left = nextStage !== stage.name || action === 'rework' ? { leftStage: { ...stage, onTime: at <= stage.dueAt } } : {};
    if ('leftStage' in left) stage = nextStage ? { name: nextStage, startedAt: at, dueAt: new Date(t + LIMITS[nextStage] * H) } : { name: null, startedAt: at, dueAt: at };
    events.push({ caseId: _id, seq: events.length + 1, action, from: status, to, actorId: actor(), actorRole: 'dispatcher', actorName: '派遣员', at, note: null, data: { ...data, ...left }, patch: { status: to, ...patch, stage }, attachments: [], prevHash: '0'.repeat(64), hash: randomBytes(32).toString('hex') });
    status = to;
  };
  const wait = (limitHours: number, lateShare: number) => (t += (rnd() < lateShare ? 1.05 + rnd() : rnd() * 0.95) * limitHours * H);
  events.push({ caseId: _id, seq: 1, action: 'report', from: null, to: 'reported', actorId: actor(), actorRole: 'inspector', actorName: '网格员', at: reportedAt, note: null, data: { teamId: String(team), gridId: String(cells[cell]) }, patch: {}, attachments: [], prevHash: '0'.repeat(64), hash: randomBytes(32).toString('hex') });
  const r = rnd();
  wait(LIMITS.file, 0.05);
  if (r < 0.04) push('reject', 'rejected', null);
  else if (r < 0.07) push('merge', 'merged', null);
  else {
    push('file', 'filed', 'dispatch');
    // 8 % stay open at some stage; 10 % are returned once; 5 % go through a penalty; 5 % are reworked.
    const stopAt = rnd() < 0.08 ? Math.floor(rnd() * 4) : 9;
    if (stopAt > 0) {
      if (rnd() < 0.1) {
        wait(LIMITS.dispatch, 0.1);
        push('dispatch', 'dispatched', 'handle', {}, { teamId: String(teams[(cell + 1) % teams.length]) });
        wait(2, 0);
        push('return', 'filed', 'dispatch');
      }
      wait(LIMITS.dispatch, 0.1);
      push('dispatch', 'dispatched', 'handle', {}, { teamId: String(team) });
    }
    if (stopAt > 1) {
      wait(1, 0);
      push('accept', 'in_progress', 'handle');
      if (rnd() < 0.05) {
        for (const step of ['penalty_notify', 'legal_review'] as const) {
          wait(24, 0);
          push(step, 'in_progress', 'handle', step === 'legal_review' ? { approved: true } : {});
        }
        wait(24, 0);
        push('penalty_decide', 'in_progress', 'handle', { withinLimit: rnd() < 0.95 }, { penalty: { major: rnd() < 0.3 } });
      }
    }
    if (stopAt > 2) {
      wait(LIMITS.handle, 0.12);
      push('resolve', 'resolved', 'verify');
      if (rnd() < 0.05) {
        wait(LIMITS.verify, 0.05);
        push('rework', 'in_progress', 'handle');
        wait(LIMITS.handle, 0.12);
        push('resolve', 'resolved', 'verify');
      }
    }
    if (stopAt > 3) {
      wait(LIMITS.verify, 0.05);
      push('verify', 'closed', null);
    }
  }
  const kase = {
    _id, caseNo: `BENCH-${String(i).padStart(7, '0')}`, status, tier: 'team', source: rnd() < 0.7 ? 'patrol' : 'hotline', urgent: false,
    categoryCode: `CAT${Math.floor(rnd() * 20)}`, domain: ['city_appearance', 'market', 'environment', 'planning_land', 'work_safety'][cell % 5],
    description: '占道经营，影响通行', address: '白沙大道', reporterContact: null, location: { type: 'Point', coordinates: [106.2 + rnd() * 0.1, 29.2 + rnd() * 0.1] },
    outside: false, geometryVersion: 1, gridId: cells[cell], zoneId: null, teamId: team, holderId: null, reporterId: null, labels: { gridCode: `G${cell}` },
    seq: events.length, stage, everOverdue: false, pending: null, suspended: false, pauses: [], possibleDuplicates: [], mergedInto: null, jointCaseId: null,
    agencyIds: [], referrals: [], penalty: null, photoIds: [], counters: { returns: 0, reworks: 0, escalations: 0, verifications: 0 }, resolvedBy: null,
    reportedAt, filedAt: null, dispatchedAt: null, acceptedAt: null, resolvedAt: null, closedAt: null, createdAt: reportedAt, updatedAt: new Date(t),
  };
  return { kase, events };
}

export async function populate(n: number, seed: number): Promise<{ events: number; ms: number }> {
  const rnd = mulberry32(seed);
  const teams = Array.from({ length: 8 }, () => new Types.ObjectId());
  const cells = Array.from({ length: 200 }, () => new Types.ObjectId());
  const staff = Array.from({ length: 40 }, () => new Types.ObjectId());
  const started = performance.now();
  let events = 0;
  for (let from = 0; from < n; from += 2000) {
    const batch = Array.from({ length: Math.min(2000, n - from) }, (_, k) => generate(from + k, rnd, teams, cells, staff));
    const evs = batch.flatMap((b) => b.events);
    events += evs.length;
    await CaseModel.collection.insertMany(batch.map((b) => b.kase), { ordered: false });
    await CaseEventModel.collection.insertMany(evs, { ordered: false });
  }
  return { events, ms: performance.now() - started };
}

type Mode = 'facts' | 'stream' | 'memory' | 'build';
const NOW = new Date('2026-08-01T00:00:00Z');

/** Child process: one computation (or the projection's build), then time, peak RSS and a digest of every figure on stdout. */
async function worker(mode: Mode, uri: string, db: string) {
  await connectDatabase({ uri, dbName: db, timeoutMs: 30000, logger });
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  if (mode === 'build') {
    const built = await buildFacts(NOW);
    out(JSON.stringify({ ms: performance.now() - started, cases: built ? built.cases : 0, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb: rssBefore / 1048576, digest: built ? 'built' : 'failed: lease' }));
    await mongoose.disconnect();
    return;
  }
  const { tally, cases } = await computeTally(PERIOD, { config: DEFAULT_CONFIG, now: NOW, source: mode });
  const ms = performance.now() - started;
  // Sorted at every level: the spill and the chunks yield cases in other orders.
  const sorted = <V>(m: Map<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const figures = sorted(tally.levels as Map<string, Map<string, Map<string, { num: number; den: number }>>>).map(([level, keys]) => [
    level,
    sorted(keys).map(([k, inds]) => [k, sorted(inds).map(([i, v]) => [i, v.num, v.den])]),
  ]);
  const digest = createHash('sha256').update(JSON.stringify(figures)).digest('hex').slice(0, 16);
  out(JSON.stringify({ ms, cases, peakRssMb: process.resourceUsage().maxRSS / 1024, startRssMb: rssBefore / 1048576, digest }));
  await mongoose.disconnect();
}

type RunResult = { ms: number; cases: number; peakRssMb: number; startRssMb: number; digest: string };

/** Runs one computation in a child process (optionally with a capped V8 heap); a crash is reported, not thrown. */
function runWorker(mode: Mode, uri: string, db: string): RunResult {
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const heap = arg('heap-mb', '');
  const env = { ...process.env, ...(heap ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${heap}`.trim() } : {}) };
  const r = spawnSync(tsx, [__filename, `--worker=${mode}`, `--uri=${uri}`, `--db=${db}`], { encoding: 'utf8', maxBuffer: 1 << 24, env });
  const line = r.stdout.split('\n').find((l) => l.startsWith('{"ms"'));
  if (r.status !== 0 || !line) {
    const why = /heap out of memory|Allocation failed/i.test(r.stderr) ? `out of memory at --heap-mb=${heap}` : `exit ${r.status}`;
    return { ms: NaN, cases: 0, peakRssMb: NaN, startRssMb: NaN, digest: `failed: ${why}` };
  }
  return JSON.parse(line) as RunResult;
}

/** Peak resident memory of a process (VmHWM, Linux), in MB; NaN when unknown. */
function peakRssMbOf(pid: number | undefined): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

const fmt = (x: number, d = 0, w = 8) => (Number.isFinite(x) ? x.toFixed(d) : '—').padStart(w);

async function main() {
  const mode = arg('worker', '');
  if (['facts', 'stream', 'memory', 'build'].includes(mode)) return worker(mode as Mode, arg('uri', ''), arg('db', ''));
  const sizes = arg('sizes', '10000,100000,1000000').split(',').map(Number);
  const seed = Number(arg('seed', '8'));
  const repeat = Math.max(1, Number(arg('repeat', '2')));
  const streamMax = Number(arg('stream-max', '100000'));
  const modes = arg('modes', 'facts,stream').split(',') as Mode[];
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ge-bench-eval-'));
  process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }));
  // A fresh server process per measured run (same data directory), so its peak RSS is that run's own.
  const start = async () =>
    process.env.MONGODB_URI
      ? { uri: process.env.MONGODB_URI, kind: 'external', pid: undefined as number | undefined, stop: async () => undefined }
      : await startEmbeddedDatabase({ dataDir, repoRoot: REPO_ROOT, logger });
  const probe = await start();
  const heap = arg('heap-mb', '');
  out(`bench:evaluation — period 2026-H1, database ${probe.kind}, node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0]!.toFixed(1)}${heap ? `, V8 heap capped at ${heap} MB` : ''}`);
  await probe.stop();
  const head = modes.map((m) => `| ${m.padEnd(6)} time s  app RSS MB  db RSS MB `).join('');
  out(`cases    events   insert s  build s ${head}${modes.length > 1 ? `| ${modes.slice(1).map((m) => `${m} ÷ facts`).join('  ')} ` : ''}| same figures`);
  for (const n of sizes) {
    const db = `bench_eval_${n}_${Date.now()}`;
    let server = await start();
    await connectDatabase({ uri: server.uri, dbName: db, timeoutMs: 30000, logger });
    const { events, ms } = await populate(n, seed);
    await mongoose.disconnect();
    await server.stop();
    server = await start();
    const build = runWorker('build', server.uri, db);
    await server.stop();
    // Interleaved repeats (facts, stream, facts, stream…): best time, highest peak RSS, one digest each.
    const runs: Partial<Record<Mode, RunResult & { dbPeakMb: number }>> = {};
    const active = modes.filter((m) => m === 'facts' || n <= streamMax);
    for (let rep = 0; rep < repeat; rep++) {
      for (const m of active) {
        server = await start();
        const r = { ...runWorker(m, server.uri, db), dbPeakMb: peakRssMbOf(server.pid) };
        await server.stop();
        const prev = runs[m];
        runs[m] = !prev
          ? r
          : { ...r, ms: Math.min(prev.ms, r.ms), peakRssMb: Math.max(prev.peakRssMb, r.peakRssMb), dbPeakMb: Math.max(prev.dbPeakMb, r.dbPeakMb), digest: prev.digest === r.digest ? r.digest : `${prev.digest}≠${r.digest}` };
      }
    }
    const none = { ms: NaN, peakRssMb: NaN, dbPeakMb: NaN, digest: 'not run', cases: 0, startRssMb: NaN };
    const side = (m: Mode) => {
      const r = runs[m] ?? none;
      return ['|', ' '.repeat(m.length), fmt(r.ms / 1000, 2, 6), fmt(r.peakRssMb, 0, 11), fmt(r.dbPeakMb, 0, 10), ' '];
    };
    const f = runs.facts ?? none;
    const digests = active.map((m) => runs[m]!.digest);
    const same = digests.some((d) => d.startsWith('failed')) ? active.map((m) => `${m} ${runs[m]!.digest.slice(0, 40)}`).join(', ') : new Set(digests).size === 1 ? `yes (${digests[0]})` : `NO (${active.map((m) => `${m} ${runs[m]!.digest}`).join(', ')})`;
    out([
      String(n).padEnd(8), String(events).padEnd(8), fmt(ms / 1000, 1, 8), fmt(build.ms / 1000, 1, 8), ...modes.flatMap(side), '|',
      ...(modes.length > 1 ? [modes.slice(1).map((m) => `${fmt((runs[m]?.ms ?? NaN) / f.ms, 1, 5)}×`.padEnd(m.length + 8)).join('  '), '|'] : []), same,
    ].join(' '));
    server = await start();
    await connectDatabase({ uri: server.uri, dbName: db, timeoutMs: 30000, logger });
    await mongoose.connection.dropDatabase();
    await mongoose.disconnect();
    await server.stop();
  }
  out(`time: best of ${repeat} interleaved runs; RSS: the highest peak of them; — = not run (slow baselines only up to --stream-max=${streamMax}).`);
  out('build: the one-time backfill of the projection from the timelines (the generator bypasses the cases module, which keeps it');
  out('current event by event). app RSS: peak RSS of the Node process computing (Node + Mongoose ~100 MB); db RSS: peak RSS of the');
  out('database server during that run.');
}

if (require.main === module) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
