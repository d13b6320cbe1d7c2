import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from '../../src/config';
import { FERRETDB_BIN_REL, ferretdbArgs, ferretdbEnv } from '../../src/core/embedded-db';

/** A free TCP port on 127.0.0.1 (closed again before returning). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForPort(port: number, child: ChildProcess | null, timeoutMs = 60000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`process exited with code ${child.exitCode} before port ${port} opened`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => (s.destroy(), resolve(false)));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} did not open within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export interface FerretServer {
  uri: string;
  handler: 'sqlite' | 'postgresql';
  pid: number;
  stop(): Promise<void>;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) in clock ticks; 100 ticks per second on Linux.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/**
 * A private FerretDB v1.24.2 (tools/ferretdb/bin/ferretdb) on a free loopback port: SQLite files
 * in `dir` (the embedded configuration, same flags as `startEmbeddedDatabase`), or the PostgreSQL
 * backend at `postgresqlUrl`. Logs go to `dir/ferretdb-<handler>.log`.
 */
export async function startFerret(opts: { dir: string; postgresqlUrl?: string }): Promise<FerretServer> {
  const bin = path.join(REPO_ROOT, FERRETDB_BIN_REL);
  if (!existsSync(bin)) throw new Error(`FerretDB is not built (${bin}); run npm run db:build`);
  const port = await freePort();
  const handler = opts.postgresqlUrl ? 'postgresql' : 'sqlite';
  let args: string[];
  if (opts.postgresqlUrl) {
    args = [
      '--handler=postgresql',
      `--postgresql-url=${opts.postgresqlUrl}`,
      `--listen-addr=127.0.0.1:${port}`,
      '--debug-addr=-',
      '--state-dir=-',
      '--telemetry=disable',
      '--log-level=warn',
    ];
  } else {
    const sqliteDir = path.join(opts.dir, 'ferretdb');
    mkdirSync(sqliteDir, { recursive: true });
    args = ferretdbArgs(sqliteDir, port);
  }
  // BENCH_FERRETDB_DEBUG=1 serves FerretDB's debug handler (Go pprof at /debug/pprof/) on a free port.
  if (process.env.BENCH_FERRETDB_DEBUG === '1') {
    const debugPort = await freePort();
    args = args.map((a) => (a === '--debug-addr=-' ? `--debug-addr=127.0.0.1:${debugPort}` : a));
    process.stdout.write(`FerretDB (${handler}) debug handler: http://127.0.0.1:${debugPort}/debug/pprof/\n`);
  }
  const log = openSync(path.join(opts.dir, `ferretdb-${handler}.log`), 'a');
  const child = spawn(bin, args, { stdio: ['ignore', log, log], env: ferretdbEnv() });
  // Never leave it behind when the benchmark exits early.
  process.once('exit', () => child.exitCode === null && child.kill('SIGKILL'));
  await waitForPort(port, child);
  return { uri: `mongodb://127.0.0.1:${port}/`, handler, pid: child.pid!, stop: () => stopChild(child) };
}
