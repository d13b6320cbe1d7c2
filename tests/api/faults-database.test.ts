import { randomUUID } from 'node:crypto';
import mongoose from 'mongoose';
import request from 'supertest';
import { createApp } from '../../backend/src/app';
import { connectDatabase } from '../../backend/src/core/db';
import { createLogger } from '../../backend/src/core/logger';
import { CaseEventModel, CaseModel } from '../../backend/src/modules/cases';
import { createCategory } from '../../backend/src/modules/catalogue';
import { TestClock, testConfig, type TestApp } from '../support/app';
import { loginAs, uniq } from '../support/factories';
import { FerretDbProcess } from '../support/ferretdb';
import { buildZoneWithCells, type ZoneWithCells } from '../support/geo-factories';

/**
 * The database is killed (SIGKILL) in the middle of a burst of reports. Clients only ever get 201
 * (really stored) or 503 (retry); after FerretDB restarts the API recovers by itself, the clients'
 * retries with the same Idempotency-Key succeed, and every acknowledged report is stored exactly
 * once with its first timeline event.
 */
describe('faults: database killed during a burst of reports', () => {
  let db: FerretDbProcess;
  const t = {} as TestApp;
  let auth: string;
  let area: ZoneWithCells;
  let category: string;

  beforeAll(async () => {
    db = await FerretDbProcess.start();
    const config = testConfig({ MONGODB_URI: db.uri, DB_TIMEOUT_MS: '1000' });
    const clock = new TestClock();
    const ctx = { config, logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'), clock };
    await connectDatabase({ uri: db.uri, dbName: config.MONGODB_DB, timeoutMs: config.DB_TIMEOUT_MS, logger: ctx.logger });
    const { app } = createApp(ctx);
    Object.assign(t, { app, ctx, clock, config, dbName: config.MONGODB_DB, http: () => request(app) });
    auth = (await loginAs(t, 'dispatcher')).auth;
    area = await buildZoneWithCells(t, { cols: 2 });
    category = (
      await createCategory({
        code: uniq('fault-'),
        name: { zh: '占道经营', en: 'Street vending' },
        domain: 'city_appearance',
        defaultTier: 'grid',
        deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
        urgentDeadlines: null,
        legalBasis: '《城市市容和环境卫生管理条例》',
        coAgencies: [],
        penaltyCapable: false,
        active: true,
      })
    ).code;
  }, 60000);
  afterAll(async () => {
    await mongoose.disconnect();
    await db.kill('SIGTERM');
  });

  const report = (key: string) =>
    t
      .http()
      .post('/api/v1/incidents')
      .set('Authorization', auth)
      .set('Idempotency-Key', key)
      .send({ location: { type: 'Point', coordinates: area.cells[key.charCodeAt(0) % 2]!.centre }, category, description: `burst ${key}`, source: 'hotline' });

  test('201 or 503 only, recovery without restart, retries stored exactly once', async () => {
    const keys = Array.from({ length: 60 }, () => randomUUID());
    const results = new Map<string, { status: number; body: { data?: { id: string }; error?: { code: string } }; retryAfter?: string }>();
    // 6 clients send their reports one after the other; the database dies while they are at it.
    let sent = 0;
    const clients = Array.from({ length: 6 }, async (_, c) => {
      for (let i = c; i < keys.length; i += 6) {
        const res = await report(keys[i]!);
        sent++;
        results.set(keys[i]!, { status: res.status, body: res.body, retryAfter: res.headers['retry-after'] });
      }
    });
    const killer = (async () => {
      while (sent < 12) await new Promise((r) => setTimeout(r, 10));
      await db.kill('SIGKILL');
    })();
    await Promise.all([...clients, killer]);

    const statuses = [...results.values()].map((r) => r.status);
    expect(statuses.filter((s) => s !== 201 && s !== 503)).toEqual([]);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(12);
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0);
    for (const r of results.values()) {
      if (r.status === 503) {
        expect(r.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(r.retryAfter).toBeDefined();
      }
    }

    // Back up: the same connection pool recovers by itself (no reconnect call).
    await db.restart();
    let ready = 0;
    for (let i = 0; i < 100 && ready !== 200; i++) {
      ready = (await t.http().get('/readyz')).status;
      if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);

    // Clients retry what failed with the same Idempotency-Key (the outbox does this).
    const retries = [...results].filter(([, r]) => r.status !== 201).map(([key]) => key);
    await Promise.all(
      Array.from({ length: 6 }, async (_, c) => {
        for (let i = c; i < retries.length; i += 6) {
          const res = await report(retries[i]!);
          expect({ key: retries[i], status: res.status }).toEqual({ key: retries[i], status: 201 });
          results.set(retries[i]!, { status: 201, body: res.body });
        }
      }),
    );

    const stored = await CaseModel.find({ description: { $regex: '^burst ' } }, { description: 1 }).lean<{ _id: mongoose.Types.ObjectId; description: string }[]>();
    const byKey = new Map<string, string[]>();
    for (const c of stored) byKey.set(c.description.slice(6), [...(byKey.get(c.description.slice(6)) ?? []), String(c._id)]);
    for (const [key, r] of results) expect({ key, ids: byKey.get(key) }).toEqual({ key, ids: [r.body.data!.id] });
    expect(stored).toHaveLength(keys.length);
    // No half-written report: each case has its report event, each key names an existing case.
    const events = await CaseEventModel.find({ caseId: { $in: stored.map((c) => c._id) }, seq: 1 }).lean();
    expect(events).toHaveLength(keys.length);
    const keyDocs = await mongoose.connection.collection<{ caseId: mongoose.Types.ObjectId }>('idempotency_keys').find({}).toArray();
    const caseIds = new Set(stored.map((c) => String(c._id)));
    expect(keyDocs.filter((k) => !caseIds.has(String(k.caseId)))).toEqual([]);
  }, 120000);
});
