import { Types } from 'mongoose';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeam, buildZoneWithCells } from '../support/geo-factories';

const t = useTestApp();

const fresh = async (id: unknown) => (await UserModel.findById(id).lean<UserDoc>())!;
/** A fresh token every call (tests move the clock past token lifetimes). */
const as = (u: UserDoc) => bearer(t, u);

/**
 * Two teams, each with a leader and a zone; team 1's zone has two cells, team 2's one; every
 * cell has an inspector scoped to it (and in the team). Plus the bureau and the other roles.
 */
async function township() {
  const teams = [];
  for (const cols of [2, 1]) {
    const leader = await buildUser({ role: 'team_leader', displayName: `队长${cols}` });
    const team = await buildTeam({ leaderId: String(leader._id) });
    await UserModel.updateOne({ _id: leader._id }, { $set: { teamId: team._id } });
    const area = await buildZoneWithCells(t, { team, cols });
    for (const c of area.cells) {
      await UserModel.updateOne({ _id: c.inspectorIds[0] }, { $set: { gridIds: [new Types.ObjectId(c.id)], teamId: team._id } });
    }
    teams.push({
      id: String(team._id),
      zoneId: area.zone.id,
      cellIds: area.cells.map((c) => c.id),
      leader: await fresh(leader._id),
      inspectors: await Promise.all(area.cells.map((c) => fresh(c.inspectorIds[0]))),
    });
  }
  return {
    t1: teams[0]!,
    t2: teams[1]!,
    dispatcher: await buildUser({ role: 'dispatcher', displayName: '调度员' }),
    chief: await buildUser({ role: 'bureau_chief', displayName: '局长' }),
    legal: await buildUser({ role: 'legal_officer' }),
    admin: await buildUser({ role: 'admin' }),
    liaison: await buildUser({ role: 'agency_liaison', agencyId: new Types.ObjectId() }),
  };
}
type Town = Awaited<ReturnType<typeof township>>;

const send = (auth: string, body: Record<string, unknown>) => t.http().post('/api/v1/instructions').set('Authorization', auth).send(body);
const ids = (...users: UserDoc[]) => users.map((u) => String(u._id)).sort();
const recipientsOf = async (w: Town, id: string) => {
  const res = await t.http().get(`/api/v1/instructions/${id}/receipts`).set('Authorization', as(w.dispatcher));
  expect(res.status).toBe(200);
  return (res.body.data.recipients as { userId: string }[]).map((r) => r.userId).sort();
};

let w: Town;
beforeAll(async () => {
  w = await township();
});

