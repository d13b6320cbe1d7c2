import { useTestApp } from '../support/app';
import { act, buildArea, caseAt, report, type Area } from '../support/case-factories';
import { bearer, buildUser } from '../support/factories';

const get = (t: ReturnType<typeof useTestApp>, auth: string, id: string) => t.http().get(`/api/v1/cases/${id}`).set('Authorization', auth);
const timeline = async (t: ReturnType<typeof useTestApp>, auth: string, id: string) =>
  (await t.http().get(`/api/v1/cases/${id}/timeline`).set('Authorization', auth)).body.data as { action: string; from: string; to: string; seq: number; actor: { id: string } | null; data: Record<string, unknown> }[];

describe('POST /api/v1/cases/:id/transitions', () => {
  const t = useTestApp();
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });

  test('the whole lifecycle: report → file → dispatch → accept → resolve → verify → closed, every step on the timeline', async () => {
    const id = await caseAt(t, a, 'reported');
    const steps: [string, { auth: string }, Record<string, unknown>, string][] = [
      ['file', a.dispatcher, { action: 'file' }, 'filed'],
      ['dispatch', a.dispatcher, { action: 'dispatch' }, 'dispatched'],
      ['accept', a.inspectors[0]!, { action: 'accept' }, 'in_progress'],
      ['resolve', a.inspectors[0]!, { action: 'resolve', note: '已清理' }, 'resolved'],
      ['verify', a.dispatcher, { action: 'verify', note: '现场核查通过' }, 'closed'],
    ];
    for (const [, who, body, status] of steps) {
      const res = await act(t, who.auth, id, body);
      expect(res.status).toBe(200);
      expect(res.body.data.status).toBe(status);
    }
    const closed = (await get(t, a.dispatcher.auth, id)).body.data;
    expect(closed).toMatchObject({ status: 'closed', stage: null, holder: { id: a.inspectors[0]!.id }, closedAt: expect.any(String), filedAt: expect.any(String) });
    const events = await timeline(t, a.dispatcher.auth, id);
    expect(events.map((e) => `${e.action}:${e.from ?? ''}→${e.to}`)).toEqual([
      'report:→reported',
      'file:reported→filed',
      'dispatch:filed→dispatched',
      'accept:dispatched→in_progress',
      'resolve:in_progress→resolved',
      'verify:resolved→closed',
    ]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(events[2]!.data.leftStage).toMatchObject({ name: 'dispatch', onTime: true });
  });

  test('an illegal transition → 409 with the actions allowed now', async () => {
    const id = await caseAt(t, a, 'reported');
    const res = await act(t, a.dispatcher.auth, id, { action: 'resolve', note: 'x' });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CASE_INVALID_TRANSITION', details: { status: 'reported', allowed: expect.arrayContaining(['file', 'reject', 'merge']) } });
  });

  test('a role that never takes the action → 403; a case outside the caller’s scope → 404; no token → 401', async () => {
    const id = await caseAt(t, a, 'reported', { cell: 0 });
    expect((await act(t, a.inspectors[0]!.auth, id, { action: 'file' })).status).toBe(403);
    expect((await act(t, a.admin.auth, id, { action: 'comment', note: 'x' })).status).toBe(403);
    const other = await act(t, a.inspectors[1]!.auth, id, { action: 'comment', note: 'not my cell' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('NOT_FOUND');
    expect((await get(t, a.inspectors[1]!.auth, id)).status).toBe(404);
    const strangerLeader = await buildUser({ role: 'team_leader', teamId: '64b000000000000000000001' });
    expect((await act(t, bearer(t, strangerLeader), id, { action: 'file' })).status).toBe(404);
    expect((await t.http().post(`/api/v1/cases/${id}/transitions`).send({ action: 'file' })).status).toBe(401);
    expect((await act(t, a.dispatcher.auth, '64b0000000000000000000ff', { action: 'file' })).status).toBe(404);
    expect((await act(t, a.dispatcher.auth, 'not-an-id', { action: 'file' })).status).toBe(400);
  });

  test('bad bodies: an unknown action, a missing required note, extra fields, operators → 400', async () => {
    const id = await caseAt(t, a, 'reported');
    for (const body of [{ action: 'teleport' }, { action: 'reject' }, { action: 'file', tier: 'grid' }, { action: { $ne: 'x' } }, {}]) {
      const res = await act(t, a.dispatcher.auth, id, body);
      expect(res.status).toBe(400);
    }
  });

  test('concurrent conflicting transitions: exactly one wins, the rest get 409', async () => {
    const id = await caseAt(t, a, 'reported');
    const results = await Promise.all([
      act(t, a.dispatcher.auth, id, { action: 'file' }),
      act(t, a.chief.auth, id, { action: 'file' }),
      act(t, a.dispatcher.auth, id, { action: 'reject', note: '不属于执法事项' }),
      act(t, a.leader.auth, id, { action: 'file' }),
      act(t, a.chief.auth, id, { action: 'reject', note: '重复' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    const events = await timeline(t, a.dispatcher.auth, id);
    expect(events).toHaveLength(2);
    const verify = await t.http().get(`/api/v1/cases/${id}/verify`).set('Authorization', a.dispatcher.auth);
    expect(verify.body.data.ok).toBe(true);
  });

  test('reject (不予立案) needs a reason and ends the case', async () => {
    const id = await caseAt(t, a, 'reported');
    const res = await act(t, a.dispatcher.auth, id, { action: 'reject', note: '非本局职责' });
    expect(res.body.data).toMatchObject({ status: 'rejected', stage: null, allowedActions: ['comment'] });
  });

  test('return (退回) sends a dispatched case back to the dispatch queue and counts against accurate dispatch', async () => {
    const id = await caseAt(t, a, 'dispatched');
    const res = await act(t, a.inspectors[0]!.auth, id, { action: 'return', note: '不属于本网格' });
    expect(res.body.data).toMatchObject({ status: 'filed', holder: null, stage: { name: 'dispatch' } });
    const redispatch = await act(t, a.leader.auth, id, { action: 'dispatch', holderId: a.inspectors[1]!.id });
    expect(redispatch.body.data).toMatchObject({ status: 'dispatched', holder: { id: a.inspectors[1]!.id } });
    // the new holder, outside the cell, now sees the case
    expect((await get(t, a.inspectors[1]!.auth, id)).status).toBe(200);
  });

  test('a team leader dispatches within the team only', async () => {
    const id = await caseAt(t, a, 'filed');
    const outsider = await buildUser({ role: 'inspector' });
    const res = await act(t, a.leader.auth, id, { action: 'dispatch', holderId: String(outsider._id) });
    expect(res.status).toBe(403);
    const toBureau = await act(t, a.leader.auth, id, { action: 'dispatch', tier: 'bureau' });
    expect(toBureau.status).toBe(403);
    const wrongRole = await act(t, a.dispatcher.auth, id, { action: 'dispatch', tier: 'grid', holderId: a.leader.id });
    expect(wrongRole.status).toBe(422);
  });

  test('on-the-spot handling (当场处置) resolves at once; the inspector may not verify their own work; rework returns it', async () => {
    const id = await caseAt(t, a, 'reported');
    const done = await act(t, a.inspectors[0]!.auth, id, { action: 'handle_on_spot', note: '当场劝离' });
    expect(done.body.data).toMatchObject({ status: 'resolved', stage: { name: 'verify' } });
    expect(done.body.data.allowedActions).not.toContain('verify');
    const own = await act(t, a.inspectors[0]!.auth, id, { action: 'verify' });
    expect(own.status).toBe(409);
    const rework = await act(t, a.dispatcher.auth, id, { action: 'rework', note: '摊贩已返回' });
    expect(rework.body.data).toMatchObject({ status: 'in_progress', stage: { name: 'handle' } });
    const again = await act(t, a.inspectors[0]!.auth, id, { action: 'resolve', note: '再次清理' });
    expect(again.status).toBe(200);
    expect((await act(t, a.dispatcher.auth, id, { action: 'verify' })).body.data.status).toBe('closed');
  });

  test('escalate (升级) grid → team → bureau, then de-escalate back to the team', async () => {
    const id = await caseAt(t, a, 'in_progress');
    const toTeam = await act(t, a.inspectors[0]!.auth, id, { action: 'escalate', note: '涉及多户，需中队处理' });
    expect(toTeam.body.data).toMatchObject({ tier: 'team', status: 'dispatched', holder: { id: a.leader.id } });
    const accept = await act(t, a.leader.auth, id, { action: 'accept' });
    expect(accept.body.data.status).toBe('in_progress');
    const toBureau = await act(t, a.leader.auth, id, { action: 'escalate', note: '跨片区重大案件' });
    expect(toBureau.body.data).toMatchObject({ tier: 'bureau', status: 'filed', holder: null });
    expect(toBureau.body.data.allowedActions).toEqual(['comment']);
    const down = await act(t, a.dispatcher.auth, id, { action: 'dispatch', tier: 'bureau' });
    expect(down.status).toBe(200);
    const back = await act(t, a.dispatcher.auth, id, { action: 'de_escalate', tier: 'team', note: '交由中队' });
    expect(back.body.data).toMatchObject({ tier: 'team', status: 'dispatched', holder: { id: a.leader.id } });
    const events = await timeline(t, a.dispatcher.auth, id);
    expect(events.filter((e) => e.action === 'escalate').map((e) => e.data.toTier)).toEqual(['team', 'bureau']);
  });

  test('merge: the duplicate joins the surviving case’s timeline', async () => {
    const survivor = await caseAt(t, a, 'filed');
    const dup = await caseAt(t, a, 'reported');
    const res = await act(t, a.dispatcher.auth, dup, { action: 'merge', targetCaseId: survivor });
    expect(res.body.data).toMatchObject({ status: 'merged', mergedInto: { id: survivor } });
    const events = await timeline(t, a.dispatcher.auth, survivor);
    expect(events[events.length - 1]).toMatchObject({ action: 'merged_in', data: { caseId: dup } });
    expect((await act(t, a.dispatcher.auth, dup, { action: 'merge', targetCaseId: dup })).status).toBe(409);
    const self = await caseAt(t, a, 'reported');
    expect((await act(t, a.dispatcher.auth, self, { action: 'merge', targetCaseId: self })).status).toBe(422);
  });

  test('postponement (延期) approved by the tier above extends the due time; suspension (缓办) stops the clock until resumed', async () => {
    const id = await caseAt(t, a, 'in_progress');
    const before = (await get(t, a.dispatcher.auth, id)).body.data.stage.dueAt as string;
    const req = await act(t, a.inspectors[0]!.auth, id, { action: 'postpone_request', hours: 24, note: '等待当事人整改' });
    expect(req.body.data.pending).toMatchObject({ kind: 'postpone', hours: 24 });
    expect((await act(t, a.dispatcher.auth, id, { action: 'postpone_approve' })).status).toBe(403);
    const ok = await act(t, a.leader.auth, id, { action: 'postpone_approve' });
    expect(Date.parse(ok.body.data.stage.dueAt) - Date.parse(before)).toBe(24 * 3600_000);
    expect(ok.body.data.pending).toBeNull();

    await act(t, a.inspectors[0]!.auth, id, { action: 'suspend_request', note: '等待鉴定结果' });
    const suspended = await act(t, a.leader.auth, id, { action: 'suspend_approve' });
    expect(suspended.body.data).toMatchObject({ suspended: true, stage: { dueAt: null, overdue: false } });
    expect(suspended.body.data.allowedActions).not.toContain('resolve');
    t.clock.advance(10 * 3600_000);
    const resumed = await act(t, a.inspectors[0]!.auth, id, { action: 'resume' });
    t.clock.reset();
    expect(resumed.body.data.suspended).toBe(false);
    expect(Date.parse(resumed.body.data.stage.dueAt) - Date.parse(ok.body.data.stage.dueAt)).toBeGreaterThanOrEqual(10 * 3600_000 - 1000);
  });

  test('referral (移送) to an agency: the liaison sees the case and acknowledges the receipt', async () => {
    const id = await caseAt(t, a, 'filed');
    const agencyId = '64b0000000000000000000aa';
    const liaison = await buildUser({ role: 'agency_liaison', agencyId });
    expect((await get(t, bearer(t, liaison), id)).status).toBe(404);
    const ref = await act(t, a.dispatcher.auth, id, { action: 'refer', agencyId, kind: 'crime', note: '涉嫌犯罪，移送公安' });
    expect(ref.body.data.referrals).toEqual([{ id: expect.any(String), agencyId, kind: 'crime', at: expect.any(String), acknowledgedAt: null }]);
    const seen = await get(t, bearer(t, liaison), id);
    expect(seen.status).toBe(200);
    expect(seen.body.data.allowedActions).toEqual(expect.arrayContaining(['refer_ack']));
    const ack = await act(t, bearer(t, liaison), id, { action: 'refer_ack', referralId: ref.body.data.referrals[0].id });
    expect(ack.body.data.referrals[0].acknowledgedAt).toEqual(expect.any(String));
    expect((await act(t, bearer(t, liaison), id, { action: 'refer_ack', referralId: ref.body.data.referrals[0].id })).status).toBe(409);
  });

  test('the legal officer reads every case and changes nothing (not even a comment)', async () => {
    const id = await caseAt(t, a, 'reported');
    const seen = await get(t, a.legal.auth, id);
    expect(seen.body.data.allowedActions).toEqual([]);
    expect((await act(t, a.legal.auth, id, { action: 'file' })).status).toBe(403);
    expect((await act(t, a.legal.auth, id, { action: 'comment', note: '意见' })).status).toBe(403);
  });

  test('report with an unexpected role of source: an agency liaison reports as agency referral', async () => {
    const liaison = await buildUser({ role: 'agency_liaison', agencyId: '64b0000000000000000000ab' });
    const res = await report(t, bearer(t, liaison), { point: a.area.cells[0]!.centre, category: a.minor.code, source: 'agency_referral' });
    expect(res.status).toBe(201);
  });
});
