/**
 * Load benchmark (issue 10): `npm run bench:load`.
 *
 * Starts the embedded database (FerretDB on SQLite, as `npm start` does) in a temporary directory
 * and the real server (backend/src/server.ts) beside it, loads the demo geography and catalogue,
 * then drives a mixed workload at rising concurrency:
 *   35 % reports (POST /incidents, each with its own Idempotency-Key), 30 % lists (GET /cases),
 *   15 % transitions (file → dispatch, else a comment) and 20 % map queries (GET /map/clusters).
 * Each level runs BENCH_LEVEL_SECONDS (longer until it has 200 samples); the run stops at the first level whose p99 passes
 * BENCH_P99_LIMIT_MS (1 s) and prints the throughput there. Afterwards it checks in the database
 * that every acknowledged report (201) is there exactly once, with its first timeline event.
 *
 * Knobs: BENCH_LEVELS=1,2,4,… BENCH_LEVEL_SECONDS=8 BENCH_P99_LIMIT_MS=1000.
 */
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { REPO_ROOT } from '../src/config';
import { systemClock } from '../src/core/context';
import { connectDatabase } from '../src/core/db';
import { startEmbeddedDatabase } from '../src/core/embedded-db';
import { createLogger } from '../src/core/logger';
import '../src/modules';
import { CaseEventModel, CaseModel } from '../src/modules/cases';
import { readCategoryFixture, loadCategories } from '../src/modules/catalogue';
import { demoStaffPlan, linkDemoStaff, loadDemoGeography } from '../src/modules/geography';
import { ensureUser } from '../src/modules/users';

const LEVELS = (process.env.BENCH_LEVELS ?? '1,2,4,8,16,32,64,128,256').split(',').map(Number);
const LEVEL_MS = Number(process.env.BENCH_LEVEL_SECONDS ?? 8) * 1000;
const P99_LIMIT_MS = Number(process.env.BENCH_P99_LIMIT_MS ?? 1000);
const MIN_SAMPLES = 200;
const BBOX = [106.0903718, 29.0462161, 106.1656001, 29.0907933] as const;
const PASSWORD = `Bench-${randomBytes(9).toString('base64url')}`;
const logger = createLogger('warn');

