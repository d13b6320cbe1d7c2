/**
 * `npm run bench:push` — live push (issue 9): N SSE subscribers spread over several API processes
 * that share the database bus, while a publisher process (push-publisher.ts) writes M case events at a fixed rate;
 * then the same delivery inside one process with the in-memory transport (the baseline).
 * Prints latency p50/p95/p99/max (publish → SSE message parsed by the client), throughput, lost
 * and duplicated deliveries, side by side with the ratio.
 * Options: --subscribers=1000 --rate=100 --duration=30 --instances=2 --poll=25 --grids=20 --linger=<ms, publisher writer>
 * --baseline=0 (skip the in-memory run)
 * (MONGODB_URI=… to use a running server instead of a fresh embedded one).
 * Subscribers: half dispatchers (see every case), half inspectors of one of `grids` cells.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import mongoose, { Types } from 'mongoose';
import { loadConfig, REPO_ROOT, type Config } from '../src/config';
import { connectDatabase } from '../src/core/db';
import { startEmbeddedDatabase } from '../src/core/embedded-db';
import { createLogger } from '../src/core/logger';
import { signAccessToken } from '../src/modules/auth';
import { openSse } from '../src/modules/events';
import { UserModel } from '../src/modules/users';
import { cpuSnapshot, cpuReport } from './lib/proc-cpu';

const arg = (name: string, dflt: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const SUBSCRIBERS = Number(arg('subscribers', '1000'));
const RATE = Number(arg('rate', '100'));
const DURATION = Number(arg('duration', '30'));
const INSTANCES = Number(arg('instances', '2'));
const POLL_MS = arg('poll', '25');
const GRIDS = Number(arg('grids', '20'));
const RETAIN = arg('retain', '');
/** --baseline=0 skips the in-memory run (quicker iterations on the bus). */
const BASELINE = arg('baseline', '1') !== '0';
const COUNT = Math.round(RATE * DURATION);
const TSX = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
const out = (s: string) => process.stdout.write(`${s}\n`);
const epochMs = () => performance.timeOrigin + performance.now();
/** Temporary directories of this run (removed at the end). */
const tmpDirs: string[] = [];
/** Diagnostics printed at the end: the publisher's writer and each instance's reader. */
const writerStats: string[] = [];
const tmpDir = (prefix: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  tmpDirs.push(d);
  return d;
};

function envFor(uri: string, db: string, secret: string, extra: Record<string, string>): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    MONGODB_URI: uri,
    MONGODB_DB: db,
    JWT_SECRET: secret,
    DATA_DIR: tmpDir('ge-push-'),
    FRONTEND_DIST: '',
    EVENTS_POLL_MS: POLL_MS,
    EVENTS_MAX_STREAMS_PER_USER: '5',
    ...(RETAIN ? { EVENTS_BUS_RETAIN: RETAIN } : {}),
    ...extra,
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** A child running a TypeScript entry point; resolves when it prints `line` on stdout. */
function child(args: string[], env: Record<string, string>, readyLine: RegExp): Promise<ChildProcess> {
  const c = spawn(TSX, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: c.stdout! }).on('line', (l) => readyLine.test(l) && resolve(c));
    c.once('exit', (code) => reject(new Error(`child ${args.join(' ')} exited with ${code}`)));
  });
}

async function waitReady(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`instance on ${port} not ready`);
}

const stop = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null ? r() : (c.once('exit', () => r()), c.kill('SIGTERM'))));

interface Sub {
  token: string;
  grid: string | null;
}

interface Result {
  expected: number;
  delivered: number;
  lost: number;
  duplicated: number;
  reconnects: number;
  resets: number;
  latencies: Float64Array;
  seconds: number;
  publishRate: number;
}

