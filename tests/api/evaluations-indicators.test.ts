import { ROLES } from '../../backend/src/contracts';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeamAndCell, insertCaseWithTimeline, type Actor, type Step } from '../support/evaluation-fixtures';

/**
 * Exactness (issue 8): a fixture set whose indicators were computed by hand. Stage limits are
 * file 24 h, dispatch 4 h, handle 48 h, verify 24 h (LIMITS). Times are UTC; Asia/Shanghai is +8,
 * so H1 2026 = [2025-12-31T16:00Z, 2026-06-30T16:00Z) and H2 starts at 2026-06-30T16:00Z.
 *
 * Team A (cell gA, inspector iA), team B (cell gB, inspector iB), one dispatcher D.
 *  C1  A  patrol iA  report 03-02 01:00, file 02:00, dispatch 03:00, resolve 03-03 03:00 (24 h), verify 05:00 — all on time
 *  C2  A  citizen    dispatch 04-01 02:00, resolve 04-03 02:01: handling due 02:00, missed by ONE MINUTE (48 h 1 min)
 *  C3  B  patrol iB  filed 06-29 (H1), resolved 06-30 10:00 (31 h), verified 2026-06-30T16:30Z = 1 Jul 00:30 Shanghai → closed in H2;
 *                    its handle stage is due 07-01 03:00Z (H2)
 *  C4  B  hotline    dispatched to A 05-10 02:00, returned 03:00 (handle stage handed on in time), re-dispatched to B 08:00
 *                    (dispatch stage from 03:00 due 07:00: late), resolved 05-11 08:00 (24 h), rework 10:00, resolved 05-12 10:00 (50 h), verified 12:00
 *  C5  A  patrol iA  dispatched 06-01 02:00, accepted, still in progress: handle due 06-03 02:00 → overdue, unresolved
 *  C6  A  citizen    rejected (不予立案)
 *  C7  A  citizen    merged into C1 (a duplicate: not a valid report)
 *  C8  B  patrol iB  handled on the spot by iB 05-20 00:30 (0 h), verified by D
 *  C9  B  patrol iB  penalty, major: escalated to the bureau 01-05 04:00, re-dispatched 05:00, postponed +120 h, notice, approved
 *                    legal review, decision within the limit, referred to agency X, resolved 01-10 00:00 (115 h from 05:00), verified
 *  C10 A  patrol iA  penalty: suspended 01-11→01-12 (24 h), decision 04-15 after the limit with no legal basis and no notice,
 *                    resolved 04-16 00:00: handle due 01-13 02:00 (48 h + 24 h paused) → late; 2302 h − 24 h = 2278 h
 *  C12 B  citizen    reported 2026-06-30T16:30Z (1 Jul 00:30 Shanghai) → H2 only; still reported
 *  C13 B  citizen    reported 2026-06-30T15:59Z (30 Jun 23:59 Shanghai) → H1; still reported
 */
