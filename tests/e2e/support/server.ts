import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { freePort, REPO_ROOT } from '../../support/ferretdb';

export const FRONTEND_DIST = path.join(REPO_ROOT, 'frontend', 'dist');

export interface ServerOptions {
  /** Demo cases walked through the lifecycle at start (small keeps seeding fast). */
  demoCases?: number;
  /** Extra environment for the server (overrides the defaults below). */
  env?: Record<string, string>;
  /** How long to wait for `/readyz` (seeding runs before the server listens). */
  readyTimeoutMs?: number;
}

export interface RunningServer {
  baseUrl: string;
  port: number;
  dbName: string;
  /** Server log lines at level error or above (pino JSON, level ≥ 50). */
  errors(): string[];
  /** Everything the server printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real server as a child process (`node --import tsx backend/src/server.ts` from the
 * repository root) on the test database server (TEST_MONGODB_URI from the global setup), with its
 * own database and the demo seed, serving the built frontend. Waits for `/readyz`.
 */
export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const uri = process.env.TEST_MONGODB_URI;
  if (!uri) throw new Error('TEST_MONGODB_URI is not set: run through jest --selectProjects e2e');
  if (!existsSync(path.join(FRONTEND_DIST, 'index.html'))) {
    throw new Error(`The frontend is not built (${FRONTEND_DIST}); run npm run build --workspace frontend`);
  }
  const port = await freePort();
  const dbName = `e2e_${randomBytes(6).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ge-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'backend/src/server.ts'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      MONGODB_URI: uri,
      MONGODB_DB: dbName,
      DATA_DIR: dataDir,
      JWT_SECRET: randomBytes(32).toString('hex'),
      SEED_DEMO: 'true',
      DEMO_CASES: String(opts.demoCases ?? 10),
      TILE_URL: '',
      LOG_LEVEL: 'warn',
      FRONTEND_DIST,
      DB_TIMEOUT_MS: '5000',
      ...opts.env,
    },
  });
  let out = '';
  const errors: string[] = [];
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    out += text;
    for (const line of text.split('\n')) {
      const m = /"level":(\d+)/.exec(line);
      if (m && Number(m[1]) >= 50) errors.push(line);
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 15000);
      await exited;
      clearTimeout(killer);
    }
    await dropDatabase(uri, dbName);
    rmSync(dataDir, { recursive: true, force: true });
  };

  const until = Date.now() + (opts.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The server exited (code ${child.exitCode}) before it was ready:\n${out.slice(-4000)}`);
    }
    try {
      const res = await fetch(`${baseUrl}/readyz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      await stop();
      throw new Error(`The server was not ready in time:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return { baseUrl, port, dbName, errors: () => [...errors], output: () => out, stop };
}

async function dropDatabase(uri: string, dbName: string): Promise<void> {
  const conn = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5000 });
  try {
    await conn.asPromise();
    await conn.dropDatabase();
  } catch {
    /* the database server is going away with the run anyway */
  } finally {
    await conn.close().catch(() => undefined);
  }
}