describe('POST /api/v1/instructions — who may send, to whom', () => {
  test('401 without a token', async () => {
    expect((await t.http().post('/api/v1/instructions').send({})).status).toBe(401);
    expect((await t.http().get('/api/v1/instructions/inbox')).status).toBe(401);
    expect((await t.http().get('/api/v1/instructions/sent')).status).toBe(401);
    const id = new Types.ObjectId().toHexString();
    expect((await t.http().get(`/api/v1/instructions/${id}/receipts`)).status).toBe(401);
    expect((await t.http().post(`/api/v1/instructions/${id}/read`)).status).toBe(401);
    expect((await t.http().post(`/api/v1/instructions/${id}/ack`).send({})).status).toBe(401);
  });

  test('inspectors, liaisons, the legal office and admins may not send (403)', async () => {
    for (const u of [w.t1.inspectors[0]!, w.liaison, w.legal, w.admin]) {
      const res = await send(as(u), { title: '测试', targets: { userIds: [String(w.t2.leader._id)] } });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });

  test('the bureau instructs a team: its leader and the inspectors of its zone', async () => {
    const res = await send(as(w.dispatcher), { title: '雨季防汛巡查', body: '各网格加强巡查', priority: 'urgent', targets: { teamIds: [w.t1.id] } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      title: '雨季防汛巡查',
      body: '各网格加强巡查',
      priority: 'urgent',
      deadline: null,
      sender: { id: String(w.dispatcher._id), displayName: '调度员', role: 'dispatcher' },
      targets: { teamIds: [w.t1.id], zoneIds: [], gridIds: [], userIds: [] },
      recipientCount: 3,
    });
    expect(await recipientsOf(w, res.body.data.id)).toEqual(ids(w.t1.leader, ...w.t1.inspectors));
  });

  test('zones, grid cells and named users resolve to people, once each', async () => {
    const res = await send(as(w.chief), {
      title: '专项整治',
      targets: { zoneIds: [w.t2.zoneId], gridIds: [w.t1.cellIds[1]!], userIds: [String(w.t2.leader._id), String(w.dispatcher._id)] },
    });
    expect(res.status).toBe(201);
    expect(await recipientsOf(w, res.body.data.id)).toEqual(ids(w.t2.leader, w.t2.inspectors[0]!, w.t1.inspectors[1]!, w.dispatcher));
  });

  test('unknown or disabled targets are 422 with their paths; malformed bodies 400; a past deadline 422', async () => {
    const gone = await buildUser({ role: 'inspector', disabled: true });
    const res = await send(as(w.dispatcher), {
      title: '测试',
      targets: { teamIds: [w.t1.id, new Types.ObjectId().toHexString()], userIds: [String(gone._id)] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'UNKNOWN_TARGET', details: { paths: ['targets.teamIds.1', 'targets.userIds.0'] } });

    expect((await send(as(w.dispatcher), { title: '测试', targets: {} })).status).toBe(400);
    expect((await send(as(w.dispatcher), { title: '测试', targets: { teamIds: ['nope'] } })).status).toBe(400);
    expect((await send(as(w.dispatcher), { title: '', targets: { teamIds: [w.t1.id] } })).status).toBe(400);
    const past = await send(as(w.dispatcher), { title: '测试', deadline: new Date(Date.now() - 60_000).toISOString(), targets: { teamIds: [w.t1.id] } });
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('DEADLINE_IN_PAST');
  });

  test('a team leader instructs their own team, zone, cells and members — nothing else (403)', async () => {
    const mine = await send(as(w.t1.leader), {
      title: '中队指令',
      targets: { teamIds: [w.t1.id], zoneIds: [w.t1.zoneId], gridIds: [w.t1.cellIds[0]!], userIds: [String(w.t1.inspectors[1]!._id)] },
    });
    expect(mine.status).toBe(201);
    // The sender is never their own recipient.
    expect(await recipientsOf(w, mine.body.data.id)).toEqual(ids(...w.t1.inspectors));
    for (const targets of [
      { teamIds: [w.t2.id] },
      { zoneIds: [w.t2.zoneId] },
      { gridIds: [w.t2.cellIds[0]!] },
      { userIds: [String(w.t2.inspectors[0]!._id)] },
    ]) {
      const res = await send(as(w.t1.leader), { title: '越权', targets });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('OUT_OF_SCOPE');
    }
  });
});

describe('inbox, read receipts and acknowledgements', () => {
  test('a recipient finds it in the inbox (unread count), reads it, acknowledges it once with a reply', async () => {
    const me = w.t2.inspectors[0]!;
    const before = (await t.http().get('/api/v1/instructions/inbox').set('Authorization', as(me))).body.meta.unread as number;
    const sent = await send(as(w.dispatcher), { title: '核查油烟扰民', body: '请今日内核查', targets: { userIds: [String(me._id)] } });
    const id = sent.body.data.id as string;

    const inbox = await t.http().get('/api/v1/instructions/inbox').set('Authorization', as(me));
    expect(inbox.status).toBe(200);
    expect(inbox.body.meta.unread).toBe(before + 1);
    expect(inbox.body.data[0]).toMatchObject({
      id,
      title: '核查油烟扰民',
      body: '请今日内核查',
      priority: 'normal',
      sender: { id: String(w.dispatcher._id) },
      receipt: { status: 'unread', readAt: null, acknowledgedAt: null, reply: null, overdue: false },
    });
    expect(inbox.body.data[0].targets).toBeUndefined();

    const read = await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', as(me));
    expect(read.status).toBe(200);
    expect(read.body.data).toMatchObject({ status: 'read', acknowledgedAt: null });
    const readAgain = await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', as(me));
    expect(readAgain.body.data.readAt).toBe(read.body.data.readAt);
    const unreadOnly = await t.http().get('/api/v1/instructions/inbox?unread=true').set('Authorization', as(me));
    expect(unreadOnly.body.data.map((x: { id: string }) => x.id)).not.toContain(id);
    expect(unreadOnly.body.meta.unread).toBe(before);

    const ack = await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', as(me)).send({ reply: '已核查，商户已整改' });
    expect(ack.status).toBe(200);
    expect(ack.body.data).toMatchObject({ status: 'acknowledged', reply: '已核查，商户已整改', readAt: read.body.data.readAt });
    const twice = await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', as(me)).send({ reply: '改口' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_ACKNOWLEDGED');

    const one = await t.http().get(`/api/v1/instructions/${id}`).set('Authorization', as(me));
    expect(one.body.data.receipt).toMatchObject({ status: 'acknowledged', reply: '已核查，商户已整改' });
  });

  test('someone who is not a recipient cannot read, acknowledge or open it (404)', async () => {
    const sent = await send(as(w.dispatcher), { title: '仅限一人', targets: { userIds: [String(w.t1.inspectors[0]!._id)] } });
    const id = sent.body.data.id as string;
    const stranger = w.t2.inspectors[0]!;
    expect((await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', as(stranger))).status).toBe(404);
    expect((await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', as(stranger)).send({})).status).toBe(404);
    expect((await t.http().get(`/api/v1/instructions/${id}`).set('Authorization', as(stranger))).status).toBe(404);
    expect((await t.http().get(`/api/v1/instructions/${new Types.ObjectId().toHexString()}`).set('Authorization', as(w.dispatcher))).status).toBe(404);
  });

  test('the inbox pages newest first with a cursor', async () => {
    const me = await buildUser({ role: 'inspector', gridIds: [new Types.ObjectId()] });
    for (const title of ['一', '二', '三']) await send(as(w.dispatcher), { title, targets: { userIds: [String(me._id)] } });
    const p1 = await t.http().get('/api/v1/instructions/inbox?limit=2').set('Authorization', as(me));
    expect(p1.body.data.map((x: { title: string }) => x.title)).toEqual(['三', '二']);
    expect(p1.body.meta).toMatchObject({ unread: 3 });
    const p2 = await t.http().get(`/api/v1/instructions/inbox?limit=2&cursor=${p1.body.meta.nextCursor}`).set('Authorization', as(me));
    expect(p2.body.data.map((x: { title: string }) => x.title)).toEqual(['一']);
    expect(p2.body.meta.nextCursor).toBeNull();
    expect((await t.http().get('/api/v1/instructions/inbox?cursor=bogus').set('Authorization', as(me))).status).toBe(400);
  });
});

describe('GET /api/v1/instructions/:id/receipts and /sent — who has and who has not', () => {
  afterEach(() => t.clock.reset());

  test('per recipient: read, acknowledged with reply, and who had not acknowledged by the deadline', async () => {
    const now = new Date();
    t.clock.set(now);
    const deadline = new Date(now.getTime() + 3600_000);
    const sent = await send(as(w.t1.leader), { title: '周末值班安排', deadline: deadline.toISOString(), targets: { teamIds: [w.t1.id] } });
    expect(sent.status).toBe(201);
    const id = sent.body.data.id as string;
    const [acker, reader] = w.t1.inspectors as [UserDoc, UserDoc];
    await t.http().post(`/api/v1/instructions/${id}/ack`).set('Authorization', as(acker)).send({ reply: '收到' });
    await t.http().post(`/api/v1/instructions/${id}/read`).set('Authorization', as(reader));

    t.clock.set(new Date(deadline.getTime() + 3600_000));
    const res = await t.http().get(`/api/v1/instructions/${id}/receipts`).set('Authorization', as(w.t1.leader));
    expect(res.status).toBe(200);
    expect(res.body.data.summary).toEqual({ recipients: 2, unread: 0, read: 2, acknowledged: 1, overdue: 1 });
    const byUser = Object.fromEntries(res.body.data.recipients.map((r: { userId: string }) => [r.userId, r]));
    expect(byUser[String(acker._id)]).toMatchObject({ status: 'acknowledged', reply: '收到', overdue: false });
    expect(byUser[String(reader._id)]).toMatchObject({ status: 'read', acknowledgedAt: null, overdue: true });
    // Who still owes an answer comes first.
    expect(res.body.data.recipients[0].userId).toBe(String(reader._id));

    const late = await send(as(w.dispatcher), { title: '未读测试', deadline: new Date(t.clock.now().getTime() + 60_000).toISOString(), targets: { userIds: [String(reader._id)] } });
    t.clock.set(new Date(t.clock.now().getTime() + 120_000));
    const unread = await t.http().get(`/api/v1/instructions/${late.body.data.id}/receipts`).set('Authorization', as(w.chief));
    expect(unread.body.data.recipients).toEqual([
      { userId: String(reader._id), displayName: reader.displayName, role: 'inspector', status: 'unread', readAt: null, acknowledgedAt: null, reply: null, overdue: true },
    ]);
  });

  test('the sender and the bureau see receipts; another team leader gets 404, an inspector 403', async () => {
    const sent = await send(as(w.t1.leader), { title: '内部', targets: { gridIds: [w.t1.cellIds[0]!] } });
    const id = sent.body.data.id as string;
    for (const u of [w.t1.leader, w.dispatcher, w.chief]) {
      expect((await t.http().get(`/api/v1/instructions/${id}/receipts`).set('Authorization', as(u))).status).toBe(200);
    }
    expect((await t.http().get(`/api/v1/instructions/${id}/receipts`).set('Authorization', as(w.t2.leader))).status).toBe(404);
    expect((await t.http().get(`/api/v1/instructions/${id}/receipts`).set('Authorization', as(w.t1.inspectors[0]!))).status).toBe(403);
  });

  test('the sent list shows each instruction with its counts; inspectors have none (403)', async () => {
    const sender = await buildUser({ role: 'dispatcher' });
    const target = w.t2.inspectors[0]!;
    const sent = await send(as(sender), { title: '已发指令', targets: { userIds: [String(target._id), String(w.t2.leader._id)] } });
    await t.http().post(`/api/v1/instructions/${sent.body.data.id}/ack`).set('Authorization', as(target)).send({});
    const res = await t.http().get('/api/v1/instructions/sent').set('Authorization', as(sender));
    expect(res.status).toBe(200);
    expect(res.body.data).toHaveLength(1);
    expect(res.body.data[0]).toMatchObject({ id: sent.body.data.id, counts: { recipients: 2, read: 1, acknowledged: 1, unread: 1 }, overdue: false });
    expect(res.body.meta.nextCursor).toBeNull();
    expect((await t.http().get('/api/v1/instructions/sent').set('Authorization', as(target))).status).toBe(403);
  });
});