describe('GET /api/v1/evaluations/indicators — exactness', () => {
  const t = useTestApp();
  const ids: Record<string, string> = {};
  let A: { teamId: string; gridId: string };
  let B: { teamId: string; gridId: string };
  let legalAuth: string;
  const agencyX = '65f000000000000000000abc';

  beforeAll(async () => {
    t.clock.set('2027-01-10T00:00:00Z');
    A = await buildTeamAndCell('一中队');
    B = await buildTeamAndCell('二中队');
    const iA = await buildUser({ role: 'inspector', gridIds: [A.gridId] });
    const iB = await buildUser({ role: 'inspector', gridIds: [B.gridId] });
    const D = await buildUser({ role: 'dispatcher' });
    const LA = await buildUser({ role: 'team_leader', teamId: A.teamId });
    const LB = await buildUser({ role: 'team_leader', teamId: B.teamId });
    const chief = await buildUser({ role: 'bureau_chief' });
    const legal = await buildUser({ role: 'legal_officer' });
    legalAuth = bearer(t, legal);
    const d = (day: string) => `2026-${day}Z`;
    /** file 02:00, dispatch 03:00, accept 04:00 of `day`, then resolve and verify at the given instants. */
    const life = (day: string, leader: Actor, verifier: Actor, resolveAt: string, verifyAt: string, team: string): Step[] => [
      ['file', d(`${day}T02:00:00`), D],
      ['dispatch', d(`${day}T03:00:00`), D, { teamId: team }],
      ['accept', d(`${day}T04:00:00`), leader],
      ['resolve', resolveAt, leader],
      ['verify', verifyAt, verifier],
    ];
    const make = async (name: string, spec: Parameters<typeof insertCaseWithTimeline>[0]) => {
      ids[name] = (await insertCaseWithTimeline({ caseNo: `EV-${name}`, ...spec })).id;
    };
    await make('C01', { teamId: A.teamId, gridId: A.gridId, steps: [['report', d('03-02T01:00:00'), iA], ...life('03-02', LA, iA, d('03-03T03:00:00'), d('03-03T05:00:00'), A.teamId)] });
    await make('C02', {
      teamId: A.teamId, gridId: A.gridId, source: 'citizen',
      steps: [['report', d('04-01T00:00:00'), D], ['file', d('04-01T01:00:00'), D], ['dispatch', d('04-01T02:00:00'), D, { teamId: A.teamId }], ['accept', d('04-01T03:00:00'), LA], ['resolve', d('04-03T02:01:00'), LA], ['verify', d('04-03T04:00:00'), iA]],
    });
    await make('C03', { teamId: B.teamId, gridId: B.gridId, steps: [['report', d('06-29T01:00:00'), iB], ...life('06-29', LB, iB, d('06-30T10:00:00'), d('06-30T16:30:00'), B.teamId)] });
    await make('C04', {
      teamId: B.teamId, gridId: B.gridId, source: 'hotline',
      steps: [
        ['report', d('05-10T00:00:00'), D], ['file', d('05-10T01:00:00'), D], ['dispatch', d('05-10T02:00:00'), D, { teamId: A.teamId }],
        ['return', d('05-10T03:00:00'), LA], ['dispatch', d('05-10T08:00:00'), D, { teamId: B.teamId }], ['accept', d('05-10T09:00:00'), LB],
        ['resolve', d('05-11T08:00:00'), LB], ['rework', d('05-11T10:00:00'), iB], ['resolve', d('05-12T10:00:00'), LB], ['verify', d('05-12T12:00:00'), iB],
      ],
    });
    await make('C05', { teamId: A.teamId, gridId: A.gridId, steps: [['report', d('06-01T00:00:00'), iA], ['file', d('06-01T01:00:00'), D], ['dispatch', d('06-01T02:00:00'), D, { teamId: A.teamId }], ['accept', d('06-01T03:00:00'), LA]] });
    await make('C06', { teamId: A.teamId, gridId: A.gridId, source: 'citizen', steps: [['report', d('02-10T00:00:00'), D], ['reject', d('02-10T05:00:00'), D]] });
    await make('C07', { teamId: A.teamId, gridId: A.gridId, source: 'citizen', steps: [['report', d('03-02T01:30:00'), D], ['merge', d('03-02T02:30:00'), D]] });
    await make('C08', { teamId: B.teamId, gridId: B.gridId, tier: 'grid', steps: [['report', d('05-20T00:00:00'), iB], ['handle_on_spot', d('05-20T00:30:00'), iB], ['verify', d('05-20T02:00:00'), D]] });
    await make('C09', {
      teamId: B.teamId, gridId: B.gridId, categoryCode: 'EVAL_P01', domain: 'market', photoIds: ['65f0000000000000000000f1'],
      steps: [
        ['report', d('01-05T00:00:00'), iB], ['file', d('01-05T01:00:00'), D], ['dispatch', d('01-05T02:00:00'), D, { teamId: B.teamId }],
        ['accept', d('01-05T03:00:00'), LB], ['escalate', d('01-05T04:00:00'), LB], ['dispatch', d('01-05T05:00:00'), D, { teamId: B.teamId, tier: 'bureau' }],
        ['accept', d('01-05T06:00:00'), D], ['penalty_investigate', d('01-06T00:00:00'), D], ['refer', d('01-06T01:00:00'), D, { agencyId: agencyX }],
        ['postpone_approve', d('01-06T12:00:00'), chief, { hours: 120 }], ['penalty_notify', d('01-07T00:00:00'), D],
        ['legal_review', d('01-08T00:00:00'), legal, { approved: true }],
        ['penalty_decide', d('01-09T00:00:00'), chief, { decision: { major: true, withinLimit: true, legalBasis: '《城乡规划法》第六十四条', amountYuan: 50000 } }],
        ['resolve', d('01-10T00:00:00'), D], ['verify', d('01-10T02:00:00'), iB],
      ],
    });
    await make('C10', {
      teamId: A.teamId, gridId: A.gridId, categoryCode: 'EVAL_P01', domain: 'market',
      steps: [
        ['report', d('01-10T00:00:00'), iA], ['file', d('01-10T01:00:00'), D], ['dispatch', d('01-10T02:00:00'), D, { teamId: A.teamId }],
        ['accept', d('01-10T03:00:00'), LA], ['suspend_approve', d('01-11T00:00:00'), chief], ['resume', d('01-12T00:00:00'), LA],
        ['penalty_decide', d('04-15T00:00:00'), LA, { decision: { major: false, withinLimit: false, legalBasis: '' } }],
        ['resolve', d('04-16T00:00:00'), LA], ['verify', d('04-16T02:00:00'), iA],
      ],
    });
    await make('C12', { teamId: B.teamId, gridId: B.gridId, source: 'citizen', steps: [['report', '2026-06-30T16:30:00Z', D]] });
    await make('C13', { teamId: B.teamId, gridId: B.gridId, source: 'citizen', steps: [['report', '2026-06-30T15:59:00Z', D]] });
    Object.assign(ids, { iA: String(iA._id), iB: String(iB._id), D: String(D._id) });
  });
  afterAll(() => t.clock.reset());

  const get = (qs: string, auth = legalAuth) => t.http().get(`/api/v1/evaluations/indicators${qs}`).set('Authorization', auth);
  type Fig = { numerator: number; denominator: number | null; value: number | null; display: string };
  const rowsOf = async (period: string, level: string) => {
    const res = await get(`?period=${period}&level=${level}`);
    expect(res.status).toBe(200);
    return res.body.data.rows as { key: string; indicators: Record<string, Fig> }[];
  };
  const pick = (row: { indicators: Record<string, Fig> }, keys: string[]) => Object.fromEntries(keys.map((k) => [k, [row.indicators[k]!.numerator, row.indicators[k]!.denominator, row.indicators[k]!.display]]));

  test('H1 bureau figures match the hand computation to the digit', async () => {
    const [bureau] = await rowsOf('2026-H1', 'bureau');
    expect(pick(bureau!, Object.keys(H1_BUREAU))).toEqual(H1_BUREAU);
  });

  test('H1 team figures: each unit counts for the team holding the case at that moment', async () => {
    const rows = await rowsOf('2026-H1', 'team');
    expect(pick(rows.find((r) => r.key === A.teamId)!, Object.keys(H1_TEAM_A))).toEqual(H1_TEAM_A);
    expect(pick(rows.find((r) => r.key === B.teamId)!, Object.keys(H1_TEAM_B))).toEqual(H1_TEAM_B);
  });

  test('H2: the Shanghai boundary (16:30Z is 1 July), the case filed in H1 and closed in H2', async () => {
    const [bureau] = await rowsOf('2026-H2', 'bureau');
    expect(pick(bureau!, Object.keys(H2_BUREAU))).toEqual(H2_BUREAU);
  });

  test('grid, domain, category and agency levels; positions', async () => {
    const grid = await rowsOf('2026-H1', 'grid');
    // gA: valid reports C1 C2 C5 C6 C10 (C7 merged) → filed 4 of 5; gB: C3 C4 C8 C9 C13 → 4 of 5
    expect(grid.find((r) => r.key === A.gridId)!.indicators.filingRate).toMatchObject({ numerator: 4, denominator: 5, display: '80.00%' });
    const market = (await rowsOf('2026-H1', 'domain')).find((r) => r.key === 'market')!;
    // decisions C9 (within the limit) and C10 (after it) → 1 / 2; only C9's is major and it was reviewed → 1 / 1
    expect(pick(market, ['decisionsWithinLimitRate', 'majorLegalReviewRate', 'rightsNoticeRate'])).toEqual({
      decisionsWithinLimitRate: [1, 2, '50.00%'],
      majorLegalReviewRate: [1, 1, '100.00%'],
      rightsNoticeRate: [1, 2, '50.00%'],
    });
    expect((await rowsOf('2026-H1', 'category')).map((r) => r.key)).toEqual(['EVAL_P01', 'EVAL_T01']);
    const agency = (await rowsOf('2026-H1', 'agency')).find((r) => r.key === agencyX)!;
    // only C9 was referred (to X): every unit of C9 counts for X
    expect(pick(agency, ['closureRate', 'escalationRate', 'onTimeDispatchRate', 'postponedCount'])).toEqual({
      closureRate: [1, 1, '100.00%'],
      escalationRate: [1, 1, '100.00%'],
      onTimeDispatchRate: [2, 2, '100.00%'],
      postponedCount: [1, null, '1'],
    });
    const inspectors = await rowsOf('2026-H1', 'inspector');
    // iA: reports C1 C5 C10 all filed → 3/3; reports in gA (C1 C2 C5 C6 C10): 2 not from patrol (C2, C6) → 2/5;
    // verifications C1 C2 C10 on time → 3/3; handled nothing → "—"
    expect(pick(inspectors.find((r) => r.key === ids.iA)!, ['validReportRate', 'missedReportRate', 'onTimeVerificationRate', 'onTimeCheckRate'])).toEqual({
      validReportRate: [3, 3, '100.00%'],
      missedReportRate: [2, 5, '40.00%'],
      onTimeVerificationRate: [3, 3, '100.00%'],
      onTimeCheckRate: [0, 0, '—'],
    });
    const [disp] = (await rowsOf('2026-H1', 'dispatcher')).filter((r) => r.key === ids.D);
    expect(pick(disp!, ['dispatcherOnTimeRate', 'dispatcherAccurateRate', 'dispatchVolume'])).toEqual({
      dispatcherOnTimeRate: [8, 9, '88.89%'],
      dispatcherAccurateRate: [8, 9, '88.89%'],
      dispatchVolume: [9, null, '9'],
    });
  });

  test('composite scores and grades (default weights)', async () => {
    const res = await t.http().get('/api/v1/evaluations/scores?period=2026-H1').set('Authorization', legalAuth);
    expect(res.status).toBe(200);
    const { team, inspector, dispatcher } = res.body.data.scores;
    // A: 1/3 × 60 + 3/4 × 30 + (1 − 0/3) × 10 = 20 + 22.5 + 10 = 52.5 → D
    expect(team.find((s: { key: string }) => s.key === A.teamId)).toMatchObject({ score: 52.5, grade: 'D' });
    // B: 5/5 × 60 + 3/4 × 30 + (1 − 1/4) × 10 = 60 + 22.5 + 7.5 = 90 → A (boundary)
    expect(team.find((s: { key: string }) => s.key === B.teamId)).toMatchObject({ score: 90, grade: 'A' });
    // iA: (1 × 40 + (1 − 0.4) × 20 + 1 × 20) × 100 / 80 (on-time check "—" is reweighted) = 72 × 1.25 = 90 → A
    expect(inspector.find((s: { key: string }) => s.key === ids.iA)).toMatchObject({ score: 90, grade: 'A' });
    // iB: 3/3 × 40 + (1 − 2/5) × 20 + 3/3 × 20 + 1/1 × 20 = 40 + 12 + 20 + 20 = 92 → A
    expect(inspector.find((s: { key: string }) => s.key === ids.iB)).toMatchObject({ score: 92, grade: 'A' });
    // D: 8/9 × 40 + 8/9 × 40 + 9/9 × 20 = 71.111… + 20 = 91.11 → A
    expect(dispatcher.find((s: { key: string }) => s.key === ids.D)).toMatchObject({ score: 91.11, grade: 'A' });
  });

  test('drill-down: the cases behind a figure are exactly those counted', async () => {
    const drill = (qs: string) => t.http().get(`/api/v1/evaluations/indicators/cases?period=2026-H1&${qs}`).set('Authorization', legalAuth);
    const num = await drill('level=bureau&key=all&indicator=onTimeHandlingRate&part=numerator');
    expect(num.status).toBe(200);
    expect(num.body.data.count).toBe(6);
    expect(num.body.data.items.map((i: { caseNo: string; times: number }) => [i.caseNo, i.times])).toEqual([['EV-C01', 1], ['EV-C03', 1], ['EV-C04', 2], ['EV-C08', 1], ['EV-C09', 1]]);
    const den = await drill('level=bureau&key=all&indicator=onTimeHandlingRate&part=denominator');
    expect(den.body.data.items.map((i: { caseNo: string }) => i.caseNo)).toEqual(['EV-C01', 'EV-C02', 'EV-C03', 'EV-C04', 'EV-C08', 'EV-C09', 'EV-C10']);
    const overdue = await drill(`level=team&key=${A.teamId}&indicator=overdueCount&part=numerator`);
    expect(overdue.body.data.items.map((i: { id: string }) => i.id)).toEqual([ids.C02, ids.C04, ids.C05, ids.C10]);
  });

  test('access: 401 without a token; bureau readers read; a team leader sees only their team; others 403', async () => {
    expect((await t.http().get('/api/v1/evaluations/indicators?period=2026-H1')).status).toBe(401);
    for (const role of ROLES) {
      const u = await buildUser({ role, ...(role === 'team_leader' ? { teamId: A.teamId } : {}) });
      const res = await get('?period=2026-H1&level=team', bearer(t, u));
      const expected = ['legal_officer', 'bureau_chief', 'dispatcher', 'team_leader'].includes(role) ? 200 : 403;
      expect([role, res.status]).toEqual([role, expected]);
      if (role === 'team_leader') expect(res.body.data.rows.map((r: { key: string }) => r.key)).toEqual([A.teamId]);
    }
    const leader = await buildUser({ role: 'team_leader', teamId: A.teamId });
    expect((await get(`?period=2026-H1&level=team&key=${B.teamId}`, bearer(t, leader))).status).toBe(404);
    expect((await get('?period=2026-H1&level=bureau', bearer(t, leader))).status).toBe(403);
    expect((await get('?period=2026-H3')).status).toBe(400);
    expect((await get('?period=2026-H1&foo=1')).status).toBe(400);
  });
});

