import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './ferretdb-server';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/ferretdb` (trust auth, loopback only). */
  url: string;
  version: string;
  stop(): Promise<void>;
}

/** The newest PostgreSQL server binaries: Debian's /usr/lib/postgresql/<v>/bin, else initdb on PATH. */
function findBinDir(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')) && existsSync(path.join(root, v, 'bin', 'pg_ctl')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin');
  }
  const r = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' });
  const initdb = r.status === 0 ? r.stdout.trim() : '';
  return initdb && existsSync(path.join(path.dirname(initdb), 'pg_ctl')) ? path.dirname(initdb) : null;
}

/**
 * A throwaway PostgreSQL cluster in a temp dir on a free loopback port, with a UTF8 database
 * `ferretdb`. PostgreSQL refuses to run as root, so as root the server runs as the `postgres`
 * user (runuser) with the directory chowned to it. fsync is off: the cluster only lives for the
 * benchmark, and this speeds up loading without changing read latency.
 * Throws with a readable reason when PostgreSQL is not installed or cannot start.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found (apt-get install -y postgresql)');
  const asRoot = process.getuid?.() === 0;
  let wrap: string[] = [];
  let uid: number | undefined;
  let gid: number | undefined;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const idg = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('running as root and there is no `postgres` user to run the server as');
    if (spawnSync('sh', ['-c', 'command -v runuser']).status !== 0) throw new Error('running as root and `runuser` is missing');
    uid = Number(id.stdout.trim());
    gid = Number(idg.stdout.trim());
    wrap = ['runuser', '-u', 'postgres', '--'];
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ge-bench-pg-'));
  if (uid !== undefined && gid !== undefined) chownSync(dir, uid, gid);
  const data = path.join(dir, 'data');
  const cmdOf = (cmd: string, args: string[]) => [...wrap, path.join(bin, cmd), ...args];
  const run = (cmd: string, args: string[]) => {
    const full = cmdOf(cmd, args);
    const r = spawnSync(full[0]!, full.slice(1), { encoding: 'utf8', cwd: dir, timeout: 120000 });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${(r.stderr || r.stdout || String(r.error ?? '')).trim().split('\n').slice(-3).join(' | ')}`);
    return r.stdout;
  };
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const opts = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=256MB`;
    run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', path.join(dir, 'postgres.log'), '-o', opts]);
    let stopped = false;
    const stop = async () => {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w']);
      } finally {
        cleanup();
      }
    };
    // Never leave the server behind, even when the benchmark dies half-way.
    process.once('exit', () => {
      if (stopped) return;
      const full = cmdOf('pg_ctl', ['stop', '-D', data, '-m', 'immediate']);
      spawnSync(full[0]!, full.slice(1));
      cleanup();
    });
    try {
      const psql = existsSync(path.join(bin, 'psql')) ? path.join(bin, 'psql') : 'psql';
      const r = spawnSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-Atc', "CREATE DATABASE ferretdb ENCODING 'UTF8' TEMPLATE template0"], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`CREATE DATABASE failed: ${(r.stderr || String(r.error ?? '')).trim()}`);
      const version = spawnSync(psql, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'ferretdb', '-Atc', 'SHOW server_version'], { encoding: 'utf8' }).stdout.trim();
      return { url: `postgres://postgres@127.0.0.1:${port}/ferretdb`, version, stop };
    } catch (err) {
      await stop();
      throw err;
    }
  } catch (err) {
    cleanup();
    throw err;
  }
}
