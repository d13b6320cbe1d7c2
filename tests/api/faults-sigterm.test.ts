import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectDatabase } from '../../backend/src/core/db';
import { createLogger } from '../../backend/src/core/logger';
import '../../backend/src/modules';
import { CaseEventModel, CaseModel } from '../../backend/src/modules/cases';
import { createCategory } from '../../backend/src/modules/catalogue';
import { TestClock, testConfig, type TestApp } from '../support/app';
import { createUserWithPassword, uniq } from '../support/factories';
import { FerretDbProcess } from '../support/ferretdb';
import { buildZoneWithCells } from '../support/geo-factories';
import { ServerProcess } from '../fuzz/server-process';

interface Outcome {
  key: string;
  started: number;
  ended: number;
  status: number | null;
  error: string | null;
  id: string | null;
}

async function waitForLog(file: string, pattern: RegExp, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pattern.test(readFileSync(file, 'utf8'))) {
    if (Date.now() > until) throw new Error(`${pattern} not logged in ${file}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One report on a connection of its own (so a closing server cannot mix requests on one socket). */
function send(base: string, auth: string, key: string, body: unknown): Promise<Outcome> {
  const started = performance.now();
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      `${base}/api/v1/incidents`,
      {
        method: 'POST',
        agent: false,
        headers: { authorization: auth, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'idempotency-key': key, connection: 'close' },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let id: string | null = null;
          if (res.statusCode === 201) id = (JSON.parse(text) as { data: { id: string } }).data.id;
          resolve({ key, started, ended: performance.now(), status: res.statusCode ?? null, error: null, id });
        });
        res.on('error', (err) => resolve({ key, started, ended: performance.now(), status: null, error: err.message, id: null }));
      },
    );
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ key, started, ended: performance.now(), status: null, error: err.code ?? err.message, id: null }));
    req.end(payload);
  });
}

/**
 * SIGTERM while the real server process is under a load of reports: requests already being
 * handled finish with their answer, new connections are refused, the process exits 0, and no case
 * is left half-written (every stored key has its case, every case its report event).
 */
describe('faults: SIGTERM during load', () => {
  let db: FerretDbProcess;
  let server: ServerProcess;
  const t = {} as TestApp;

  beforeAll(async () => {
    db = await FerretDbProcess.start();
    const config = testConfig({ MONGODB_URI: db.uri });
    const ctx = { config, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), clock: new TestClock() };
    await connectDatabase({ uri: db.uri, dbName: config.MONGODB_DB, timeoutMs: config.DB_TIMEOUT_MS, logger: ctx.logger });
    Object.assign(t, { ctx, config, clock: ctx.clock, dbName: config.MONGODB_DB });
  }, 60000);
  afterAll(async () => {
    await server?.stop('SIGKILL');
    await mongoose.disconnect();
    await db.kill('SIGTERM');
  }, 30000);

  test('in-flight requests finish, exit 0, nothing half-written', async () => {
    const area = await buildZoneWithCells(t, { cols: 1 });
    const category = await createCategory({
      code: uniq('sigterm-'),
      name: { zh: '占道经营', en: 'Street vending' },
      domain: 'city_appearance',
      defaultTier: 'grid',
      deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
      urgentDeadlines: null,
      legalBasis: '《城市市容和环境卫生管理条例》',
      coAgencies: [],
      penaltyCapable: false,
      active: true,
    });
    const user = await createUserWithPassword({ role: 'dispatcher' });
    const logFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'ge-sigterm-')), 'server.log');
    server = await ServerProcess.start({ mongodbUri: db.uri, dbName: t.dbName, logFile, env: { SHUTDOWN_TIMEOUT_MS: '20000', SCHEDULER_INTERVAL_MS: '0', LOG_LEVEL: 'info' } });
    // The case index is loaded at start, in the background, not by the first list.
    await waitForLog(logFile, /"msg":"case index loaded"/);
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    const auth = `Bearer ${((await login.json()) as { accessToken: string }).accessToken}`;

    const outcomes: Outcome[] = [];
    let stop = false;
    let signalAt = Infinity;
    const clients = Array.from({ length: 8 }, async () => {
      while (!stop) {
        const key = randomUUID();
        const o = await send(server.base, auth, key, {
          location: { type: 'Point', coordinates: area.cells[0]!.centre },
          category: category.code,
          description: `sigterm ${key}`,
          source: 'hotline',
        });
        outcomes.push(o);
        if (o.error && o.started > signalAt) stop = true;
      }
    });
    while (outcomes.filter((o) => o.status === 201).length < 16) await new Promise((r) => setTimeout(r, 20));
    signalAt = performance.now();
    const exit = server.stop('SIGTERM');
    await Promise.all(clients);
    expect(await exit).toBe(0);

    // Requests being handled when the signal came were answered (at least one was in flight).
    const inFlight = outcomes.filter((o) => o.started < signalAt && o.ended > signalAt && o.status !== null);
    expect(inFlight.length).toBeGreaterThan(0);
    // Every answer is a success or a 503; the rest found the connection refused or closed unread.
    for (const o of outcomes) {
      expect({ key: o.key, ok: o.status === 201 || o.status === 503 || (o.status === null && /ECONNREFUSED|ECONNRESET|socket hang up/.test(o.error ?? '')) }).toEqual({ key: o.key, ok: true });
    }

    const stored = await CaseModel.find({ description: { $regex: '^sigterm ' } }, { description: 1 }).lean<{ _id: mongoose.Types.ObjectId; description: string }[]>();
    const byKey = new Map(stored.map((c) => [c.description.slice(8), String(c._id)]));
    expect(new Set(stored.map((c) => c.description)).size).toBe(stored.length);
    // Acknowledged reports are stored once; a request without an answer never reached the handler.
    for (const o of outcomes.filter((x) => x.status === 201)) expect(byKey.get(o.key)).toBe(o.id);
    const keyDocs = await mongoose.connection.collection<{ _id: string; caseId: mongoose.Types.ObjectId }>('idempotency_keys').find({}).toArray();
    const handled = new Set(keyDocs.map((k) => k._id.slice(k._id.indexOf(':') + 1)));
    for (const o of outcomes.filter((x) => x.status === null)) expect({ key: o.key, handled: handled.has(o.key) || byKey.has(o.key) }).toEqual({ key: o.key, handled: false });
    // Nothing half-written: every key names a stored case, every case has its report event.
    const ids = new Set(stored.map((c) => String(c._id)));
    expect(keyDocs.filter((k) => !ids.has(String(k.caseId)))).toEqual([]);
    const events = await CaseEventModel.find({ caseId: { $in: stored.map((c) => c._id) }, seq: 1 }).lean();
    expect(events).toHaveLength(stored.length);
  }, 120000);
});