/*
 * H1 bureau. [numerator, denominator, display]
 * filingRate: valid reports in H1 = C1 C2 C3 C4 C5 C6 C8 C9 C10 C13 (C7 merged, C12 is H2) = 10; filed by the end: all but C6 (rejected)
 *   and C13 (not yet) = 8 → 8/10.
 * dispatch events in H1: C1 C2 C3 C4×2 C5 C9×2 C10 = 9; late: C4's second (stage from the return at 03:00, due 07:00, dispatched 08:00) → 8/9;
 *   returned: C4's first → accurate 8/9.
 * resolutions in H1: C1 C2 C3 C4×2 C8 C9 C10 = 8; late: C2 (one minute) and C10 → 6/8.
 * handle stages due in H1: C1, C2, C4 (second and third; the first was handed on by the return before its due time), C5, C9 (after the
 *   escalation; the first was handed on), C10 = 7; resolved by the end: all but C5 → 6/7. (C3's is due 1 July 03:00Z: H2.)
 * verifications in H1: verify C1 C2 C4 C8 C9 C10 + rework C4 = 7; failed 1 → 1/7.
 * filed in H1: C1 C2 C3 C4 C5 C8 (on the spot) C9 C10 = 8; closed by the end: C1 C2 C4 C8 C9 C10 = 6 → 6/8 (C3 closed 16:30Z = H2).
 * closed in H1: C1 C2 C4 C8 C9 C10 = 6; with every stage on time: C1 C8 C9 = 3 → 3/6.
 * overdue: C2 (handle, 1 min), C4 (dispatch), C5 (handle, open), C10 (handle) = 4.
 * handling time: 24 + 48h01m + 31 + 24 + 50 + 0 + 115 + 2278 = 2570 h 1 min = 9 252 060 000 ms over 8 → 321.252… → 321.25 h.
 * escalated: C9 of the 8 filed → 1/8. Postponed: C9. Suspended: C10.
 * decisions: C9 within the limit, C10 not → 1/2; major: C9, reviewed → 1/1; rights notice: C9 only → 1/2.
 */
