import { useTestApp } from '../support/app';
import { act, buildArea, caseAt, type Area } from '../support/case-factories';

describe('penalty procedure (行政处罚程序) inside handling', () => {
  const t = useTestApp({ PENALTY_MAJOR_AMOUNT_YUAN: '10000' });
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });

  /** A penalty-capable team-tier case, accepted by the team leader. */
  async function penaltyCase() {
    const id = await caseAt(t, a, 'reported', { category: a.penalty.code });
    for (const body of [{ action: 'file' }, { action: 'dispatch' }]) expect((await act(t, a.dispatcher.auth, id, body)).status).toBe(200);
    expect((await act(t, a.leader.auth, id, { action: 'accept' })).status).toBe(200);
    return id;
  }

  test('filing opens the 90-day decision clock (行政处罚法 第六十条), ending at 24:00 Shanghai time', async () => {
    t.clock.set('2026-03-10T02:00:00Z'); // 10:00 in Shanghai
    const id = await penaltyCase();
    const c = (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', a.dispatcher.auth)).body.data;
    t.clock.reset();
    // 90 days after 10 March (not counting that day) is 8 June 2026, a Monday: the limit ends at 24:00 Shanghai.
    expect(c.penalty).toMatchObject({ steps: [], legalReview: 'none', decision: null, decisionDueAt: '2026-06-08T16:00:00.000Z' });
  });

  test('steps go in order; a non-major decision by the team; resolution only after execution', async () => {
    const id = await penaltyCase();
    expect((await act(t, a.leader.auth, id, { action: 'penalty_notify', hearingOffered: false })).status).toBe(409);
    expect((await act(t, a.leader.auth, id, { action: 'penalty_investigate', note: '现场检查笔录、照片' })).status).toBe(200);
    expect((await act(t, a.leader.auth, id, { action: 'resolve', note: '整改完毕' })).status).toBe(409);
    expect((await act(t, a.leader.auth, id, { action: 'penalty_notify', hearingOffered: false, note: '已送达告知书' })).status).toBe(200);
    const decided = await act(t, a.leader.auth, id, { action: 'penalty_decide', decisionType: 'fine', amountYuan: 500, legalBasis: '《无证无照经营查处办法》第十三条' });
    expect(decided.status).toBe(200);
    expect(decided.body.data.penalty).toMatchObject({ major: false, decision: { type: 'fine', amountYuan: 500 } });
    expect((await act(t, a.leader.auth, id, { action: 'penalty_execute', note: '已缴纳' })).status).toBe(409);
    expect((await act(t, a.leader.auth, id, { action: 'penalty_serve' })).status).toBe(200);
    expect((await act(t, a.leader.auth, id, { action: 'penalty_execute', note: '罚款已缴纳' })).status).toBe(200);
    const resolved = await act(t, a.leader.auth, id, { action: 'resolve', note: '处罚执行完毕' });
    expect(resolved.body.data.status).toBe('resolved');
    const events = (await t.http().get(`/api/v1/cases/${id}/timeline`).set('Authorization', a.legal.auth)).body.data.map((e: { action: string }) => e.action);
    expect(events).toEqual(expect.arrayContaining(['penalty_investigate', 'penalty_notify', 'penalty_decide', 'penalty_serve', 'penalty_execute']));
  });

  test('a major decision needs an approved legal review (法制审核) first and the bureau chief', async () => {
    const id = await penaltyCase();
    await act(t, a.leader.auth, id, { action: 'penalty_investigate', note: '调查取证' });
    await act(t, a.leader.auth, id, { action: 'penalty_notify', hearingOffered: true });
    const big = { action: 'penalty_decide', decisionType: 'fine', amountYuan: 50000, legalBasis: '《城乡规划法》第六十四条' };
    expect((await act(t, a.leader.auth, id, big)).status).toBe(403);
    const noReview = await act(t, a.chief.auth, id, big);
    expect(noReview.status).toBe(409);
    expect(noReview.body.error.code).toBe('LEGAL_REVIEW_REQUIRED');
    expect((await act(t, a.chief.auth, id, { action: 'legal_review', approved: true, note: 'x' })).status).toBe(403);
    const review = await act(t, a.legal.auth, id, { action: 'legal_review', approved: true, note: '事实清楚，证据确凿，适用法律正确' });
    expect(review.body.data.penalty.legalReview).toBe('approved');
    const ok = await act(t, a.chief.auth, id, big);
    expect(ok.status).toBe(200);
    expect(ok.body.data.penalty).toMatchObject({ major: true, decision: { amountYuan: 50000 } });
  });

  test('a hearing request pauses the 90-day clock; an approved extension adds days', async () => {
    t.clock.set('2026-03-10T02:00:00Z');
    const id = await penaltyCase();
    await act(t, a.leader.auth, id, { action: 'penalty_investigate', note: '调查' });
    await act(t, a.leader.auth, id, { action: 'penalty_notify', hearingOffered: true });
    await act(t, a.leader.auth, id, { action: 'penalty_hearing', requested: true });
    t.clock.advance(10 * 86400_000);
    const held = await act(t, a.leader.auth, id, { action: 'penalty_hearing', requested: true, heldAt: '2026-03-20T02:00:00Z' });
    // 10 days of hearing do not count: 8 June + 10 days = 18 June 24:00 Shanghai.
    expect(held.body.data.penalty.decisionDueAt).toBe('2026-06-18T16:00:00.000Z');
    expect((await act(t, a.leader.auth, id, { action: 'penalty_extend', days: 30, note: '案情复杂' })).status).toBe(403);
    const ext = await act(t, a.chief.auth, id, { action: 'penalty_extend', days: 30, note: '案情复杂，经负责人批准延长' });
    // 18 June + 30 days = 18 July, a Saturday: the limit moves to the next working day, Monday 20 July.
    expect(ext.body.data.penalty.decisionDueAt).toBe('2026-07-20T16:00:00.000Z');
    t.clock.reset();
  });

  test('a decision after the limit is recorded as late', async () => {
    t.clock.set('2026-01-05T02:00:00Z');
    const id = await penaltyCase();
    await act(t, a.leader.auth, id, { action: 'penalty_investigate', note: '调查' });
    await act(t, a.leader.auth, id, { action: 'penalty_notify', hearingOffered: false });
    t.clock.set('2026-06-01T02:00:00Z');
    await act(t, a.leader.auth, id, { action: 'penalty_decide', decisionType: 'warning', amountYuan: 0, legalBasis: '《行政处罚法》第九条' });
    const events = (await t.http().get(`/api/v1/cases/${id}/timeline`).set('Authorization', a.dispatcher.auth)).body.data;
    t.clock.reset();
    expect(events.find((e: { action: string }) => e.action === 'penalty_decide').data).toMatchObject({ withinLimit: false });
  });

  test('a penalty case cannot be handled on the spot', async () => {
    const id = await caseAt(t, a, 'reported', { category: a.penalty.code });
    expect((await act(t, a.inspectors[0]!.auth, id, { action: 'handle_on_spot', note: 'x' })).status).toBe(409);
  });
});
