import { Types } from 'mongoose';
import { createCategory } from '../../backend/src/modules/catalogue';
import { openSse } from '../../backend/src/modules/events';
import { notifyUsers } from '../../backend/src/modules/notifications';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { useLiveServer } from '../support/live-server';
import { bearer, buildUser, tokenFor, uniq } from '../support/factories';
import { buildTeam, buildZoneWithCells } from '../support/geo-factories';

const t = useTestApp({ EVENTS_POLL_MS: '10', EVENTS_HEARTBEAT_MS: '300', EVENTS_MAX_STREAMS_PER_USER: '3' });
const live = useLiveServer(t);
const open = live.open;


async function stream(auth: string | null, query = '') {
  const c = await openSse(`${live.base}${query}`, { headers: auth ? { Authorization: auth } : {} });
  open.push(c);
  return c;
}

const fresh = async (id: unknown) => (await UserModel.findById(id).lean<UserDoc>())!;
const data = (m: { data: string }) => JSON.parse(m.data) as Record<string, unknown>;
const notify = (userId: unknown, title: string) =>
  notifyUsers([String(userId)], { kind: 'test', title, key: uniq('k'), at: t.clock.now() });

/**
 * A zone of two grid cells (each with its own inspector, scoped to it), the zone's team leader, a
 * second team with its leader, the dispatcher, a liaison and a grid-tier category.
 */
async function township() {
  const leader = await buildUser({ role: 'team_leader' });
  const team = await buildTeam({ leaderId: String(leader._id) });
  await UserModel.updateOne({ _id: leader._id }, { $set: { teamId: team._id } });
  const area = await buildZoneWithCells(t, { team, cols: 2 });
  for (const c of area.cells) {
    await UserModel.updateOne({ _id: c.inspectorIds[0] }, { $set: { gridIds: [new Types.ObjectId(c.id)], teamId: team._id } });
  }
  const otherLeader = await buildUser({ role: 'team_leader' });
  const otherTeam = await buildTeam({ leaderId: String(otherLeader._id) });
  await UserModel.updateOne({ _id: otherLeader._id }, { $set: { teamId: otherTeam._id } });
  const category = await createCategory({
    code: uniq('cat-'),
    name: { zh: '占道经营', en: 'Street vending' },
    domain: 'city_appearance',
    defaultTier: 'grid',
    deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
    urgentDeadlines: null,
    legalBasis: '《城市市容和环境卫生管理条例》第十四条',
    coAgencies: [],
    penaltyCapable: false,
    active: true,
  });
  const who = async (id: unknown) => {
    const u = await fresh(id);
    return { id: String(u._id), auth: bearer(t, u), user: u };
  };
  return {
    area,
    category,
    otherTeamId: String(otherTeam._id),
    inspectorA: await who(area.cells[0]!.inspectorIds[0]),
    inspectorB: await who(area.cells[1]!.inspectorIds[0]),
    leader: await who(leader._id),
    otherLeader: await who(otherLeader._id),
    dispatcher: await who((await buildUser({ role: 'dispatcher' }))._id),
    liaison: await who((await buildUser({ role: 'agency_liaison', agencyId: new Types.ObjectId() }))._id),
  };
}

describe('GET /api/v1/events — authentication', () => {
  test('401 without a token or with a bad one; the token may come as ?access_token= for EventSource', async () => {
    const none = await stream(null);
    await none.closed;
    expect(none.status).toBe(401);
    const bad = await stream(null, '?access_token=not-a-real-token-at-all');
    await bad.closed;
    expect(bad.status).toBe(401);

    const me = await buildUser({ role: 'inspector', gridIds: [new Types.ObjectId()] });
    const viaQuery = await stream(null, `?access_token=${tokenFor(t, me)}`);
    expect(viaQuery.status).toBe(200);
    await notify(me._id, 'hello');
    expect(data(await viaQuery.next())).toMatchObject({ title: 'hello', kind: 'test' });
  });

  test('unknown query keys are refused (the query schema is strict)', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const c = await stream(bearer(t, me), '?since=3');
    await c.closed;
    expect(c.status).toBe(400);
  });
});

