import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from './logger';

/** A MongoDB-wire server this process started and owns. */
export interface EmbeddedDatabase {
  kind: 'mongod' | 'ferretdb' | 'mongodb-memory-server';
  uri: string;
  pid?: number;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  repoRoot: string;
  logger: Logger;
  /** Restart the server when it dies unexpectedly (the app keeps serving 503s meanwhile). */
  supervise?: boolean;
}

export const FERRETDB_BIN_REL = path.join('tools', 'ferretdb', 'bin', 'ferretdb');

function onPath(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() || null : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function waitForPort(port: number, timeoutMs: number, child: ChildProcess): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`exited with code ${child.exitCode}`));
      const sock = net.connect(port, '127.0.0.1');
      sock.once('connect', () => {
        sock.destroy();
        resolve();
      });
      sock.once('error', () => {
        sock.destroy();
        if (Date.now() - started > timeoutMs) reject(new Error(`port ${port} not open after ${timeoutMs} ms`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
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

/** Another app owns the data directory: fatal, no fallback server may open it either. */
export class DataDirInUseError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/**
 * The owner file `<dataDir>/<kind>.pid` names the server we start and the app that owns it. A
 * server whose owner died without stopping it (SIGKILL, OOM, power loss of the parent only) keeps
 * the SQLite files open; the next start finds it here and stops it before starting its own. An
 * owner that is still alive means another app uses this data directory: refuse, never share it.
 */
async function reapOrphan(pidFile: string, command: string, logger: Logger): Promise<void> {
  if (!existsSync(pidFile)) return;
  let owner: { server: number; parent: number };
  try {
    owner = JSON.parse(readFileSync(pidFile, 'utf8')) as { server: number; parent: number };
  } catch {
    rmSync(pidFile, { force: true });
    return;
  }
  if (owner.parent !== process.pid && alive(owner.parent) && alive(owner.server)) {
    throw new DataDirInUseError(`the data directory is in use by the app with pid ${owner.parent}; stop it or use another DATA_DIR`);
  }
  if (alive(owner.server) && commandLine(owner.server).includes(command)) {
    logger.warn({ pid: owner.server }, 'stopping an embedded database left running by an app that was killed');
    process.kill(owner.server, 'SIGTERM');
    if (!(await waitGone(owner.server, 5000))) {
      process.kill(owner.server, 'SIGKILL');
      await waitGone(owner.server, 5000);
    }
  }
  rmSync(pidFile, { force: true });
}

/** Starts a supervised child server on a fixed port; restarts it when it dies unless stopping. */
async function startSupervised(
  kind: EmbeddedDatabase['kind'],
  command: string,
  args: (port: number) => string[],
  logFile: string,
  opts: EmbeddedOptions,
): Promise<EmbeddedDatabase> {
  const pidFile = path.join(opts.dataDir, `${kind}.pid`);
  await reapOrphan(pidFile, command, opts.logger);
  const port = await freePort();
  let stopping = false;
  let child: ChildProcess;
  let restarts = 0;
  const launch = async (): Promise<void> => {
    const log = openSync(logFile, 'a');
    child = spawn(command, args(port), { stdio: ['ignore', log, log], env: kind === 'ferretdb' ? ferretdbEnv() : process.env });
    if (child.pid) writeFileSync(pidFile, JSON.stringify({ server: child.pid, parent: process.pid }));
    child.on('exit', (code, signal) => {
      if (stopping) return;
      opts.logger.error({ kind, code, signal }, 'embedded database exited unexpectedly');
      if (!opts.supervise) return;
      const delay = Math.min(30000, 500 * 2 ** Math.min(restarts++, 6));
      setTimeout(() => {
        if (stopping) return;
        launch()
          .then(() => {
            restarts = 0;
            opts.logger.info({ kind, port }, 'embedded database restarted');
          })
          .catch((err) => opts.logger.error({ err }, 'embedded database restart failed'));
      }, delay);
    });
    await waitForPort(port, 60000, child);
  };
  await launch();
  return {
    kind,
    uri: `mongodb://127.0.0.1:${port}/`,
    get pid() {
      return child.pid;
    },
    async stop() {
      stopping = true;
      await stopChild(child);
      rmSync(pidFile, { force: true });
    },
  };
}

/**
 * FerretDB's process environment: Go's collector runs at GOGC=400 with a 1 GiB soft limit
 * (GOMEMLIMIT) unless the environment sets either. At Go's default (100) a list page spent a
 * fifth of FerretDB's CPU collecting the garbage of decoding stored JSON (pprof); at 400 the
 * page read of 50 cases at 100,000 took ~13 ms instead of ~18 (p50), for a few hundred MB of heap
 * at most, and the limit makes the collector work harder before the heap gets near a GiB.
 */
export function ferretdbEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { ...env, GOGC: env.GOGC ?? '400', GOMEMLIMIT: env.GOMEMLIMIT ?? '1GiB' };
}

/** FerretDB command-line arguments (SQLite backend, no telemetry, loopback only). */
export function ferretdbArgs(sqliteDir: string, port: number): string[] {
  return [
    '--handler=sqlite',
    `--sqlite-url=file:${sqliteDir.endsWith('/') ? sqliteDir : `${sqliteDir}/`}`,
    `--listen-addr=127.0.0.1:${port}`,
    '--debug-addr=-',
    '--state-dir=-',
    '--telemetry=disable',
    '--log-level=warn',
  ];
}

/** Builds the pinned FerretDB once (tools/ferretdb) when Go is available. */
function buildFerretdb(repoRoot: string, logger: Logger): boolean {
  if (!onPath('go')) return false;
  logger.info('building FerretDB v1.24.2 from the Go module proxy (first start only, takes a minute or more)');
  const r = spawnSync(process.execPath, [path.join(repoRoot, 'backend', 'scripts', 'build-ferretdb.mjs')], {
    stdio: 'inherit',
  });
  return r.status === 0;
}

/**
 * Starts a local MongoDB-wire server keeping its data in dataDir, in this order:
 * a `mongod` on PATH; FerretDB v1.24.2 (SQLite); mongodb-memory-server with a persistent dbPath.
 */
export async function startEmbeddedDatabase(opts: EmbeddedOptions): Promise<EmbeddedDatabase> {
  mkdirSync(opts.dataDir, { recursive: true });
  const tried: string[] = [];

  const mongod = onPath('mongod');
  if (mongod) {
    const dbPath = path.join(opts.dataDir, 'mongod');
    mkdirSync(dbPath, { recursive: true });
    try {
      const db = await startSupervised(
        'mongod',
        mongod,
        (port) => ['--dbpath', dbPath, '--bind_ip', '127.0.0.1', '--port', String(port), '--quiet'],
        path.join(opts.dataDir, 'mongod.log'),
        opts,
      );
      opts.logger.info({ kind: db.kind, uri: db.uri }, 'embedded database started');
      return db;
    } catch (err) {
      if (err instanceof DataDirInUseError) throw err;
      tried.push(`mongod (${(err as Error).message})`);
    }
  } else tried.push('mongod (not on PATH)');

  const ferretBin = path.join(opts.repoRoot, FERRETDB_BIN_REL);
  if (existsSync(ferretBin) || buildFerretdb(opts.repoRoot, opts.logger)) {
    const sqliteDir = path.join(opts.dataDir, 'ferretdb');
    mkdirSync(sqliteDir, { recursive: true });
    try {
      const db = await startSupervised(
        'ferretdb',
        ferretBin,
        (port) => ferretdbArgs(sqliteDir, port),
        path.join(opts.dataDir, 'ferretdb.log'),
        opts,
      );
      opts.logger.info({ kind: db.kind, uri: db.uri }, 'embedded database started');
      return db;
    } catch (err) {
      if (err instanceof DataDirInUseError) throw err;
      tried.push(`FerretDB (${(err as Error).message})`);
    }
  } else tried.push('FerretDB (not built and Go is not installed)');

  try {
    const { MongoMemoryServer } = await import('mongodb-memory-server-core');
    const dbPath = path.join(opts.dataDir, 'mongodb-memory-server');
    mkdirSync(dbPath, { recursive: true });
    const server = await MongoMemoryServer.create({ instance: { dbPath, storageEngine: 'wiredTiger', ip: '127.0.0.1' } });
    opts.logger.info({ kind: 'mongodb-memory-server' }, 'embedded database started');
    return {
      kind: 'mongodb-memory-server',
      uri: server.getUri(),
      async stop() {
        await server.stop({ doCleanup: false });
      },
    };
  } catch (err) {
    tried.push(`mongodb-memory-server (${(err as Error).message.split('\n')[0]})`);
  }

  throw new Error(
    'No database could be started. Set MONGODB_URI to a MongoDB server, or install one of: ' +
      'MongoDB (mongod on PATH), Go ≥ 1.24 (to build the embedded FerretDB), or internet access for mongodb-memory-server.\n' +
      `Tried: ${tried.join('; ')}`,
  );
}
