import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort, REPO_ROOT } from '../support/ferretdb';


/** The real server (backend/src/server.ts) as a child process on a loopback port. */
export class ServerProcess {
  exitCode: number | null = null;
  private exited: Promise<number | null>;
  private constructor(
    readonly child: ChildProcess,
    readonly base: string,
    readonly env: Record<string, string>,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve((this.exitCode = code))));
  }

  /** Starts the server against `mongodbUri` and waits until /readyz answers 200. */
  static async start(o: { mongodbUri: string; dbName: string; logFile: string; env?: Record<string, string> }): Promise<ServerProcess> {
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      JWT_SECRET: randomBytes(32).toString('hex'),
      MONGODB_URI: o.mongodbUri,
      MONGODB_DB: o.dbName,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ge-server-')),
      FRONTEND_DIST: '',
      SEED_DEMO: 'false',
      ...o.env,
    };
    const log = createWriteStream(o.logFile, { flags: 'a' });
    // One process (tsx as a loader, not a wrapper) so signals reach the server itself.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'backend', 'src', 'server.ts')], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? os.tmpdir(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const server = new ServerProcess(child, `http://127.0.0.1:${port}`, env);
    await server.waitReady();
    return server;
  }

  async waitReady(timeoutMs = 60000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.exitCode !== null) throw new Error(`server exited with code ${this.exitCode} before it was ready`);
      const ok = await fetch(`${this.base}/readyz`).then((r) => r.status === 200, () => false);
      if (ok) return;
      if (Date.now() > until) throw new Error('server did not become ready');
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Sends a signal and resolves with the exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (this.exitCode === null) this.child.kill(signal);
    return this.exited;
  }

  get done(): Promise<number | null> {
    return this.exited;
  }
}