const H1_BUREAU = {
  filingRate: [8, 10, '80.00%'],
  onTimeDispatchRate: [8, 9, '88.89%'],
  accurateDispatchRate: [8, 9, '88.89%'],
  onTimeHandlingRate: [6, 8, '75.00%'],
  handlingRate: [6, 7, '85.71%'],
  reworkRate: [1, 7, '14.29%'],
  closureRate: [6, 8, '75.00%'],
  onTimeClosureRate: [3, 6, '50.00%'],
  overdueCount: [4, null, '4'],
  meanHandlingHours: [9_252_060_000, 8, '321.25 h'],
  escalationRate: [1, 8, '12.50%'],
  postponedCount: [1, null, '1'],
  suspendedCount: [1, null, '1'],
  decisionsWithinLimitRate: [1, 2, '50.00%'],
  majorLegalReviewRate: [1, 1, '100.00%'],
  rightsNoticeRate: [1, 2, '50.00%'],
  reviewMeanScore: [0, 0, '—'],
};

/*
 * Team A (team at each unit's moment). Reports C1 C2 C5 C6 C10 → filed 4/5. Dispatches to A: C1 C2 C4(first) C5 C10 → on time 5/5,
 * accurate 4/5 (C4 returned). Resolutions C1 C2 C10 → on time 1/3. Handle stages due: C1 C2 C5 C10 → resolved 3/4.
 * Verifications C1 C2 C10 → rework 0/3. Filed C1 C2 C5 C10 → closed 3/4. Closed C1 C2 C10 → on time 1/3.
 * Overdue: C2, C4 (its dispatch stage fell due at 07:00 while the case still named team A after the return), C5, C10 = 4.
 * Handling time: 24 h + 48 h 1 min + 2278 h = 2350 h 1 min = 8 460 060 000 ms / 3 = 783.3389 → 783.34 h.
 */