/** Opens the subscribers on the given ports (round robin), runs the publisher, collects. */
async function measure(ports: number[], subs: Sub[], grids: string[], pub: ChildProcess): Promise<Result> {
  const perGrid = new Map<string, number>();
  for (let i = 0; i < COUNT; i++) perGrid.set(grids[i % grids.length]!, (perGrid.get(grids[i % grids.length]!) ?? 0) + 1);
  const expected = subs.reduce((n, s) => n + (s.grid ? perGrid.get(s.grid) ?? 0 : COUNT), 0);
  const latencies = new Float64Array(expected + 1024);
  let delivered = 0;
  let duplicated = 0;
  let reconnects = 0;
  let resets = 0;
  let last = 0;
  let finished = false;
  /** A subscriber behaves like EventSource: when the server drops it, it reconnects with Last-Event-ID. */
  const subscribe = async (s: Sub, port: number, seen: Uint8Array, lastId: string | null): Promise<void> => {
    const c = await openSse(`http://127.0.0.1:${port}/api/v1/events`, {
      headers: { Authorization: `Bearer ${s.token}`, ...(lastId ? { 'Last-Event-ID': lastId } : {}) },
      keep: false,
      onMessage: (m) => {
        if (m.event === 'reset') resets++;
        if (m.event !== 'case.updated') return;
        const now = epochMs();
        const d = JSON.parse(m.data) as { n: number; sentAt: number };
        if (seen[d.n]) duplicated++;
        else {
          seen[d.n] = 1;
          if (delivered < latencies.length) latencies[delivered] = now - d.sentAt;
          delivered++;
          last = now;
        }
      },
    });
    if (c.status !== 200) throw new Error(`stream refused: ${c.status} ${c.errorBody}`);
    open.add(c);
    void c.closed.then(() => {
      open.delete(c);
      if (finished) return;
      reconnects++;
      // A reconnect racing the end of the run (the server already stopped) is not an error.
      return subscribe(s, port, seen, c.lastEventId ?? lastId).catch((err: unknown) => {
        if (!finished) throw err;
      });
    });
  };
  const open = new Set<{ close(): void }>();
  // Even and odd subscribers have different roles: spread each role over every port.
  await Promise.all(subs.map((s, i) => subscribe(s, ports[Math.floor(i / 2) % ports.length]!, new Uint8Array(COUNT), null)));
  const start = epochMs();
  let publishRate = 0;
  createInterface({ input: pub.stdout! }).on('line', (l) => {
    if (l.startsWith('PUBLISHED')) publishRate = Number(l.split(' ')[1]);
    if (l.startsWith('WRITER') && l !== 'WRITER null') writerStats.push(`publisher writer: ${l.slice(7)}`);
  });
  pub.stdin!.write('go\n');
  // Until everything arrived, or nothing more arrives for 10 s after the publisher is done.
  let progressAt = epochMs();
  let seenCount = 0;
  while (delivered < expected) {
    await new Promise((r) => setTimeout(r, 200));
    if (delivered !== seenCount) [seenCount, progressAt] = [delivered, epochMs()];
    else if (epochMs() - start > DURATION * 1000 && epochMs() - progressAt > 10_000) break;
  }
  finished = true;
  for (const c of open) c.close();
  await stop(pub);
  return {
    expected, delivered, lost: expected - delivered, duplicated, reconnects, resets,
    latencies: latencies.slice(0, delivered), seconds: (last - start) / 1000, publishRate,
  };
}

function pct(sorted: Float64Array, p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
}

function report(db: Result, mem: Result, kind: string): void {
  const a = db.latencies.sort();
  const b = mem.latencies.sort();
  const rows: [string, number, number, number?][] = [
    ['deliveries expected', db.expected, mem.expected],
    ['delivered', db.delivered, mem.delivered],
    ['lost', db.lost, mem.lost],
    ['duplicated', db.duplicated, mem.duplicated],
    ['slow streams dropped and resumed', db.reconnects, mem.reconnects],
    ['resumes answered with reset', db.resets, mem.resets],
    ['publish rate achieved (events/s)', db.publishRate, mem.publishRate],
    ['latency p50 (ms)', pct(a, 50), pct(b, 50)],
    ['latency p95 (ms)', pct(a, 95), pct(b, 95)],
    ['latency p99 (ms)', pct(a, 99), pct(b, 99)],
    ['latency max (ms)', a[a.length - 1] ?? NaN, b[b.length - 1] ?? NaN],
    ['throughput (deliveries/s)', db.delivered / db.seconds, mem.delivered / mem.seconds],
  ];
  const f = (v: number) => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: 1 }) : '—');
  out('');
  out(`${'metric'.padEnd(34)}${`database bus, ${INSTANCES} processes`.padStart(28)}${'in-memory, 1 process'.padStart(24)}${'ratio'.padStart(10)}`);
  for (const [name, x, y] of rows) {
    const ratio = y ? f(x / y) : '—';
    out(`${name.padEnd(34)}${f(x).padStart(28)}${f(y).padStart(24)}${ratio.padStart(10)}`);
  }
  out(`\ndatabase: ${kind}; poll ${POLL_MS} ms; target p99 ≤ 500 ms, none lost, none duplicated: ${
    pct(a, 99) <= 500 && db.lost === 0 && db.duplicated === 0 ? 'met' : 'NOT met'
  }`);
}