describe('GET /api/v1/events — who receives what', () => {
  test('a new case reaches the dispatcher, its grid inspector and team leader, but not the inspector of another grid', async () => {
    const w = await township();
    const [disp, inspA, inspB, leader, liaison] = await Promise.all([
      stream(w.dispatcher.auth),
      stream(w.inspectorA.auth),
      stream(w.inspectorB.auth),
      stream(w.leader.auth),
      stream(w.liaison.auth),
    ]);
    const res = await t
      .http()
      .post('/api/v1/incidents')
      .set('Authorization', w.inspectorA.auth)
      .send({ location: { type: 'Point', coordinates: w.area.cells[0]!.centre }, category: w.category.code, description: '路边占道摆摊' });
    expect(res.status).toBe(201);
    const caseId = res.body.data.id as string;

    const created = await disp.next((m) => m.event === 'case.created');
    expect(data(created)).toMatchObject({
      caseId,
      caseNo: res.body.data.caseNo,
      caseSeq: 1,
      action: 'report',
      status: 'reported',
      tier: 'grid',
      gridId: w.area.cells[0]!.id,
      zoneId: w.area.zone.id,
      reporterId: w.inspectorA.id,
      inScope: true,
    });
    expect((await inspA.next((m) => m.event === 'case.created')).id).toBe(created.id);
    expect((await leader.next((m) => m.event === 'case.created')).id).toBe(created.id);

    // Streams deliver in bus order: a later event for inspector B (and the liaison) arriving
    // without the case event before it proves the case event was filtered out for them.
    await notify(w.inspectorB.id, 'after-case');
    await notify(w.liaison.id, 'after-case');
    for (const c of [inspB, liaison]) {
      const first = await c.next((m) => m.event !== 'reset');
      expect(first.event).toBe('notification.created');
      expect(data(first)).toMatchObject({ title: 'after-case' });
      expect(Number(first.id)).toBeGreaterThan(Number(created.id));
    }
  });

  test('a case dispatched to another team reaches that team, and tells the old team only that it left', async () => {
    const w = await township();
    const res = await t
      .http()
      .post('/api/v1/incidents')
      .set('Authorization', w.inspectorA.auth)
      .send({ location: { type: 'Point', coordinates: w.area.cells[0]!.centre }, category: w.category.code, description: '乱堆乱放' });
    const caseId = res.body.data.id as string;
    const [oldTeam, newTeam] = await Promise.all([stream(w.leader.auth), stream(w.otherLeader.auth)]);
    const act = (body: Record<string, unknown>) =>
      t.http().post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', w.dispatcher.auth).send(body);
    expect((await act({ action: 'file' })).status).toBe(200);
    expect((await act({ action: 'dispatch', tier: 'team', teamId: w.otherTeamId })).status).toBe(200);

    const arrived = await newTeam.next((m) => m.event === 'case.updated');
    expect(data(arrived)).toMatchObject({ caseId, action: 'dispatch', status: 'dispatched', tier: 'team', teamId: w.otherTeamId, holderId: w.otherLeader.id, inScope: true });
    const filed = await oldTeam.next((m) => m.event === 'case.updated');
    expect(data(filed)).toMatchObject({ caseId, action: 'file', status: 'filed', inScope: true });
    const left = await oldTeam.next((m) => m.event === 'case.updated');
    expect(data(left)).toEqual({ caseId, caseSeq: 3, action: 'dispatch', inScope: false });
    expect(left.id).toBe(arrived.id);
  });

  test('a notification goes to its recipient only', async () => {
    const [a, b] = await Promise.all([buildUser({ role: 'dispatcher' }), buildUser({ role: 'dispatcher' })]);
    const [sa, sb] = await Promise.all([stream(bearer(t, a)), stream(bearer(t, b))]);
    await notify(a._id, 'for-a');
    await notify(b._id, 'for-b');
    expect(data(await sa.next())).toMatchObject({ title: 'for-a' });
    expect(data(await sb.next())).toMatchObject({ title: 'for-b' });
    expect(sa.messages.map((m) => data(m).title)).toEqual(['for-a']);
  });
});

describe('GET /api/v1/events — limits and liveness', () => {
  test('a user may hold a limited number of streams at once (429 beyond it); closing one frees a slot', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const streams = await Promise.all([1, 2, 3].map(() => stream(bearer(t, me))));
    expect(streams.map((s) => s.status)).toEqual([200, 200, 200]);
    const fourth = await stream(bearer(t, me));
    await fourth.closed;
    expect(fourth.status).toBe(429);
    expect(fourth.headers['retry-after']).toBeDefined();
    expect(JSON.parse(fourth.errorBody)).toMatchObject({ error: { code: 'TOO_MANY_REQUESTS' } });

    streams[0]!.close();
    for (let i = 0; i < 100; i++) {
      const again = await stream(bearer(t, me));
      if (again.status === 200) return;
      await again.closed;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the slot was not freed');
  });

  test('heartbeats (comment lines) keep an idle stream alive', async () => {
    const me = await buildUser({ role: 'inspector', gridIds: [new Types.ObjectId()] });
    const c = await stream(bearer(t, me));
    for (let i = 0; i < 100 && c.comments < 2; i++) await new Promise((r) => setTimeout(r, 50));
    expect(c.comments).toBeGreaterThanOrEqual(2);
    expect(c.ended).toBe(false);
  });

  test('the stream of a user who is disabled is closed at the next heartbeat', async () => {
    const me = await buildUser({ role: 'dispatcher' });
    const c = await stream(bearer(t, me));
    await UserModel.updateOne({ _id: me._id }, { $set: { disabled: true }, $inc: { sessionVersion: 1 } });
    const bye = await c.next((m) => m.event === 'close');
    expect(data(bye)).toEqual({ reason: 'session-revoked' });
    await c.closed;
  });
});