const H1_TEAM_A = {
  filingRate: [4, 5, '80.00%'],
  onTimeDispatchRate: [5, 5, '100.00%'],
  accurateDispatchRate: [4, 5, '80.00%'],
  onTimeHandlingRate: [1, 3, '33.33%'],
  handlingRate: [3, 4, '75.00%'],
  reworkRate: [0, 3, '0.00%'],
  closureRate: [3, 4, '75.00%'],
  onTimeClosureRate: [1, 3, '33.33%'],
  overdueCount: [4, null, '4'],
  meanHandlingHours: [8_460_060_000, 3, '783.34 h'],
  escalationRate: [0, 4, '0.00%'],
  decisionsWithinLimitRate: [0, 1, '0.00%'],
  majorLegalReviewRate: [0, 0, '—'],
};

/*
 * Team B. Reports C3 C4 C8 C9 C13 → filed 4/5. Dispatches C3 C4(second, late) C9×2 → on time 3/4, accurate 4/4.
 * Resolutions C3 C4×2 C8 C9 → 5/5. Handle stages due: C4×2 C9 → 3/3. Verifications C4 (rework + verify) C8 C9 → 1/4.
 * Filed C3 C4 C8 C9 → closed 3/4 (C3 in H2), escalated 1/4. Closed C4 C8 C9 → on time 2/3 (C4's dispatch was late). Overdue 0.
 * Handling time: 31 + 24 + 50 + 0 + 115 = 220 h = 792 000 000 ms / 5 = 44 h.
 */
