import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import { createCategory } from '../../backend/src/modules/catalogue';
import { openSse, type SseClient } from '../../backend/src/modules/events';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { bearer, buildUser, uniq } from '../support/factories';
import { freePort, REPO_ROOT } from '../support/ferretdb';
import { buildTeam, buildZoneWithCells } from '../support/geo-factories';

/**
 * Two real API processes (`tsx backend/src/server.ts`) on this file's database, as two
 * instances behind a load balancer would run: events written through one reach streams on the other.
 */
const t = useTestApp();
const instances: { port: number; child: ChildProcess; log: string[] }[] = [];
const open: SseClient[] = [];

async function startInstance(): Promise<{ port: number; child: ChildProcess; log: string[] }> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    MONGODB_URI: process.env.TEST_MONGODB_URI!,
    MONGODB_DB: t.dbName,
    JWT_SECRET: t.config.JWT_SECRET,
    DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'ge-inst-')),
    FRONTEND_DIST: '',
    EVENTS_POLL_MS: '20',
    // Leases of a killed instance go stale after three heartbeats (at least 5 s).
    EVENTS_HEARTBEAT_MS: '1000',
    EVENTS_MAX_STREAMS_PER_USER: '3',
  };
  // One process (tsx as a loader, not a wrapper), so a kill reaches the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'backend', 'src', 'server.ts')], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const log: string[] = [];
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  const until = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance exited: ${log.join('')}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) return { port, child, log };
    if (Date.now() > until) throw new Error(`instance not ready: ${log.join('')}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  instances.push(...(await Promise.all([startInstance(), startInstance()])));
}, 120_000);

afterAll(async () => {
  for (const c of open) c.close();
  await Promise.all(
    instances.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    ),
  );
}, 30_000);

const url = (i: number, p: string) => `http://127.0.0.1:${instances[i]!.port}/api/v1${p}`;
async function stream(i: number, auth: string, headers: Record<string, string> = {}) {
  const c = await openSse(url(i, '/events'), { headers: { Authorization: auth, ...headers } });
  open.push(c);
  return c;
}
async function post(i: number, p: string, auth: string, body: unknown) {
  const res = await fetch(url(i, p), { method: 'POST', headers: { Authorization: auth, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { data: Record<string, unknown> } };
}
const fresh = async (id: unknown) => (await UserModel.findById(id).lean<UserDoc>())!;
const data = (m: { data: string }) => JSON.parse(m.data) as Record<string, unknown>;

describe('live events across two API processes on one database', () => {
  test('a case reported through instance A reaches a stream on instance B exactly once, filtered by scope; a resume on A continues from B', async () => {
    const leader = await buildUser({ role: 'team_leader' });
    const team = await buildTeam({ leaderId: String(leader._id) });
    await UserModel.updateOne({ _id: leader._id }, { $set: { teamId: team._id } });
    const area = await buildZoneWithCells(t, { team, cols: 2 });
    for (const c of area.cells) await UserModel.updateOne({ _id: c.inspectorIds[0] }, { $set: { gridIds: [new Types.ObjectId(c.id)] } });
    const category = await createCategory({
      code: uniq('cat-'),
      name: { zh: '乱堆乱放', en: 'Dumping' },
      domain: 'city_appearance',
      defaultTier: 'grid',
      deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
      urgentDeadlines: null,
      legalBasis: '—',
      coAgencies: [],
      penaltyCapable: false,
      active: true,
    });
    const reporter = await fresh(area.cells[0]!.inspectorIds[0]);
    const otherGrid = await fresh(area.cells[1]!.inspectorIds[0]);
    const dispatcher = await buildUser({ role: 'dispatcher' });

    const onB = await stream(1, bearer(t, dispatcher));
    const otherOnB = await stream(1, bearer(t, otherGrid));
    const onA = await stream(0, bearer(t, dispatcher));
    expect([onB.status, otherOnB.status, onA.status]).toEqual([200, 200, 200]);

    const created = await post(0, '/incidents', bearer(t, reporter), {
      location: { type: 'Point', coordinates: area.cells[0]!.centre },
      category: category.code,
      description: '建筑垃圾堆放在路边',
    });
    expect(created.status).toBe(201);
    const caseId = created.body.data.id as string;

    const gotB = await onB.next((m) => m.event === 'case.created' && data(m).caseId === caseId, 20_000);
    const gotA = await onA.next((m) => m.event === 'case.created' && data(m).caseId === caseId, 20_000);
    expect(gotB.id).toBe(gotA.id);
    expect(data(gotB)).toMatchObject({ caseId, status: 'reported', gridId: area.cells[0]!.id, reporterId: String(reporter._id) });

    // A later change (through B this time) arrives after it; by then any duplicate would have too.
    expect((await post(1, `/cases/${caseId}/transitions`, bearer(t, dispatcher), { action: 'file' })).status).toBe(200);
    const filed = await onB.next((m) => m.event === 'case.updated' && data(m).caseId === caseId, 20_000);
    expect(Number(filed.id)).toBeGreaterThan(Number(gotB.id));
    const forCase = (c: SseClient) => c.messages.filter((m) => m.event.startsWith('case.') && data(m).caseId === caseId).map((m) => m.id);
    expect(forCase(onB)).toEqual([gotB.id, filed.id]);

    // The inspector of the other grid never saw the case; a notice for them marks the point.
    const probe = await post(0, '/instructions', bearer(t, dispatcher), { title: '标记', targets: { userIds: [String(otherGrid._id)] } });
    expect(probe.status).toBe(201);
    const first = await otherOnB.next((m) => m.event !== 'reset', 20_000);
    expect(first.event).toBe('instruction.sent');
    expect(forCase(otherOnB)).toEqual([]);

    // Drop B's stream, change the case through B, resume on A with B's Last-Event-ID.
    onB.close();
    expect((await post(1, `/cases/${caseId}/transitions`, bearer(t, dispatcher), { action: 'dispatch' })).status).toBe(200);
    const resumed = await stream(0, bearer(t, dispatcher), { 'Last-Event-ID': onB.lastEventId! });
    const dispatched = await resumed.next((m) => m.event === 'case.updated' && data(m).action === 'dispatch', 20_000);
    expect(data(dispatched)).toMatchObject({ caseId, status: 'dispatched' });
    expect(forCase(resumed)).toEqual([dispatched.id]);
  });

  test('the cap on streams per user holds across both processes; a killed instance’s streams are freed once their leases go stale', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const a1 = await stream(0, bearer(t, me));
    const a2 = await stream(0, bearer(t, me));
    const b1 = await stream(1, bearer(t, me));
    expect([a1.status, a2.status, b1.status]).toEqual([200, 200, 200]);
    // Neither instance has 3 of its own, yet both refuse a 4th.
    for (const i of [0, 1]) {
      const refused = await stream(i, bearer(t, me));
      await refused.closed;
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBeDefined();
      expect(JSON.parse(refused.errorBody)).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS', requestId: expect.any(String) } });
    }
    // Closing one on A lets one open on B.
    a1.close();
    const b2 = await retryUntilOpen(1, bearer(t, me));
    expect(b2.status).toBe(200);

    // A dies without a goodbye: its lease stays until it goes stale, then B takes the slot over.
    instances[0]!.child.kill('SIGKILL');
    await a2.closed;
    const b3 = await retryUntilOpen(1, bearer(t, me));
    expect(b3.status).toBe(200);
    const fourth = await stream(1, bearer(t, me));
    await fourth.closed;
    expect(fourth.status).toBe(429);
  }, 120_000);
});

/** Opens a stream on instance i, retrying while it is refused with 429 (a slot being freed elsewhere). */
async function retryUntilOpen(i: number, auth: string): Promise<SseClient> {
  for (let n = 0; n < 150; n++) {
    const c = await stream(i, auth);
    if (c.status !== 429) return c;
    await c.closed;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no stream slot was freed');
}
