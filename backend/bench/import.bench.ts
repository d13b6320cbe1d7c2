import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app';
import { loadConfig, REPO_ROOT } from '../src/config';
import { connectDatabase, disconnectDatabase } from '../src/core/db';
import { startEmbeddedDatabase } from '../src/core/embedded-db';
import { createLogger } from '../src/core/logger';
import { systemClock } from '../src/core/context';
import { signAccessToken } from '../src/modules/auth';
import { createCategory } from '../src/modules/catalogue';
import { teams } from '../src/modules/org';
import { UserModel } from '../src/modules/users';
import { makeGrid } from './bench-data';

const BLOCK = 10;

/**
 * Imports 100 zones then 10,000 cells through `POST /api/v1/geo/imports` on a FerretDB of its
 * own (a temporary directory), polling progress, then times the router's first answer (index
 * reload from the new version) and a full export.
 */
export async function benchImport(out: (s: string) => void, side = 100): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ge-bench-'));
  const logger = createLogger('warn');
  const db = await startEmbeddedDatabase({ dataDir: dir, repoRoot: REPO_ROOT, logger });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', MONGODB_URI: db.uri, MONGODB_DB: 'bench', JWT_SECRET: randomBytes(32).toString('hex'), DATA_DIR: dir, FRONTEND_DIST: '' });
  await connectDatabase({ uri: db.uri, dbName: 'bench', timeoutMs: 5000, logger });
  const server = createApp({ config, logger, clock: systemClock }).app.listen(0);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  try {
    const admin = await UserModel.create({ username: 'bench-admin', displayName: 'Bench', role: 'admin' });
    const token = signAccessToken(config, { sub: String(admin._id), role: 'admin', sv: 1 }, Math.floor(Date.now() / 1000));
    const call = async (method: string, url: string, body?: string) => {
      const res = await fetch(`${base}${url}`, { method, body, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' } });
      return (await res.json()) as { data: Record<string, unknown> };
    };
    await createCategory({
      code: 'bench-vending',
      name: { zh: '占道经营', en: 'Street vending' },
      domain: 'city_appearance',
      defaultTier: 'grid',
      deadlines: { file: 2, dispatch: 1, handle: 4, verify: 24 },
      urgentDeadlines: null,
      legalBasis: '《城市市容和环境卫生管理条例》第十四条',
      coAgencies: [],
      penaltyCapable: true,
      active: true,
    });
    const team = await teams.insert({ code: 'BENCH-T', name: { zh: '压测中队', en: 'Bench team' }, kind: 'zone', domains: [], leaderId: null, colour: null, active: true });
    const grid = makeGrid(side);
    const zones = [];
    for (let k = 0; k < side; k += BLOCK) {
      for (let i = 0; i < side; i += BLOCK) {
        zones.push({ type: 'Feature', properties: { code: `Z-${k}-${i}`, name: `片区 ${k}-${i}`, teamId: String(team._id) }, geometry: { type: 'Polygon', coordinates: [grid.lattice.block(i, k, i + BLOCK, k + BLOCK)] } });
      }
    }
    const cells = grid.cells.map((c, n) => {
      const i = n % side;
      const k = Math.floor(n / side);
      const zoneCode = `Z-${k - (k % BLOCK)}-${i - (i % BLOCK)}`;
      return { type: 'Feature', properties: { code: c.code, name: `网格 ${c.code}`, zoneCode }, geometry: { type: 'Polygon', coordinates: c.parts[0] } };
    });

    const importLayer = async (kind: string, features: unknown[]) => {
      const body = JSON.stringify({ kind, featureCollection: { type: 'FeatureCollection', features } });
      const t0 = performance.now();
      const started = await call('POST', '/geo/imports', body);
      const phases: Record<string, number> = {};
      let job = started.data;
      let lastLine = '';
      while (job.status !== 'done' && job.status !== 'failed') {
        await new Promise((r) => setTimeout(r, 100));
        job = (await call('GET', `/geo/imports/${String(started.data.id)}`)).data;
        phases[String(job.status)] ??= performance.now() - t0;
        const line = `  ${kind}: ${String(job.status)} ${String(job.processed)}/${String(job.total)}`;
        if (line !== lastLine) out(`${line}  (${((performance.now() - t0) / 1000).toFixed(2)} s)`);
        lastLine = line;
      }
      const total = performance.now() - t0;
      if (job.status !== 'done') throw new Error(`${kind} import failed: ${JSON.stringify(job.errors).slice(0, 500)}`);
      out(`  ${kind}: ${features.length} features, ${(body.length / 1e6).toFixed(1)} MB JSON → version ${String(job.version)} in ${(total / 1000).toFixed(2)} s (writing began at ${((phases.writing ?? total) / 1000).toFixed(2)} s)`);
    };

    out(`import end to end (HTTP → validation → FerretDB ${db.kind === 'ferretdb' ? 'v1 / SQLite' : db.kind}):`);
    await importLayer('zones', zones);
    await importLayer('grid-cells', cells);
    const [x, y] = grid.cells[4321]!.parts[0]![0]![0]!;
    const q = `/geo/route?lng=${x + 0.0004}&lat=${y + 0.0004}&category=bench-vending`;
    let t0 = performance.now();
    const routed = await call('GET', q);
    out(`  first router call after activation (loads the 10,000 cells of the new version): ${(performance.now() - t0).toFixed(0)} ms → ${String(routed.data.gridCode)}`);
    t0 = performance.now();
    for (let i = 0; i < 100; i++) await call('GET', q);
    out(`  GET /geo/route afterwards (HTTP, auth, category, index, org lookups): ${((performance.now() - t0) / 100).toFixed(1)} ms per call`);
    t0 = performance.now();
    const exported = await call('GET', '/geo/grid-cells');
    out(`  export of ${(exported.data.features as unknown[]).length} cells as GeoJSON: ${(performance.now() - t0).toFixed(0)} ms`);
  } finally {
    await new Promise((r) => server.close(r));
    await disconnectDatabase();
    await db.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