const H1_TEAM_B = {
  filingRate: [4, 5, '80.00%'],
  onTimeDispatchRate: [3, 4, '75.00%'],
  accurateDispatchRate: [4, 4, '100.00%'],
  onTimeHandlingRate: [5, 5, '100.00%'],
  handlingRate: [3, 3, '100.00%'],
  reworkRate: [1, 4, '25.00%'],
  closureRate: [3, 4, '75.00%'],
  onTimeClosureRate: [2, 3, '66.67%'],
  overdueCount: [0, null, '0'],
  meanHandlingHours: [792_000_000, 5, '44.00 h'],
  escalationRate: [1, 4, '25.00%'],
};

/*
 * H2 (from 2026-06-30T16:00Z). Reports: C12 (16:30Z) not filed → 0/1. No dispatch, resolution or filing → "—".
 * C3's handle stage was due 07-01T03:00Z and resolved 06-30 → 1/1. C3 verified at 16:30Z → verifications 1, rework 0/1,
 * on-time closure 1/1. Overdue: C12's and C13's file stages (due 1 July 16:30Z and 15:59Z), still open → 2.
 */
const H2_BUREAU = {
  filingRate: [0, 1, '0.00%'],
  onTimeDispatchRate: [0, 0, '—'],
  onTimeHandlingRate: [0, 0, '—'],
  handlingRate: [1, 1, '100.00%'],
  reworkRate: [0, 1, '0.00%'],
  closureRate: [0, 0, '—'],
  onTimeClosureRate: [1, 1, '100.00%'],
  overdueCount: [2, null, '2'],
  meanHandlingHours: [0, 0, '—'],
};
