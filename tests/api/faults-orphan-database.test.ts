/**
 * The embedded FerretDB is a child of the app. When the app is killed with SIGKILL the child
 * survives (no parent-death signal on spawn) and keeps the SQLite files open. The next start must
 * find it through `<dataDir>/ferretdb.pid` and stop it, and a data directory whose owner app is
 * still alive must never be shared.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { startEmbeddedDatabase } from '../../backend/src/core/embedded-db';
import { createLogger } from '../../backend/src/core/logger';
import { REPO_ROOT } from '../support/ferretdb';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** An app stand-in: starts the embedded database on dataDir, prints its pid, then waits. */
function startOwner(dir: string): Promise<{ proc: ChildProcess; serverPid: number }> {
  const script = path.join(dir, 'owner.ts');
  writeFileSync(
    script,
    `import { startEmbeddedDatabase } from ${JSON.stringify(path.join(REPO_ROOT, 'backend/src/core/embedded-db'))};
import { createLogger } from ${JSON.stringify(path.join(REPO_ROOT, 'backend/src/core/logger'))};
startEmbeddedDatabase({ dataDir: ${JSON.stringify(path.join(dir, 'data'))}, repoRoot: ${JSON.stringify(REPO_ROOT)}, logger: createLogger('error') })
  .then((db) => { process.stdout.write(JSON.stringify({ pid: db.pid }) + '\\n'); setInterval(() => undefined, 1000); });
`,
  );
  const proc = spawn(process.execPath, ['--import', 'tsx', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ proc, serverPid: (JSON.parse(line) as { pid: number }).pid });
    });
    proc.once('exit', (code) => reject(new Error(`owner exited with ${code}`)));
  });
}

const exited = (p: ChildProcess) => new Promise((r) => (p.exitCode !== null || p.signalCode !== null ? r(null) : p.once('exit', r)));

describe('embedded database left behind by a killed app', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ge-orphan-'));
  const strays: number[] = [];
  afterAll(() => {
    for (const pid of strays) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  test('a live owner keeps its data directory; after SIGKILL the next start stops the orphan and serves', async () => {
    const owner = await startOwner(dir);
    strays.push(owner.serverPid);
    expect(alive(owner.serverPid)).toBe(true);

    // While the owner lives, a second app on the same data directory is refused.
    await expect(startEmbeddedDatabase({ dataDir: path.join(dir, 'data'), repoRoot: REPO_ROOT, logger: createLogger('silent') })).rejects.toThrow(
      /in use by the app with pid/,
    );
    expect(alive(owner.serverPid)).toBe(true);

    // SIGKILL the owner: its FerretDB survives it (the situation this guards against).
    owner.proc.kill('SIGKILL');
    await exited(owner.proc);
    expect(alive(owner.serverPid)).toBe(true);

    const db = await startEmbeddedDatabase({ dataDir: path.join(dir, 'data'), repoRoot: REPO_ROOT, logger: createLogger('silent') });
    try {
      expect(alive(owner.serverPid)).toBe(false);
      expect(db.pid).not.toBe(owner.serverPid);
      const client = await MongoClient.connect(db.uri);
      try {
        await client.db('orphan').collection('probe').insertOne({ _id: 'x' as never, ok: 1 });
        expect(await client.db('orphan').collection('probe').findOne({ _id: 'x' as never })).toEqual({ _id: 'x', ok: 1 });
      } finally {
        await client.close();
      }
    } finally {
      await db.stop();
    }
    expect(existsSync(path.join(dir, 'data', 'ferretdb.pid'))).toBe(false);
  });
});
