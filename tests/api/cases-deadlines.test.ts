import { runDeadlineScan } from '../../backend/src/modules/cases';
import { NotificationModel } from '../../backend/src/modules/notifications';
import { useTestApp } from '../support/app';
import { act, buildArea, buildCategory, report, type Area } from '../support/case-factories';

describe('deadlines, overdue lists and warnings (预警)', () => {
  const t = useTestApp({ DEADLINE_WARN_BEFORE_MINUTES: '60' });
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });
  afterEach(() => t.clock.reset());

  test('each stage’s due time comes from the category; urgent cases get the shorter limits', async () => {
    t.clock.set('2026-03-10T02:00:00Z');
    const normal = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: a.minor.code });
    expect(normal.body.data.stage).toEqual({ name: 'file', dueAt: '2026-03-10T04:00:00.000Z', overdue: false });
    const urgent = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: a.minor.code, urgent: true });
    expect(urgent.body.data.stage.dueAt).toBe('2026-03-10T03:00:00.000Z');
    t.clock.set('2026-03-10T02:30:00Z');
    const filed = await act(t, a.dispatcher.auth, normal.body.data.id, { action: 'file' });
    expect(filed.body.data.stage).toEqual({ name: 'dispatch', dueAt: '2026-03-10T06:30:00.000Z', overdue: false });
  });

  test('a deadline missed by one minute is overdue; the overdue filter lists it; leaving the stage late marks it', async () => {
    const cat = await buildCategory({ deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 } });
    t.clock.set('2026-04-01T00:00:00Z');
    const r = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: cat.code });
    const id = r.body.data.id;
    t.clock.set('2026-04-01T02:00:00Z'); // exactly at the due time: still on time
    let c = (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', a.dispatcher.auth)).body.data;
    expect(c.stage.overdue).toBe(false);
    t.clock.set('2026-04-01T02:01:00Z'); // one minute late
    c = (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', a.dispatcher.auth)).body.data;
    expect(c.stage.overdue).toBe(true);
    const overdue = await t.http().get(`/api/v1/cases?overdue=true&category=${cat.code}`).set('Authorization', a.dispatcher.auth);
    expect(overdue.body.data.map((x: { id: string }) => x.id)).toEqual([id]);
    const notOverdue = await t.http().get(`/api/v1/cases?overdue=false&category=${cat.code}`).set('Authorization', a.dispatcher.auth);
    expect(notOverdue.body.data).toEqual([]);
    const filed = await act(t, a.dispatcher.auth, id, { action: 'file' });
    expect(filed.body.data.stage.overdue).toBe(false);
    const events = (await t.http().get(`/api/v1/cases/${id}/timeline`).set('Authorization', a.dispatcher.auth)).body.data;
    expect(events[1].data.leftStage).toEqual({ name: 'file', startedAt: '2026-04-01T00:00:00.000Z', dueAt: '2026-04-01T02:00:00.000Z', onTime: false });
  });

  test('the scheduler warns the holder and the tier above once before the deadline and once when overdue, even when run twice', async () => {
    const cat = await buildCategory({ deadlines: { file: 3, dispatch: 4, handle: 48, verify: 24 } });
    t.clock.set('2026-05-01T00:00:00Z');
    const r = await report(t, a.inspectors[1]!.auth, { point: a.area.cells[1]!.centre, category: cat.code });
    const caseId = r.body.data.id;
    const mine = () => NotificationModel.find({ caseId }).lean();
    t.clock.set('2026-05-01T01:00:00Z');
    await runDeadlineScan(t.ctx);
    expect(await mine()).toHaveLength(0);
    t.clock.set('2026-05-01T02:30:00Z'); // within 60 min of the due time
    await Promise.all([runDeadlineScan(t.ctx), runDeadlineScan(t.ctx)]);
    await runDeadlineScan(t.ctx);
    const warnings = await mine();
    expect(warnings.map((n) => `${n.kind}:${String(n.userId)}`).sort()).toEqual(
      [`deadline.warning:${a.inspectors[1]!.id}`, `deadline.warning:${a.leader.id}`].sort(),
    );
    t.clock.set('2026-05-01T03:30:00Z');
    await runDeadlineScan(t.ctx);
    await runDeadlineScan(t.ctx);
    expect((await mine()).filter((n) => n.kind === 'deadline.overdue')).toHaveLength(2);
    const inbox = await t.http().get('/api/v1/notifications?unread=true').set('Authorization', a.inspectors[1]!.auth);
    expect(inbox.body.data.filter((n: { caseId: string }) => n.caseId === caseId)).toHaveLength(2);
    const first = inbox.body.data[0].id;
    expect((await t.http().post(`/api/v1/notifications/${first}/read`).set('Authorization', a.inspectors[1]!.auth)).status).toBe(204);
    expect((await t.http().post(`/api/v1/notifications/${first}/read`).set('Authorization', a.inspectors[0]!.auth)).status).toBe(404);
  });
});