async function main(): Promise<void> {
  const logger = createLogger('warn');
  const embedded = process.env.MONGODB_URI
    ? null
    : await startEmbeddedDatabase({ dataDir: tmpDir('ge-push-db-'), repoRoot: REPO_ROOT, logger });
  const uri = process.env.MONGODB_URI ?? embedded!.uri;
  const secret = randomBytes(32).toString('hex');
  const dbName = `bench_push_${randomBytes(3).toString('hex')}`;
  const config: Config = loadConfig(envFor(uri, dbName, secret, {}));
  await connectDatabase({ uri, dbName, timeoutMs: 5000, logger });
  const loadAtStart = os.loadavg();
  out(`push benchmark: ${SUBSCRIBERS} subscribers, ${RATE} events/s for ${DURATION} s (${COUNT} events), ${INSTANCES} API processes`);

  const grids = Array.from({ length: GRIDS }, () => new Types.ObjectId());
  const users = Array.from({ length: SUBSCRIBERS }, (_, i) => {
    const grid = i % 2 === 1 ? grids[i % GRIDS]! : null;
    return { _id: new Types.ObjectId(), username: `bench${i}`, displayName: `bench ${i}`, role: grid ? 'inspector' : 'dispatcher', gridIds: grid ? [grid] : [], sessionVersion: 1 };
  });
  await UserModel.insertMany(users, { lean: true });
  const now = Math.floor(Date.now() / 1000);
  const subs: Sub[] = users.map((u) => ({
    token: signAccessToken(config, { sub: String(u._id), role: u.role, sv: 1 }, now),
    grid: u.gridIds[0] ? String(u.gridIds[0]) : null,
  }));
  const gridList = grids.map(String);
  const linger = arg('linger', '');
  const pubEnv = (extra: Record<string, string>) =>
    envFor(uri, dbName, secret, { BENCH_GRIDS: gridList.join(','), ...(linger ? { BENCH_LINGER_MS: linger } : {}), ...extra });
  const script = path.join(REPO_ROOT, 'backend', 'bench', 'push-publisher.ts');
  const passOn = [`--rate=${RATE}`, `--count=${COUNT}`];

  const ports = await Promise.all(Array.from({ length: INSTANCES }, () => freePort()));
  const readerStats: string[] = [];
  const apis = ports.map((port) => {
    // node itself (not the tsx launcher), so the pid is the server's: it is stopped and waited for directly.
    const prof = process.env.BENCH_API_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_API_PROFILE}`] : [];
    const api = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(REPO_ROOT, 'backend', 'src', 'server.ts')], {
      env: envFor(uri, dbName, secret, { PORT: String(port), LOG_LEVEL: 'info' }),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    createInterface({ input: api.stdout! }).on('line', (l) => {
      if (!l.includes('event bus reader stopped')) return;
      const s = JSON.parse(l) as Record<string, number>;
      readerStats.push(`instance :${port}: ${s.events} events in ${s.keyHits}/${s.keyReads} key reads (hits/all) and ${s.scans} scans, ${s.readMs} ms reading`);
      const { keyRead, batchSize, lag, fanOut, loopDelay, writer } = s as unknown as Record<string, unknown>;
      readerStats.push(`  ${JSON.stringify({ keyRead, batchSize, lag, fanOut, loopDelay, writer })}`);
    });
    return api;
  });
  await Promise.all(ports.map(waitReady));
  const dbPub = await child([script, '--publish=db', ...passOn], pubEnv({}), /^READY/);
  out('database bus: running…');
  const pids = { publisher: dbPub.pid!, ferretdb: embedded?.pid ?? 0, ...Object.fromEntries(apis.map((a, i) => [`api${i + 1}`, a.pid!])) };
  const cpu0 = cpuSnapshot(pids);
  const own0 = process.cpuUsage();
  const dbResult = await measure(ports, subs, gridList, dbPub);
  const own = process.cpuUsage(own0);
  const cpuLine = `${cpuReport(cpu0, cpuSnapshot(pids))}, subscribers (this process) ${((own.user + own.system) / 1e6).toFixed(1)} s`;
  await Promise.all(apis.map(stop));

  let memResult: Result = { expected: 0, delivered: 0, lost: 0, duplicated: 0, reconnects: 0, resets: 0, latencies: new Float64Array(0), seconds: 0, publishRate: 0 };
  if (BASELINE) {
    const memPort = await freePort();
    const memPub = await child([script, '--publish=memory', ...passOn], pubEnv({ PORT: String(memPort), EVENTS_TRANSPORT: 'memory' }), /^READY/);
    await waitReady(memPort);
    out('in-memory baseline: running…');
    memResult = await measure([memPort], subs, gridList, memPub);
  }

  report(dbResult, memResult, embedded?.kind ?? 'external (MONGODB_URI)');
  const la = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  out(`machine load average (1 / 5 / 15 min): ${la(loadAtStart)} at start, ${la(os.loadavg())} at the end, ${os.cpus().length} cores`);
  out(`CPU seconds during the database-bus run (process trees): ${cpuLine}`);
  for (const line of [...writerStats, ...readerStats]) out(line);
  await mongoose.connection.dropDatabase().catch(() => undefined);
  await mongoose.disconnect();
  await embedded?.stop();
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
