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
  };
  const child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), [path.join(REPO_ROOT, 'backend', 'src', 'server.ts')], {
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
          if (child.exitCode !== null) return resolve();
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
});
