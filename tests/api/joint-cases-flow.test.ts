import { runJointTaskScan } from '../../backend/src/modules/joint-cases';
import { useTestApp } from '../support/app';
import { bearer, loginAs, type LoggedIn } from '../support/factories';
import { buildCase, inHours, jointCast, liaisonOf } from '../support/joint-factories';

describe('joint case flow: two agencies, one declines and is replaced, the joint decision closes the cases', () => {
  const t = useTestApp();
  let cast: Awaited<ReturnType<typeof jointCast>>;

  // Tokens are signed at the test clock's time, so moving the clock never expires them.
  const as = (who: LoggedIn) => ({
    get: (url: string) => t.http().get(`/api/v1${url}`).set('Authorization', bearer(t, who.user)),
    post: (url: string, body: object = {}) => t.http().post(`/api/v1${url}`).set('Authorization', bearer(t, who.user)).send(body),
  });
  const steps = async (caseId: string, who: LoggedIn) =>
    (await as(who).get(`/cases/${caseId}/timeline`)).body.data.map((e: { action: string; to: string; data: { step?: string } }) =>
      e.action === 'joint' ? `${e.data.step}${e.to === 'closed' ? '→closed' : ''}` : e.action,
    );
  const notices = async (who: LoggedIn, kind: string) =>
    (await as(who).get('/notifications')).body.data.filter((n: { kind: string }) => n.kind === kind);

  beforeAll(async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    cast = await jointCast(t);
  });

  test('the whole story', async () => {
    const resolvedCase = await buildCase(t, { status: 'resolved' });
    const caseIds = [String(cast.cases[0]!._id), String(resolvedCase._id)];
    const opened = await as(cast.dispatcher).post('/joint-cases', {
      title: '沿江非法采砂联合查处',
      reason: 'major',
      caseIds,
      lead: { kind: 'bureau' },
      agencyIds: [String(cast.police._id), String(cast.market._id)],
      tasks: [
        { agencyId: String(cast.police._id), description: '查明采砂船只及人员', dueAt: inHours(t, 48) },
        { agencyId: String(cast.market._id), description: '核查砂石经营许可', dueAt: inHours(t, 48) },
      ],
    });
    expect(opened.status).toBe(201);
    const id = opened.body.data.id as string;
    const [policeTask, marketTask] = opened.body.data.tasks as { id: string }[];

    // Each agency's liaisons are told they have a task (stored, so nothing is missed offline).
    expect(await notices(cast.policeLiaison, 'joint.task.assigned')).toEqual([
      expect.objectContaining({ title: '联合办案任务：沿江非法采砂联合查处', body: '查明采砂船只及人员', link: `/joint-cases/${id}` }),
    ]);
    expect(await notices(cast.marketLiaison, 'joint.task.assigned')).toHaveLength(1);

    // Market regulation accepts, works and reports its result with attachments.
    const task = (tid: string) => `/joint-cases/${id}/tasks/${tid}/transitions`;
    expect((await as(cast.marketLiaison).post(task(marketTask!.id), { action: 'accept' })).body.data).toMatchObject({ status: 'accepted', allowedActions: ['decline', 'start', 'report'] });
    expect((await as(cast.marketLiaison).post(task(marketTask!.id), { action: 'start', note: '已派员' })).body.data.status).toBe('in_progress');
    const done = await as(cast.marketLiaison).post(task(marketTask!.id), { action: 'report', result: '三家砂场无证经营，已立案', attachments: ['市监立字〔2026〕12号'] });
    expect(done.status).toBe(200);
    expect(done.body.data).toMatchObject({ status: 'done', result: { text: '三家砂场无证经营，已立案', attachments: ['市监立字〔2026〕12号'] }, allowedActions: [] });

    // The police decline with a reason; the bureau is told.
    const declined = await as(cast.policeLiaison).post(task(policeTask!.id), { action: 'decline', reason: '不属于本所辖区' });
    expect(declined.body.data).toMatchObject({ status: 'declined', declineReason: '不属于本所辖区' });
    expect(await notices(cast.dispatcher, 'joint.task_declined')).toHaveLength(1);
    expect((await as(cast.policeLiaison).post(task(policeTask!.id), { action: 'decline', reason: 'again' })).status).toBe(409);

    // The decision waits for the declined task (409 names it).
    const early = await as(cast.dispatcher).post(`/joint-cases/${id}/decision`, { decision: '依法取缔' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'JOINT_TASKS_UNSETTLED', details: { tasks: [{ id: policeTask!.id, status: 'declined' }] } });

    // The bureau reassigns the declined task to tax; tax joins and now sees the joint case and its cases.
    expect((await as(cast.taxLiaison).get(`/joint-cases/${id}`)).status).toBe(404);
    const reassigned = await as(cast.dispatcher).post(`/joint-cases/${id}/tasks/${policeTask!.id}/reassign`, { agencyId: String(cast.tax._id), dueAt: inHours(t, 24), note: '改由税务所核查' });
    expect(reassigned.status).toBe(201);
    expect(reassigned.body.data).toMatchObject({ status: 'assigned', agency: { id: String(cast.tax._id) }, description: '查明采砂船只及人员', reassignedFromTaskId: policeTask!.id });
    const taxTask = reassigned.body.data.id as string;
    const view = (await as(cast.taxLiaison).get(`/joint-cases/${id}`)).body.data;
    expect(view.agencies.map((a: { id: string }) => a.id)).toContain(String(cast.tax._id));
    expect(view.tasks.find((x: { id: string }) => x.id === policeTask!.id)).toMatchObject({ status: 'declined', reassignedToTaskId: taxTask, allowedActions: [] });
    expect((await as(cast.taxLiaison).get(`/cases/${caseIds[0]}`)).status).toBe(200);
    expect((await as(cast.dispatcher).post(`/joint-cases/${id}/tasks/${policeTask!.id}/reassign`, { agencyId: String(cast.tax._id), dueAt: inHours(t, 24) })).status).toBe(409);

    // Still one task open: refused again, naming the tax task.
    const second = await as(cast.dispatcher).post(`/joint-cases/${id}/decision`, { decision: '依法取缔' });
    expect(second.body.error.details.tasks).toEqual([expect.objectContaining({ id: taxTask, status: 'assigned' })]);

    // A linked case cannot be closed on its own, while the joint case is open.
    const verify = await as(cast.dispatcher).post(`/cases/${caseIds[1]}/transitions`, { action: 'verify' });
    expect(verify.status).toBe(409);
    expect(verify.body.error.code).toBe('CASE_INVALID_TRANSITION');
    const control = await buildCase(t, { status: 'resolved' });
    expect((await as(cast.dispatcher).post(`/cases/${String(control._id)}/transitions`, { action: 'verify' })).status).toBe(200);

    // Tax finishes; the decision now closes the joint case and every linked case.
    await as(cast.taxLiaison).post(task(taxTask), { action: 'accept' });
    expect((await as(cast.dispatcher).get(`/joint-cases/${id}`)).body.data.allowedActions).toEqual(['add_task']);
    await as(cast.taxLiaison).post(task(taxTask), { action: 'report', result: '已查明涉税情况' });
    // Every task settled (done, or declined and reassigned): now the decision is offered.
    expect((await as(cast.dispatcher).get(`/joint-cases/${id}`)).body.data.allowedActions).toEqual(['add_task', 'decide']);
    t.clock.advance(3_600_000);
    const decided = await as(cast.dispatcher).post(`/joint-cases/${id}/decision`, { decision: '依法取缔非法采砂点，移送公安追责' });
    expect(decided.status).toBe(200);
    expect(decided.body.data).toMatchObject({
      status: 'closed',
      closedAt: '2026-03-02T03:00:00.000Z',
      decision: { text: '依法取缔非法采砂点，移送公安追责', decidedBy: { id: String(cast.dispatcher.user._id) } },
      allowedActions: [],
      taskCounts: { done: 2, declined: 1 },
    });
    for (const caseId of caseIds) {
      const kase = (await as(cast.dispatcher).get(`/cases/${caseId}`)).body.data;
      expect(kase).toMatchObject({ status: 'closed', closedAt: '2026-03-02T03:00:00.000Z', jointCaseId: id, stage: null });
      expect(await steps(caseId, cast.taxLiaison)).toEqual([
        'report',
        'opened',
        'task_assigned',
        'task_assigned',
        'task_accepted',
        'task_started',
        'task_done',
        'task_declined',
        'task_reassigned',
        'task_accepted',
        'task_done',
        'decided→closed',
      ]);
      expect((await as(cast.dispatcher).get(`/cases/${caseId}/verify`)).body.data.ok).toBe(true);
    }

    // The joint case's own timeline has the same steps; nothing moves after the decision.
    const timeline = (await as(cast.policeLiaison).get(`/joint-cases/${id}/timeline`)).body.data;
    expect(timeline.map((s: { step: string }) => s.step)).toEqual([
      'opened', 'task_assigned', 'task_assigned', 'task_accepted', 'task_started', 'task_done', 'task_declined', 'task_reassigned', 'task_accepted', 'task_done', 'decided',
    ]);
    expect(timeline[6]).toMatchObject({ note: '不属于本所辖区', actor: { id: String(cast.policeLiaison.user._id), role: 'agency_liaison' } });
    expect((await as(cast.dispatcher).post(`/joint-cases/${id}/decision`, { decision: 'again' })).body.error.code).toBe('JOINT_CASE_CLOSED');
    expect((await as(cast.dispatcher).post(`/joint-cases/${id}/tasks`, { agencyId: String(cast.police._id), description: 'late', dueAt: inHours(t, 5) })).status).toBe(409);
    expect(await notices(cast.taxLiaison, 'joint.decided')).toHaveLength(1);
  });

  test('the bureau may cancel an open task, which settles it', async () => {
    const kase = await buildCase(t);
    const res = await as(cast.dispatcher).post('/joint-cases', {
      title: '取消任务', reason: 'cross_domain', caseIds: [String(kase._id)], lead: { kind: 'bureau' },
      agencyIds: [String(cast.police._id)], tasks: [{ agencyId: String(cast.police._id), description: '协查', dueAt: inHours(t, 5) }],
    });
    const id = res.body.data.id as string;
    const taskId = res.body.data.tasks[0].id as string;
    expect((await as(cast.policeLiaison).post(`/joint-cases/${id}/tasks/${taskId}/transitions`, { action: 'cancel', reason: 'x' })).status).toBe(403);
    const cancelled = await as(cast.dispatcher).post(`/joint-cases/${id}/tasks/${taskId}/transitions`, { action: 'cancel', reason: '案情变化，无需协查' });
    expect(cancelled.body.data).toMatchObject({ status: 'cancelled', cancelReason: '案情变化，无需协查' });
    expect((await as(cast.dispatcher).post(`/joint-cases/${id}/decision`, { decision: '由执法局单独处理' })).status).toBe(200);
  });

  describe('races: unique keys pick exactly one winner', () => {
    const openWithTask = async (agencyId: string) => {
      const kase = await buildCase(t);
      const res = await as(cast.dispatcher).post('/joint-cases', {
        title: '并发', reason: 'cross_domain', caseIds: [String(kase._id)], lead: { kind: 'bureau' },
        agencyIds: [agencyId], tasks: [{ agencyId, description: '协查', dueAt: inHours(t, 5) }],
      });
      return { id: res.body.data.id as string, taskId: res.body.data.tasks[0].id as string };
    };

    test('two liaisons of one agency act on one task at once: one wins, the other gets 409', async () => {
      const second = await liaisonOf(t, cast.police);
      const bodies = [{ action: 'accept' }, { action: 'decline', reason: '人手不足' }, { action: 'accept' }];
      for (const body of bodies) {
        const { id, taskId } = await openWithTask(String(cast.police._id));
        const url = `/joint-cases/${id}/tasks/${taskId}/transitions`;
        const [a, b] = await Promise.all([as(cast.policeLiaison).post(url, body), as(second).post(url, body)]);
        expect([a.status, b.status].sort()).toEqual([200, 409]);
        const loser = a.status === 409 ? a : b;
        // Interleaved, the loser's event insert fails (TASK_CONFLICT); one after the other, the state check refuses it.
        expect(['TASK_CONFLICT', 'TASK_INVALID_TRANSITION']).toContain(loser.body.error.code);
        const final = (await as(cast.dispatcher).get(`/joint-cases/${id}`)).body.data.tasks[0];
        expect(final).toMatchObject({ status: body.action === 'accept' ? 'accepted' : 'declined', seq: 2 });
        const steps = (await as(cast.dispatcher).get(`/joint-cases/${id}/timeline`)).body.data.map((x: { step: string }) => x.step);
        expect(steps).toEqual(['opened', 'task_assigned', body.action === 'accept' ? 'task_accepted' : 'task_declined']);
      }
    });

    test('two reassignments of one declined task at once: one successor only', async () => {
      const { id, taskId } = await openWithTask(String(cast.police._id));
      await as(cast.policeLiaison).post(`/joint-cases/${id}/tasks/${taskId}/transitions`, { action: 'decline', reason: '非本所职责' });
      const chief = await loginAs(t, 'bureau_chief');
      const url = `/joint-cases/${id}/tasks/${taskId}/reassign`;
      const results = await Promise.all([
        as(cast.dispatcher).post(url, { agencyId: String(cast.tax._id), dueAt: inHours(t, 5) }),
        as(chief).post(url, { agencyId: String(cast.market._id), dueAt: inHours(t, 5) }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const tasks = (await as(cast.dispatcher).get(`/joint-cases/${id}`)).body.data.tasks;
      expect(tasks).toHaveLength(2);
    });

    test('a decision racing a new task: either the task is refused or the decision is', async () => {
      for (let round = 0; round < 3; round++) {
        const { id, taskId } = await openWithTask(String(cast.police._id));
        await as(cast.dispatcher).post(`/joint-cases/${id}/tasks/${taskId}/transitions`, { action: 'cancel', reason: '无需' });
        const [decision, added] = await Promise.all([
          as(cast.dispatcher).post(`/joint-cases/${id}/decision`, { decision: '结案' }),
          as(cast.dispatcher).post(`/joint-cases/${id}/tasks`, { agencyId: String(cast.market._id), description: '补充核查', dueAt: inHours(t, 5) }),
        ]);
        const jc = (await as(cast.dispatcher).get(`/joint-cases/${id}`)).body.data;
        if (decision.status === 200) {
          expect(added.status).toBe(409);
          expect(jc).toMatchObject({ status: 'closed' });
          expect(jc.tasks).toHaveLength(1);
        } else {
          expect([decision.status, decision.body.error.code]).toEqual([409, 'JOINT_TASKS_UNSETTLED']);
          expect(added.status).toBe(201);
          expect(jc.status).toBe('open');
        }
      }
    });
  });

  test('task deadlines: the agency and the opener are warned once, then told once when overdue', async () => {
    const kase = await buildCase(t);
    const res = await as(cast.dispatcher).post('/joint-cases', {
      title: '限期协查', reason: 'cross_domain', caseIds: [String(kase._id)], lead: { kind: 'bureau' },
      agencyIds: [String(cast.market._id)], tasks: [{ agencyId: String(cast.market._id), description: '限期核查', dueAt: inHours(t, 30) }],
    });
    expect(res.status).toBe(201);
    const count = async (kind: string) =>
      (await notices(cast.marketLiaison, kind)).filter((n: { title: string }) => n.title.includes('限期协查')).length;
    await runJointTaskScan(t.ctx);
    expect(await count('joint.task.warning')).toBe(0);
    t.clock.advance(8 * 3_600_000);
    await runJointTaskScan(t.ctx);
    await runJointTaskScan(t.ctx);
    expect(await count('joint.task.warning')).toBe(1);
    t.clock.advance(24 * 3_600_000);
    await runJointTaskScan(t.ctx);
    await runJointTaskScan(t.ctx);
    expect(await count('joint.task.overdue')).toBe(1);
    expect((await notices(cast.dispatcher, 'joint.task.overdue')).filter((n: { title: string }) => n.title.includes('限期协查'))).toHaveLength(1);
    const listed = (await as(cast.marketLiaison).get('/joint-cases/tasks?status=assigned')).body.data.find((x: { description: string }) => x.description === '限期核查');
    expect(listed).toMatchObject({ overdue: true, jointCase: { title: '限期协查', status: 'open' } });
  });
});