const say = (msg: string) => process.stdout.write(`${msg}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

type Kind = 'report' | 'list' | 'transition' | 'map';
interface Sample {
  kind: Kind;
  ms: number;
  status: number;
}

interface Known {
  id: string;
  status: string;
}

class Workload {
  readonly acked = new Map<string, string>(); // description token → case id
  readonly cases: Known[] = [];
  constructor(
    private readonly base: string,
    private readonly auth: string,
    private readonly categories: string[],
  ) {}

  private async call(method: string, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: { authorization: this.auth, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
  }

  private pick(): Kind {
    const r = Math.random();
    if (r < 0.35) return 'report';
    if (r < 0.65) return 'list';
    if (r < 0.8 && this.cases.length) return 'transition';
    return 'map';
  }

  async one(): Promise<Sample> {
    const kind = this.pick();
    const started = performance.now();
    let status = 0;
    try {
      status = await this.run(kind);
    } catch {
      status = 0; // connection error or timeout
    }
    return { kind, ms: performance.now() - started, status };
  }

  private async run(kind: Kind): Promise<number> {
    if (kind === 'report') {
      const token = randomUUID();
      const point = [BBOX[0] + Math.random() * (BBOX[2] - BBOX[0]), BBOX[1] + Math.random() * (BBOX[3] - BBOX[1])];
      const res = await this.call(
        'POST',
        '/api/v1/incidents',
        {
          location: { type: 'Point', coordinates: point },
          category: this.categories[Math.floor(Math.random() * this.categories.length)],
          description: `bench ${token}`,
          source: 'hotline',
        },
        { 'idempotency-key': token },
      );
      if (res.status === 201) {
        this.acked.set(token, res.json.data.id);
        this.cases.push({ id: res.json.data.id, status: res.json.data.status });
      }
      return res.status;
    }
    if (kind === 'list') return (await this.call('GET', '/api/v1/cases?limit=50')).status;
    if (kind === 'map') {
      const zoom = 13 + Math.floor(Math.random() * 5);
      return (await this.call('GET', `/api/v1/map/clusters?bbox=${BBOX.join(',')}&zoom=${zoom}`)).status;
    }
    const c = this.cases[Math.floor(Math.random() * this.cases.length)]!;
    const body = c.status === 'reported' ? { action: 'file' } : c.status === 'filed' ? { action: 'dispatch' } : { action: 'comment', note: '压测备注' };
    const res = await this.call('POST', `/api/v1/cases/${c.id}/transitions`, body);
    if (res.status === 200) c.status = res.json.data.status;
    return res.status;
  }
}

function pct(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs one level for LEVEL_MS, longer (up to 3×) until it has MIN_SAMPLES for a meaningful p99. */
async function runLevel(w: Workload, concurrency: number): Promise<{ samples: Sample[]; seconds: number }> {
  const samples: Sample[] = [];
  const started = performance.now();
  const more = () => {
    const elapsed = performance.now() - started;
    return elapsed < LEVEL_MS || (samples.length < MIN_SAMPLES && elapsed < 3 * LEVEL_MS);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) samples.push(await w.one());
    }),
  );
  return { samples, seconds: (performance.now() - started) / 1000 };
}

async function verify(w: Workload): Promise<boolean> {
  const rows = await CaseModel.find({ description: { $regex: '^bench ' } }, { description: 1 }).lean<{ _id: mongoose.Types.ObjectId; description: string }[]>();
  const byToken = new Map<string, string[]>();
  for (const r of rows) {
    const token = r.description.slice('bench '.length);
    byToken.set(token, [...(byToken.get(token) ?? []), String(r._id)]);
  }
  let missing = 0;
  let wrong = 0;
  for (const [token, id] of w.acked) {
    const found = byToken.get(token) ?? [];
    if (found.length === 0) missing++;
    else if (found.length > 1 || found[0] !== id) wrong++;
  }
  const duplicated = [...byToken.values()].filter((ids) => ids.length > 1).length;
  const ids = [...w.acked.values()].map((id) => new mongoose.Types.ObjectId(id));
  const withFirstEvent = new Set(
    (await CaseEventModel.find({ caseId: { $in: ids }, seq: 1 }, { caseId: 1 }).lean<{ caseId: mongoose.Types.ObjectId }[]>()).map((e) => String(e.caseId)),
  );
  const noEvent = ids.filter((id) => !withFirstEvent.has(String(id))).length;
  say(`\nIntegrity: ${w.acked.size} acknowledged reports; ${rows.length} bench cases in the database`);
  say(`  missing: ${missing}, wrong id: ${wrong}, duplicated tokens: ${duplicated}, without their report event: ${noEvent}`);
  const ok = missing === 0 && wrong === 0 && duplicated === 0 && noEvent === 0;
  say(ok ? '  OK: every acknowledged report is in the database exactly once' : '  FAILED');
  return ok;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ge-bench-'));
  const db = await startEmbeddedDatabase({ dataDir, repoRoot: REPO_ROOT, logger });
  const dbName = 'bench';
  say(`embedded database: ${db.kind} (${dataDir})`);
  let server: ReturnType<typeof spawn> | null = null;
  let ok = false;
  try {
    await connectDatabase({ uri: db.uri, dbName, timeoutMs: 5000, logger });
    await loadCategories();
    await loadDemoGeography({ clock: systemClock, logger });
    const plan = await demoStaffPlan();
    for (const i of plan.inspectors) {
      await ensureUser({ username: i.username, displayName: i.displayName, role: 'inspector', password: PASSWORD, gridIds: i.gridIds, teamId: i.teamId });
    }
    await linkDemoStaff();
    await ensureUser({ username: 'bench.dispatcher', displayName: '压测调度员', role: 'dispatcher', password: PASSWORD });
    const categories = readCategoryFixture().map((c) => c.code);

    const port = await freePort();
    const log = createWriteStream(path.join(dataDir, 'server.log'));
    server = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'backend', 'src', 'server.ts')], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        JWT_SECRET: randomBytes(32).toString('hex'),
        MONGODB_URI: db.uri,
        MONGODB_DB: dbName,
        DATA_DIR: dataDir,
        FRONTEND_DIST: '',
        SEED_DEMO: 'false',
        // A handful of bench users send hundreds of requests a second: measure capacity, not the per-user limit.
        RATE_LIMIT_USER_REQUESTS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.pipe(log);
    server.stderr!.pipe(log);
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      if ((await fetch(`${base}/readyz`).then((r) => r.status, () => 0)) === 200) break;
      if (i > 300) throw new Error('server did not become ready');
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench.dispatcher', password: PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const w = new Workload(base, `Bearer ${accessToken}`, categories);

    say(`\nmachine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share these cores)`);
    say(`\nMixed workload (35% reports, 30% lists, 15% transitions, 20% map), ${LEVEL_MS / 1000} s per level, stop when p99 > ${P99_LIMIT_MS} ms`);
    say('concurrency   requests   req/s    p50 ms   p95 ms   p99 ms   errors  (report/list/transition/map p99 ms)');
    let knee: { c: number; rps: number; p99: number } | null = null;
    let last: { c: number; rps: number; p99: number } | null = null;
    for (const c of LEVELS) {
      const { samples, seconds } = await runLevel(w, c);
      const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
      const rps = samples.length / seconds;
      const errors = samples.filter((s) => s.status === 0 || s.status >= 500).length;
      const byKind = (['report', 'list', 'transition', 'map'] as Kind[]).map((k) => pct(samples.filter((s) => s.kind === k).map((s) => s.ms).sort((a, b) => a - b), 99).toFixed(0));
      const p99 = pct(ms, 99);
      say(
        `${String(c).padStart(11)} ${String(samples.length).padStart(10)} ${rps.toFixed(1).padStart(7)} ${pct(ms, 50).toFixed(0).padStart(9)} ${pct(ms, 95).toFixed(0).padStart(8)} ${p99.toFixed(0).padStart(8)} ${String(errors).padStart(8)}  (${byKind.join('/')})`,
      );
      last = { c, rps, p99 };
      if (p99 > P99_LIMIT_MS) {
        knee = last;
        break;
      }
    }
    if (knee) say(`\np99 passed ${P99_LIMIT_MS} ms at concurrency ${knee.c}: throughput there ${knee.rps.toFixed(1)} req/s (p99 ${knee.p99.toFixed(0)} ms)`);
    else say(`\np99 stayed under ${P99_LIMIT_MS} ms up to concurrency ${last?.c}: throughput ${last?.rps.toFixed(1)} req/s`);
    // Let in-flight writes settle before counting.
    await new Promise((r) => setTimeout(r, 500));
    ok = await verify(w);
  } finally {
    if (server && server.exitCode === null) {
      await new Promise<void>((resolve) => {
        server!.once('exit', () => resolve());
        server!.kill('SIGTERM');
      });
    }
    await mongoose.disconnect();
    await db.stop();
  }
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
