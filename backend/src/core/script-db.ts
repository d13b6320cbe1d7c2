import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, type Config } from '../config';
import { startEmbeddedDatabase } from './embedded-db';
import type { Logger } from './logger';

const RUNTIME_FILE = 'embedded-db.json';

/** Written by the server while it runs an embedded database, so scripts can share it. */
export function publishEmbeddedUri(dataDir: string, uri: string): void {
  writeFileSync(path.join(dataDir, RUNTIME_FILE), JSON.stringify({ uri, pid: process.pid }));
}

export function unpublishEmbeddedUri(dataDir: string): void {
  rmSync(path.join(dataDir, RUNTIME_FILE), { force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The database a maintenance script should use: MONGODB_URI; else the embedded server of a
 * running app (never two servers on one data directory); else an embedded server of its own.
 */
export async function openDatabaseForScript(config: Config, logger: Logger): Promise<{ uri: string; stop(): Promise<void> }> {
  if (config.MONGODB_URI) return { uri: config.MONGODB_URI, stop: async () => undefined };
  const file = path.join(config.DATA_DIR, RUNTIME_FILE);
  if (existsSync(file)) {
    const running = JSON.parse(readFileSync(file, 'utf8')) as { uri: string; pid: number };
    if (alive(running.pid)) return { uri: running.uri, stop: async () => undefined };
  }
  const db = await startEmbeddedDatabase({ dataDir: config.DATA_DIR, repoRoot: REPO_ROOT, logger });
  return { uri: db.uri, stop: () => db.stop() };
}
