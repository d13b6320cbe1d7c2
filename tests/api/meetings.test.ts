import { Types } from 'mongoose';
import { useTestApp } from '../support/app';
import { bearer, buildUser, loginAs, type LoggedIn } from '../support/factories';
import { buildAgency, buildCase, buildTeamFor, inHours, liaisonOf } from '../support/joint-factories';

const oid = () => String(new Types.ObjectId());

describe('liaison meetings API (联席会议)', () => {
  const t = useTestApp();
  let dispatcher: LoggedIn;
  let police: { _id: Types.ObjectId };
  let market: { _id: Types.ObjectId };
  let policeLiaison: LoggedIn;
  let marketLiaison: LoggedIn;
  let outsider: LoggedIn;
  let leader: LoggedIn;
  let team: { _id: Types.ObjectId };
  let meetingId: string;
  let caseId: string;
  let items: { id: string; owner: { kind: string } }[];

  const as = (who: LoggedIn) => ({
    get: (url: string) => t.http().get(`/api/v1${url}`).set('Authorization', bearer(t, who.user)),
    post: (url: string, body: object = {}) => t.http().post(`/api/v1${url}`).set('Authorization', bearer(t, who.user)).send(body),
    put: (url: string, body: object) => t.http().put(`/api/v1${url}`).set('Authorization', bearer(t, who.user)).send(body),
  });
  const createBody = () => ({
    title: '三月联席会议',
    kind: 'ad_hoc',
    scheduledAt: '2026-03-10T01:30:00Z',
    location: '白沙镇政府三楼会议室',
    invitedAgencyIds: [String(police._id), String(market._id)],
    agenda: [
      { kind: 'case', caseId },
      { kind: 'topic', title: '春季市容整治分工' },
    ],
  });

  beforeAll(async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    dispatcher = await loginAs(t, 'dispatcher');
    police = await buildAgency({ zh: '公安派出所' });
    market = await buildAgency({ zh: '市场监管所' });
    policeLiaison = await liaisonOf(t, police as never);
    marketLiaison = await liaisonOf(t, market as never);
    outsider = await liaisonOf(t, await buildAgency({ zh: '税务所' }));
    team = await buildTeamFor({ zh: '第一执法中队' });
    leader = await loginAs(t, 'team_leader', { teamId: team._id });
    caseId = String((await buildCase(t, { description: '滨江路夜市占道经营' }))._id);
    const res = await as(dispatcher).post('/meetings', createBody());
    expect(res.status).toBe(201);
    meetingId = res.body.data.id;
    const resolved = await as(dispatcher).post(`/meetings/${meetingId}/resolutions`, {
      text: '夜市占道问题由公安、市场监管与第一中队联合整治',
      actionItems: [
        { title: '夜间联合巡查', owner: { kind: 'agency', agencyId: String(police._id) }, dueAt: '2026-03-20T10:00:00Z' },
        { title: '摊贩登记', owner: { kind: 'agency', agencyId: String(market._id) }, dueAt: '2026-03-25T10:00:00Z' },
        { title: '清理占道', owner: { kind: 'team', teamId: String(team._id) }, dueAt: '2026-03-15T10:00:00Z' },
        { title: '汇总上报', owner: { kind: 'bureau' }, dueAt: '2026-03-31T10:00:00Z' },
      ],
    });
    expect(resolved.status).toBe(201);
    items = resolved.body.data.resolutions[0].actionItems;
  });

  describe('every endpoint: 401 without a token, 403 for a role without access, 404 out of scope', () => {
    test('each endpoint answers 401, 403 and 404 as the rules say', async () => {
      const inspector = await buildUser({ role: 'inspector' });
      const admin = await buildUser({ role: 'admin' });
      const itemId = items[0]!.id;
      const endpoints: { method: 'get' | 'post' | 'put'; url: string; body?: object; scoped?: boolean; bureau?: boolean }[] = [
        { method: 'get', url: '/api/v1/meetings' },
        { method: 'post', url: '/api/v1/meetings', body: createBody(), bureau: true },
        { method: 'get', url: '/api/v1/meetings/action-items' },
        { method: 'post', url: `/api/v1/meetings/action-items/${itemId}/transitions`, body: { action: 'done', evidence: ['x'] }, scoped: true },
        { method: 'get', url: `/api/v1/meetings/${meetingId}`, scoped: true },
        { method: 'get', url: `/api/v1/meetings/${meetingId}/minutes.pdf`, scoped: true },
        { method: 'post', url: `/api/v1/meetings/${meetingId}/agenda`, body: { kind: 'topic', title: 'x' }, scoped: true, bureau: true },
        { method: 'put', url: `/api/v1/meetings/${meetingId}/attendance`, body: { entries: [] }, scoped: true, bureau: true },
        { method: 'put', url: `/api/v1/meetings/${meetingId}/minutes`, body: { text: 'x', baseRevision: 0 }, scoped: true, bureau: true },
        { method: 'post', url: `/api/v1/meetings/${meetingId}/resolutions`, body: { text: 'x' }, scoped: true, bureau: true },
        { method: 'post', url: `/api/v1/meetings/${meetingId}/conclude`, scoped: true, bureau: true },
      ];
      for (const e of endpoints) {
        const call = (auth?: string, url = e.url) => {
          const req = t.http()[e.method](url);
          if (auth) req.set('Authorization', auth);
          return e.body ? req.send(e.body) : req;
        };
        expect([e.url, (await call()).status]).toEqual([e.url, 401]);
        for (const u of [inspector, admin]) expect([e.url, u.role, (await call(bearer(t, u))).status]).toEqual([e.url, u.role, 403]);
        if (e.bureau) expect([e.url, (await call(bearer(t, policeLiaison.user))).status]).toEqual([e.url, 403]);
        if (e.scoped) {
          expect([e.url, (await call(bearer(t, outsider.user))).status]).toEqual([e.url, e.bureau ? 403 : 404]);
          const missing = await call(bearer(t, dispatcher.user), e.url.replace(e.url.includes('action-items') ? itemId : meetingId, oid()));
          expect([e.url, missing.status]).toEqual([e.url, 404]);
        }
      }
    });
  });

  describe('POST /api/v1/meetings', () => {
    test('schedules the meeting with its agenda, and invites the agencies’ liaisons', async () => {
      const res = await as(dispatcher).get(`/meetings/${meetingId}`);
      expect(res.body.data).toMatchObject({
        id: meetingId,
        title: '三月联席会议',
        kind: 'ad_hoc',
        recurrence: null,
        scheduledAt: '2026-03-10T01:30:00.000Z',
        status: 'scheduled',
        convener: { id: String(dispatcher.user._id) },
        invitedAgencies: [{ id: String(police._id), name: { zh: '公安派出所' } }, { id: String(market._id), name: { zh: '市场监管所' } }],
        agenda: [
          { kind: 'case', case: { id: caseId }, title: expect.stringContaining('滨江路夜市占道经营') },
          { kind: 'topic', title: '春季市容整治分工', case: null, carriedOver: null },
        ],
        minutes: null,
        allowedActions: ['add_agenda', 'attendance', 'minutes', 'resolve', 'conclude'],
      });
      const notes = (await as(policeLiaison).get('/notifications')).body.data;
      expect(notes).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'meeting.invited', title: '联席会议通知：三月联席会议' })]));
    });

    test('validation: a regular meeting needs a recurrence, references must exist', async () => {
      expect((await as(dispatcher).post('/meetings', { ...createBody(), kind: 'regular' })).status).toBe(400);
      expect((await as(dispatcher).post('/meetings', { ...createBody(), recurrence: { freq: 'monthly', day: 10 } })).status).toBe(400);
      const badAgency = await as(dispatcher).post('/meetings', { ...createBody(), invitedAgencyIds: [oid()] });
      expect([badAgency.status, badAgency.body.error.code]).toEqual([422, 'INVALID_REFERENCE']);
      expect((await as(dispatcher).post('/meetings', { ...createBody(), agenda: [{ kind: 'case', caseId: oid() }] })).status).toBe(404);
      expect((await as(dispatcher).post('/meetings', { ...createBody(), agenda: [{ kind: 'joint_case', jointCaseId: oid() }] })).status).toBe(404);
    });
  });

  describe('agenda, attendance, minutes, resolutions', () => {
    test('agenda items, attendance and minutes are recorded', async () => {
      const added = await as(dispatcher).post(`/meetings/${meetingId}/agenda`, { kind: 'topic', title: '临时动议：校园周边食品安全' });
      expect(added.status).toBe(201);
      expect(added.body.data.agenda.map((a: { title: string }) => a.title)).toContain('临时动议：校园周边食品安全');
      const att = await as(dispatcher).put(`/meetings/${meetingId}/attendance`, {
        entries: [
          { agencyId: String(police._id), name: '公安派出所 张警官', present: true },
          { agencyId: String(market._id), name: '市场监管所', present: false, note: '请假' },
        ],
      });
      expect(att.body.data.attendance).toEqual([
        { agencyId: String(police._id), userId: null, name: '公安派出所 张警官', present: true, note: null },
        { agencyId: String(market._id), userId: null, name: '市场监管所', present: false, note: '请假' },
      ]);
      const first = await as(dispatcher).put(`/meetings/${meetingId}/minutes`, { text: '会议由执法局召集。', baseRevision: 0 });
      expect(first.body.data.minutes).toMatchObject({ text: '会议由执法局召集。', revision: 1, updatedBy: { id: String(dispatcher.user._id) } });
      const stale = await as(dispatcher).put(`/meetings/${meetingId}/minutes`, { text: '旧稿', baseRevision: 0 });
      expect([stale.status, stale.body.error.code, stale.body.error.details]).toEqual([409, 'MINUTES_CONFLICT', { revision: 1 }]);
      const chief = await loginAs(t, 'bureau_chief');
      const both = await Promise.all([
        as(dispatcher).put(`/meetings/${meetingId}/minutes`, { text: '甲稿', baseRevision: 1 }),
        as(chief).put(`/meetings/${meetingId}/minutes`, { text: '乙稿', baseRevision: 1 }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      const winner = both.find((r) => r.status === 200)!.body.data.minutes.text;
      expect((await as(dispatcher).get(`/meetings/${meetingId}`)).body.data.minutes).toMatchObject({ text: winner, revision: 2 });
    });

    test('a resolution’s action items carry owners, due dates and the actions each caller may take', async () => {
      const view = (await as(dispatcher).get(`/meetings/${meetingId}`)).body.data;
      expect(view.resolutions[0]).toMatchObject({
        text: '夜市占道问题由公安、市场监管与第一中队联合整治',
        actionItems: [
          { title: '夜间联合巡查', owner: { kind: 'agency', agency: { name: { zh: '公安派出所' } }, team: null }, status: 'open', dueAt: '2026-03-20T10:00:00.000Z', overdue: false, allowedActions: ['done', 'cancel'] },
          { title: '摊贩登记', owner: { kind: 'agency' } },
          { title: '清理占道', owner: { kind: 'team', team: { name: { zh: '第一执法中队' } } } },
          { title: '汇总上报', owner: { kind: 'bureau', team: null, agency: null } },
        ],
      });
      const pView = (await as(policeLiaison).get(`/meetings/${meetingId}`)).body.data;
      expect(pView.resolutions[0].actionItems.map((i: { allowedActions: string[] }) => i.allowedActions)).toEqual([['done'], [], [], []]);
      expect(pView.allowedActions).toEqual([]);
      const assigned = (await as(policeLiaison).get('/notifications')).body.data.filter((n: { kind: string }) => n.kind === 'meeting.item.assigned');
      expect(assigned).toEqual([expect.objectContaining({ title: '联席会议督办事项：夜间联合巡查' })]);
      expect((await as(leader).get('/notifications')).body.data.map((n: { title: string }) => n.title)).toContain('联席会议督办事项：清理占道');
    });

    test('an agency owner must be invited; an agenda reference must be on the meeting', async () => {
      const taxId = String((await buildAgency({ zh: '税务所' }))._id);
      const r1 = await as(dispatcher).post(`/meetings/${meetingId}/resolutions`, { text: 'x', actionItems: [{ title: 'y', owner: { kind: 'agency', agencyId: taxId }, dueAt: inHours(t, 5) }] });
      expect([r1.status, r1.body.error.code]).toEqual([422, 'OWNER_NOT_INVITED']);
      const r2 = await as(dispatcher).post(`/meetings/${meetingId}/resolutions`, { text: 'x', agendaItemId: oid() });
      expect([r2.status, r2.body.error.code]).toEqual([422, 'INVALID_REFERENCE']);
      const r3 = await as(dispatcher).post(`/meetings/${meetingId}/resolutions`, { text: 'x', actionItems: [{ title: 'y', owner: { kind: 'team', teamId: oid() }, dueAt: inHours(t, 5) }] });
      expect(r3.status).toBe(422);
    });
  });

  describe('action items', () => {
    test('the owning agency reports done with evidence; other agencies get 404, cancel is the bureau’s', async () => {
      const [patrol, register] = items;
      const url = (id: string) => `/meetings/action-items/${id}/transitions`;
      expect((await as(marketLiaison).post(url(patrol!.id), { action: 'done', evidence: ['x'] })).status).toBe(404);
      expect((await as(policeLiaison).post(url(patrol!.id), { action: 'cancel', note: '不做了' })).status).toBe(403);
      expect((await as(policeLiaison).post(url(patrol!.id), { action: 'done', evidence: [] })).status).toBe(400);
      const done = await as(policeLiaison).post(url(patrol!.id), { action: 'done', evidence: ['巡查记录表 3 份', 'photo:65f0c0ffee0000000000abcd'], note: '已完成三次夜间巡查' });
      expect(done.status).toBe(200);
      expect(done.body.data).toMatchObject({ status: 'done', evidence: ['巡查记录表 3 份', 'photo:65f0c0ffee0000000000abcd'], note: '已完成三次夜间巡查', closedAt: '2026-03-02T02:00:00.000Z', allowedActions: [] });
      const again = await as(policeLiaison).post(url(patrol!.id), { action: 'done', evidence: ['x'] });
      expect([again.status, again.body.error.code]).toEqual([409, 'ITEM_INVALID_TRANSITION']);
      expect((await as(dispatcher).get('/notifications')).body.data.map((n: { kind: string }) => n.kind)).toContain('meeting.item.done');
      const cancelled = await as(dispatcher).post(url(register!.id), { action: 'cancel', note: '并入下月议题' });
      expect(cancelled.body.data.status).toBe('cancelled');
    });

    test('a team leader acts on the team’s item; two updates at once: one wins', async () => {
      const clear = items[2]!;
      const url = `/meetings/action-items/${clear.id}/transitions`;
      const [a, b] = await Promise.all([
        as(leader).post(url, { action: 'done', evidence: ['整改照片'] }),
        as(dispatcher).post(url, { action: 'cancel', note: '撤销' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
    });

    test('scope: each agency lists only its own items and only meetings it is invited to', async () => {
      const mine = (await as(policeLiaison).get('/meetings/action-items')).body.data;
      expect(mine.map((i: { title: string }) => i.title)).toEqual(['夜间联合巡查']);
      expect((await as(outsider).get('/meetings/action-items')).body.data).toEqual([]);
      expect((await as(outsider).get('/meetings')).body.data).toEqual([]);
      expect((await as(policeLiaison).get('/meetings')).body.data.map((m: { id: string }) => m.id)).toEqual([meetingId]);
      const teamItems = (await as(leader).get('/meetings/action-items')).body.data;
      expect(teamItems.map((i: { title: string }) => i.title)).toEqual(['清理占道']);
      expect((await as(leader).get(`/meetings/${meetingId}`)).status).toBe(200);
      const otherLeader = await loginAs(t, 'team_leader');
      expect((await as(otherLeader).get(`/meetings/${meetingId}`)).status).toBe(404);
      const legal = await loginAs(t, 'legal_officer');
      expect((await as(legal).get('/meetings/action-items')).body.data).toHaveLength(4);
      expect((await as(legal).post(`/meetings/action-items/${items[3]!.id}/transitions`, { action: 'done', evidence: ['x'] })).status).toBe(403);
      const open = (await as(dispatcher).get(`/meetings/action-items?meetingId=${meetingId}&status=open`)).body.data;
      expect(open.map((i: { title: string }) => i.title)).toEqual(['汇总上报']);
    });
  });
});
