import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FERRETDB_BIN_REL, ferretdbArgs, ferretdbEnv } from '../../backend/src/core/embedded-db';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const FERRETDB_BIN = path.join(REPO_ROOT, FERRETDB_BIN_REL);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitForPort(port: number, timeoutMs = 30000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => (s.destroy(), resolve(false)));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`port ${port} did not open`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A FerretDB process of a test's own (SQLite files in a temp dir), restartable on the same port. */
export class FerretDbProcess {
  child: ChildProcess | null = null;
  constructor(
    readonly port: number,
    readonly dir: string = mkdtempSync(path.join(os.tmpdir(), 'ge-ferret-')),
  ) {}

  static async start(): Promise<FerretDbProcess> {
    if (!existsSync(FERRETDB_BIN)) throw new Error(`FerretDB is not built (${FERRETDB_BIN}); run npm run db:build`);
    const p = new FerretDbProcess(await freePort());
    await p.restart();
    return p;
  }

  get uri(): string {
    return `mongodb://127.0.0.1:${this.port}/`;
  }

  async restart(): Promise<void> {
    this.child = spawn(FERRETDB_BIN, ferretdbArgs(this.dir, this.port), { stdio: 'ignore', env: ferretdbEnv() });
    await waitForPort(this.port);
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const c = this.child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      c.once('exit', () => resolve());
      c.kill(signal);
    });
  }
}
