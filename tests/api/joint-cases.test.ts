import { Types } from 'mongoose';
import { useTestApp } from '../support/app';
import { buildUser, bearer, loginAs, type LoggedIn } from '../support/factories';
import { buildAgency, buildCase, inHours, jointCast, liaisonOf } from '../support/joint-factories';

const oid = () => String(new Types.ObjectId());

describe('joint cases API (联合办案): opening, reading, scope', () => {
  const t = useTestApp();
  let cast: Awaited<ReturnType<typeof jointCast>>;
  let jointId: string;
  let taskId: string;
  let outsider: LoggedIn;

  const open = (auth: string, body: object) => t.http().post('/api/v1/joint-cases').set('Authorization', auth).send(body);
  const body = () => ({
    title: '白沙镇农贸市场周边无证经营联合整治',
    reason: 'cross_domain',
    caseIds: cast.cases.map((c) => String(c._id)),
    lead: { kind: 'bureau' },
    agencyIds: [String(cast.police._id), String(cast.market._id)],
    tasks: [{ agencyId: String(cast.market._id), description: '核查经营主体资质', dueAt: inHours(t, 72) }],
  });

  beforeAll(async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    cast = await jointCast(t);
    outsider = await liaisonOf(t, await buildAgency({ zh: '规划自然资源所' }));
    const res = await open(cast.dispatcher.auth, body());
    expect(res.status).toBe(201);
    jointId = res.body.data.id;
    taskId = res.body.data.tasks[0].id;
  });

  describe('every endpoint: 401 without a token, 403 for a role without access, 404 out of scope', () => {
    const endpoints = () => [
      { method: 'get' as const, url: '/api/v1/joint-cases', scoped: false },
      { method: 'post' as const, url: '/api/v1/joint-cases', body: body(), scoped: false, bureau: true },
      { method: 'get' as const, url: '/api/v1/joint-cases/tasks', scoped: false },
      { method: 'get' as const, url: `/api/v1/joint-cases/${jointId}`, scoped: true },
      { method: 'get' as const, url: `/api/v1/joint-cases/${jointId}/timeline`, scoped: true },
      { method: 'post' as const, url: `/api/v1/joint-cases/${jointId}/tasks`, body: { agencyId: String(cast.police._id), description: 'x', dueAt: inHours(t, 5) }, scoped: true, bureau: true },
      { method: 'post' as const, url: `/api/v1/joint-cases/${jointId}/tasks/${taskId}/transitions`, body: { action: 'accept' }, scoped: true },
      { method: 'post' as const, url: `/api/v1/joint-cases/${jointId}/tasks/${taskId}/reassign`, body: { agencyId: String(cast.tax._id), dueAt: inHours(t, 5) }, scoped: true, bureau: true },
      { method: 'post' as const, url: `/api/v1/joint-cases/${jointId}/decision`, body: { decision: '结案' }, scoped: true, bureau: true },
    ];

    test('each endpoint answers 401, 403 and 404 as the rules say', async () => {
      const admin = await buildUser({ role: 'admin' });
      for (const e of endpoints()) {
        const call = (auth?: string) => {
          const req = t.http()[e.method](e.url);
          if (auth) req.set('Authorization', auth);
          return e.body ? req.send(e.body) : req;
        };
        const anon = await call();
        expect([e.url, anon.status]).toEqual([e.url, 401]);
        const asAdmin = await call(bearer(t, admin));
        expect([e.url, asAdmin.status, asAdmin.body.error.code]).toEqual([e.url, 403, 'FORBIDDEN']);
        if (e.bureau) {
          // Bureau actions: a liaison (even of a participating agency) is the wrong role.
          const asLiaison = await call(cast.marketLiaison.auth);
          expect([e.url, asLiaison.status]).toEqual([e.url, 403]);
        }
        if (e.scoped) {
          const asOutsider = await call(outsider.auth);
          expect([e.url, asOutsider.status]).toEqual([e.url, e.bureau ? 403 : 404]);
          const missing = await t.http()[e.method](e.url.replace(jointId, oid())).set('Authorization', cast.dispatcher.auth).send(e.body);
          expect([e.url, missing.status, missing.body.error.code]).toEqual([e.url, 404, 'NOT_FOUND']);
        }
      }
    });

    test('a liaison acting on another agency’s task of a joint case they see gets 404', async () => {
      const res = await t.http().post(`/api/v1/joint-cases/${jointId}/tasks/${taskId}/transitions`).set('Authorization', cast.policeLiaison.auth).send({ action: 'accept' });
      expect(res.status).toBe(404);
    });
  });

  describe('POST /api/v1/joint-cases', () => {
    test('opens the joint case with the lead, agencies, cases and the first task', async () => {
      const res = await t.http().get(`/api/v1/joint-cases/${jointId}`).set('Authorization', cast.dispatcher.auth);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({
        id: jointId,
        title: '白沙镇农贸市场周边无证经营联合整治',
        reason: 'cross_domain',
        status: 'open',
        lead: { kind: 'bureau', agency: null },
        agencies: [{ id: String(cast.police._id), name: { zh: '公安派出所' } }, { id: String(cast.market._id), name: { zh: '市场监管所' } }],
        cases: cast.cases.map((c) => ({ id: String(c._id), caseNo: c.caseNo })),
        decision: null,
        openedBy: { id: String(cast.dispatcher.user._id) },
        taskCounts: { assigned: 1, done: 0 },
        // One task still assigned: the decision is not offered yet.
        allowedActions: ['add_task'],
        tasks: [{ id: taskId, status: 'assigned', agency: { id: String(cast.market._id) }, description: '核查经营主体资质', allowedActions: ['cancel'], overdue: false }],
      });
    });

    test('the linked cases are put under the joint case and shared with the agencies', async () => {
      for (const c of cast.cases) {
        const res = await t.http().get(`/api/v1/cases/${String(c._id)}`).set('Authorization', cast.policeLiaison.auth);
        expect(res.status).toBe(200);
        expect(res.body.data.jointCaseId).toBe(jointId);
        const timeline = await t.http().get(`/api/v1/cases/${String(c._id)}/timeline`).set('Authorization', cast.marketLiaison.auth);
        expect(timeline.body.data.map((e: { action: string; data: { step?: string } }) => `${e.action}:${e.data.step ?? ''}`)).toEqual([
          'report:',
          'joint:opened',
          'joint:task_assigned',
        ]);
        const chain = await t.http().get(`/api/v1/cases/${String(c._id)}/verify`).set('Authorization', cast.dispatcher.auth);
        expect(chain.body.data).toMatchObject({ ok: true });
      }
    });

    test('a case already under a joint case cannot join another one (409)', async () => {
      const res = await open(cast.dispatcher.auth, { ...body(), caseIds: [String(cast.cases[0]!._id)], tasks: [] });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CASE_ALREADY_JOINT');
    });

    test('two openings on the same case at once: exactly one wins', async () => {
      const kase = await buildCase(t);
      const b = { ...body(), caseIds: [String(kase._id)], tasks: [] };
      const results = await Promise.all([open(cast.dispatcher.auth, b), open(cast.dispatcher.auth, b), open(cast.dispatcher.auth, b)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      const list = await t.http().get(`/api/v1/joint-cases?caseId=${String(kase._id)}`).set('Authorization', cast.dispatcher.auth);
      expect(list.body.data).toHaveLength(1);
    });

    test('closed cases, unknown agencies and tasks for non-participants are refused', async () => {
      const closed = await buildCase(t, { status: 'closed' });
      const r1 = await open(cast.dispatcher.auth, { ...body(), caseIds: [String(closed._id)], tasks: [] });
      expect([r1.status, r1.body.error.code]).toEqual([409, 'CASE_NOT_OPEN']);
      const fresh = String((await buildCase(t))._id);
      const r2 = await open(cast.dispatcher.auth, { ...body(), caseIds: [fresh], agencyIds: [oid()], tasks: [] });
      expect([r2.status, r2.body.error.code]).toEqual([422, 'INVALID_REFERENCE']);
      const r3 = await open(cast.dispatcher.auth, { ...body(), caseIds: [fresh], tasks: [{ agencyId: String(cast.tax._id), description: 'x', dueAt: inHours(t, 5) }] });
      expect([r3.status, r3.body.error.details.path]).toEqual([422, 'tasks.0.agencyId']);
      const r4 = await open(cast.dispatcher.auth, { ...body(), caseIds: [oid()], tasks: [] });
      expect(r4.status).toBe(404);
      const r5 = await open(cast.dispatcher.auth, { ...body(), reason: 'small', caseIds: [] });
      expect(r5.status).toBe(400);
    });

    test('an agency may lead (牵头); it joins the participants', async () => {
      const kase = await buildCase(t);
      const chief = await loginAs(t, 'bureau_chief');
      const res = await open(chief.auth, { ...body(), reason: 'major', caseIds: [String(kase._id)], lead: { kind: 'agency', agencyId: String(cast.tax._id) }, tasks: [] });
      expect(res.status).toBe(201);
      expect(res.body.data.lead).toMatchObject({ kind: 'agency', agency: { id: String(cast.tax._id), name: { zh: '税务所' } } });
      expect(res.body.data.agencies.map((a: { id: string }) => a.id)).toEqual([String(cast.tax._id), String(cast.police._id), String(cast.market._id)]);
    });
  });

  describe('scope', () => {
    test('a liaison sees only joint cases involving their agency', async () => {
      const mine = await t.http().get('/api/v1/joint-cases').set('Authorization', cast.policeLiaison.auth);
      expect(mine.status).toBe(200);
      expect(mine.body.data.map((j: { id: string }) => j.id)).toContain(jointId);
      const other = await t.http().get('/api/v1/joint-cases').set('Authorization', outsider.auth);
      expect(other.body.data).toEqual([]);
      const tasks = await t.http().get('/api/v1/joint-cases/tasks').set('Authorization', cast.marketLiaison.auth);
      expect(tasks.body.data.map((x: { id: string }) => x.id)).toContain(taskId);
      expect(tasks.body.data.every((x: { agency: { id: string } }) => x.agency.id === String(cast.market._id))).toBe(true);
      expect((await t.http().get('/api/v1/joint-cases/tasks').set('Authorization', cast.policeLiaison.auth)).body.data).toEqual([]);
    });

    test('the legal office reads every joint case, read-only', async () => {
      const legal = await loginAs(t, 'legal_officer');
      const list = await t.http().get('/api/v1/joint-cases').set('Authorization', legal.auth);
      expect(list.body.data.map((j: { id: string }) => j.id)).toContain(jointId);
      const one = await t.http().get(`/api/v1/joint-cases/${jointId}`).set('Authorization', legal.auth);
      expect(one.body.data.allowedActions).toEqual([]);
      const write = await t.http().post(`/api/v1/joint-cases/${jointId}/decision`).set('Authorization', legal.auth).send({ decision: 'x' });
      expect(write.status).toBe(403);
    });

    test('inspectors and team leaders see joint cases linked to cases in their scope, read-only', async () => {
      const gridId = new Types.ObjectId();
      const teamId = new Types.ObjectId();
      const kase = await buildCase(t, { tier: 'grid', gridId, teamId });
      const res = await open(cast.dispatcher.auth, { ...body(), caseIds: [String(kase._id)], tasks: [{ agencyId: String(cast.police._id), description: '协助现场', dueAt: inHours(t, 24) }] });
      const id = res.body.data.id as string;
      const inspector = await loginAs(t, 'inspector', { gridIds: [gridId] });
      const leader = await loginAs(t, 'team_leader', { teamId });
      const stranger = await loginAs(t, 'inspector');
      for (const who of [inspector, leader]) {
        const list = await t.http().get('/api/v1/joint-cases').set('Authorization', who.auth);
        expect(list.body.data.map((j: { id: string }) => j.id)).toEqual([id]);
        const one = await t.http().get(`/api/v1/joint-cases/${id}`).set('Authorization', who.auth);
        expect(one.status).toBe(200);
        expect(one.body.data.tasks[0].allowedActions).toEqual([]);
        const act = await t.http().post(`/api/v1/joint-cases/${id}/tasks/${one.body.data.tasks[0].id}/transitions`).set('Authorization', who.auth).send({ action: 'accept' });
        expect(act.status).toBe(403);
      }
      expect((await t.http().get(`/api/v1/joint-cases/${id}`).set('Authorization', stranger.auth)).status).toBe(404);
      expect((await t.http().get('/api/v1/joint-cases').set('Authorization', stranger.auth)).body.data).toEqual([]);
    });

    test('lists filter by status and page with a cursor', async () => {
      const page1 = await t.http().get('/api/v1/joint-cases?limit=1&status=open').set('Authorization', cast.dispatcher.auth);
      expect(page1.body.data).toHaveLength(1);
      expect(page1.body.meta.nextCursor).toEqual(expect.any(String));
      const page2 = await t.http().get(`/api/v1/joint-cases?limit=1&status=open&cursor=${page1.body.meta.nextCursor}`).set('Authorization', cast.dispatcher.auth);
      expect(page2.body.data[0].id).not.toBe(page1.body.data[0].id);
      const bad = await t.http().get('/api/v1/joint-cases?bogus=1').set('Authorization', cast.dispatcher.auth);
      expect(bad.status).toBe(400);
    });
  });
});
