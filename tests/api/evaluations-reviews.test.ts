import { drawSample, teamSeed } from '../../backend/src/modules/evaluations/sampling.workflow';
import { DEFAULT_RUBRIC } from '../../backend/src/modules/evaluations/rubric.workflow';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeamAndCell, insertCaseWithTimeline, type Actor, type Step } from '../support/evaluation-fixtures';

type UserDoc = Awaited<ReturnType<typeof buildUser>>;

/** A sheet with full marks, changed by `change`. */
const sheet = (change: { veto?: Record<string, boolean>; form?: Record<string, number>; content?: Record<string, number> } = {}) => ({
  veto: { ...Object.fromEntries(DEFAULT_RUBRIC.veto.map((v) => [v.code, true])), ...change.veto },
  form: { ...Object.fromEntries(DEFAULT_RUBRIC.form.map((i) => [i.code, i.points!])), ...change.form },
  content: { ...Object.fromEntries(DEFAULT_RUBRIC.content.map((i) => [i.code, i.points!])), ...change.content },
});

describe('case-file review (案卷评查) and rectification items (整改)', () => {
  const t = useTestApp();
  let A: { teamId: string; gridId: string };
  let B: { teamId: string; gridId: string };
  let legal: UserDoc;
  let leaderA: UserDoc;
  let leaderB: UserDoc;
  const closedA: string[] = [];
  const closedB: string[] = [];
  let badCase: string;

  beforeAll(async () => {
    t.clock.set('2026-08-01T00:00:00Z');
    A = await buildTeamAndCell('一中队');
    B = await buildTeamAndCell('二中队');
    legal = await buildUser({ role: 'legal_officer' });
    leaderA = await buildUser({ role: 'team_leader', teamId: A.teamId });
    leaderB = await buildUser({ role: 'team_leader', teamId: B.teamId });
    const D: Actor = await buildUser({ role: 'dispatcher' });
    const chief: Actor = await buildUser({ role: 'bureau_chief' });
    const closedLife = (day: string, team: string, extra: Step[] = []): Step[] => [
      ['report', `2026-${day}T00:00:00Z`, D],
      ['file', `2026-${day}T01:00:00Z`, D],
      ['dispatch', `2026-${day}T02:00:00Z`, D, { teamId: team }],
      ['accept', `2026-${day}T03:00:00Z`, D],
      ...extra,
      ['resolve', `2026-${day}T05:00:00Z`, D, { attachments: ['65f0000000000000000000aa'] }],
      ['verify', `2026-${day}T06:00:00Z`, D],
    ];
    for (let i = 1; i <= 6; i++) {
      closedA.push((await insertCaseWithTimeline({ caseNo: `RV-A${i}`, teamId: A.teamId, gridId: A.gridId, steps: closedLife(`03-0${i}`, A.teamId) })).id);
    }
    closedB.push((await insertCaseWithTimeline({ caseNo: 'RV-B1', teamId: B.teamId, gridId: B.gridId, steps: closedLife('04-01', B.teamId) })).id);
    // A penalty file with everything wrong the system can see: decided before filing, no legal basis, no notice,
    // major without legal review, after the 90-day limit, and not one photo.
    badCase = (
      await insertCaseWithTimeline({
        caseNo: 'RV-B2', teamId: B.teamId, gridId: B.gridId, categoryCode: 'EVAL_P01', domain: 'market',
        steps: [
          ['report', '2026-04-02T00:00:00Z', D],
          ['penalty_decide', '2026-04-02T00:30:00Z', chief, { decision: { major: true, withinLimit: false, legalBasis: '' } }],
          ['file', '2026-04-02T01:00:00Z', D], ['dispatch', '2026-04-02T02:00:00Z', D, { teamId: B.teamId }], ['accept', '2026-04-02T03:00:00Z', D],
          ['resolve', '2026-04-02T05:00:00Z', D], ['verify', '2026-04-02T06:00:00Z', D],
        ],
      })
    ).id;
    closedB.push(badCase);
    // Open, and closed in another period: neither is in the H1 population.
    await insertCaseWithTimeline({ teamId: A.teamId, gridId: A.gridId, steps: closedLife('03-20', A.teamId).slice(0, 3) });
    await insertCaseWithTimeline({ teamId: A.teamId, gridId: A.gridId, steps: closedLife('07-10', A.teamId) });
  });
  afterAll(() => t.clock.reset());

  const as = (u: UserDoc) => bearer(t, u);
  const api = '/api/v1/evaluations';

  test('a sample is drawn per team from the period’s closed cases, with its seed; the same seed draws the same files', async () => {
    const res = await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 3, seed: 20260701 });
    expect(res.status).toBe(201);
    const data = res.body.data;
    expect(data).toMatchObject({ periodKey: '2026-H1', seed: 20260701, sizePerTeam: 3, rubricVersion: 1, frozenBy: null });
    const teamA = data.teams.find((x: { team: string }) => x.team === A.teamId);
    const teamB = data.teams.find((x: { team: string }) => x.team === B.teamId);
    expect([teamA.population, teamA.sampled.length, teamB.population, teamB.sampled.length]).toEqual([6, 3, 2, 2]);
    // Anyone can re-draw it from the stored seed and the population (sorted ids of the closed cases).
    expect(teamA.sampled).toEqual(drawSample(closedA, 3, teamSeed(20260701, A.teamId)));
    expect([...teamB.sampled].sort()).toEqual([...closedB].sort());
    const again = await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 3, seed: 20260701 });
    expect(again.body.data.teams).toEqual(data.teams);
    const random = await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 1 });
    expect(random.body.data.seed).toEqual(expect.any(Number));
    expect(data.items).toHaveLength(5);
  });

  test('pre-checks flag what the system can see', async () => {
    const batch = (await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 5, seed: 1 })).body.data;
    const bad = batch.items.find((i: { caseId: string }) => i.caseId === badCase);
    expect(bad.prechecks.map((p: { code: string; item: string }) => [p.code, p.item])).toEqual([
      ['LEGAL_BASIS_MISSING', 'correct_basis'],
      ['RIGHTS_NOTICE_ABSENT', 'rights_notice'],
      ['LEGAL_REVIEW_MISSING', 'legal_review'],
      ['DECISION_AFTER_LIMIT', 'lawful_procedure'],
      ['DECISION_BEFORE_FILING', 'lawful_procedure'],
      ['NO_EVIDENCE_PHOTOS', 'evidence_link'],
    ]);
    expect(batch.items.filter((i: { caseId: string }) => i.caseId !== badCase).every((i: { prechecks: unknown[] }) => i.prechecks.length === 0)).toBe(true);
  });

  test('scoring: veto → 0 fail, points add up, boundaries; bad sheets 422; only the legal office scores; findings become rectification items', async () => {
    const batch = (await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 5, seed: 2 })).body.data;
    const bad = batch.items.find((i: { caseId: string }) => i.caseId === badCase);
    const good = batch.items.find((i: { caseId: string }) => i.caseId === closedB[0]);
    const score = (id: string, body: object, who = legal) => t.http().post(`${api}/review-items/${id}/score`).set('Authorization', as(who)).send(body);

    const vetoed = await score(bad.id, { ...sheet({ veto: { lawful_procedure: false } }), findings: [{ item: 'lawful_procedure', text: '先决定后立案，程序倒置' }, { text: '卷内无现场照片' }] });
    expect(vetoed.status).toBe(200);
    expect(vetoed.body.data).toMatchObject({ status: 'scored', score: { total: 0, rating: 'fail', vetoFailed: ['lawful_procedure'], formPoints: 20, contentPoints: 80 } });
    // 20 + 80 − 10 (rights notice) = 90 → excellent (boundary)
    expect((await score(good.id, sheet({ content: { rights_notice: 0 } }))).body.data.score).toMatchObject({ total: 90, rating: 'excellent' });
    const invalid = await score(good.id, { ...sheet({ form: { complete: 6 } }), findings: [{ item: 'nonexistent_item', text: 'x' }] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(['form.complete', 'findings.0.item']);
    expect((await score(good.id, sheet(), leaderB)).status).toBe(403);
    // re-submitting the same finding does not duplicate the rectification item
    await score(bad.id, { ...sheet({ veto: { lawful_procedure: false } }), findings: [{ item: 'lawful_procedure', text: '先决定后立案，程序倒置' }] });

    const view = await t.http().get(`${api}/reviews/${batch.id}`).set('Authorization', as(legal));
    expect(view.body.data.rectifications.map((r: { text: string; team: string; status: string }) => [r.text, r.team === B.teamId, r.status])).toEqual([
      ['先决定后立案，程序倒置', true, 'open'],
      ['卷内无现场照片', true, 'open'],
    ]);
    // The period's review mean score (latest sample): (0 + 90) / 2 = 45
    const ind = await t.http().get(`${api}/indicators?period=2026-H1&level=team&key=${B.teamId}`).set('Authorization', as(legal));
    expect(ind.body.data.rows[0].indicators.reviewMeanScore).toMatchObject({ numerator: 90, denominator: 2, value: 45, display: '45.00' });
  });

  test('rectification: the team leader marks done with evidence, the legal office confirms or sends back; others cannot', async () => {
    const mine = await t.http().get(`${api}/rectifications?status=open`).set('Authorization', as(leaderB));
    expect(mine.status).toBe(200);
    expect(mine.body.data.length).toBeGreaterThanOrEqual(2);
    expect(mine.body.data.every((r: { team: string }) => r.team === B.teamId)).toBe(true);
    expect((await t.http().get(`${api}/rectifications`).set('Authorization', as(leaderA))).body.data).toEqual([]);
    const [first, second] = mine.body.data as { id: string }[];
    const done = (id: string, who: UserDoc) => t.http().post(`${api}/rectifications/${id}/done`).set('Authorization', as(who)).send({ evidence: '已补充立案审批表并重新装订' });
    const confirm = (id: string, accepted: boolean) => t.http().post(`${api}/rectifications/${id}/confirm`).set('Authorization', as(legal)).send({ accepted, note: accepted ? '' : '证据不足' });

    expect((await done(first!.id, leaderA)).status).toBe(404);
    expect((await confirm(first!.id, true)).status).toBe(409);
    const d = await done(first!.id, leaderB);
    expect(d.status).toBe(200);
    expect(d.body.data).toMatchObject({ status: 'done', evidence: '已补充立案审批表并重新装订', doneBy: String(leaderB._id) });
    expect((await done(first!.id, leaderB)).status).toBe(409);
    expect((await confirm(first!.id, true)).body.data).toMatchObject({ status: 'confirmed', confirmedBy: String(legal._id) });
    await done(second!.id, leaderB);
    expect((await confirm(second!.id, false)).body.data).toMatchObject({ status: 'open', note: '证据不足', doneAt: null });
    const inspector = await buildUser({ role: 'inspector' });
    expect((await t.http().get(`${api}/rectifications`).set('Authorization', as(inspector))).status).toBe(403);
    expect((await t.http().get(`${api}/rectifications`)).status).toBe(401);
  });

  test('the rubric is configuration: versions are stored, a broken one is refused, a new sample uses the newest', async () => {
    const list = await t.http().get(`${api}/rubrics`).set('Authorization', as(legal));
    expect(list.body.data.map((r: { version: number }) => r.version)).toEqual([1]);
    expect(list.body.data[0].rubric).toEqual(DEFAULT_RUBRIC);
    const broken = { ...DEFAULT_RUBRIC, form: DEFAULT_RUBRIC.form.slice(1) };
    expect((await t.http().post(`${api}/rubrics`).set('Authorization', as(legal)).send(broken)).status).toBe(422);
    const changed = { ...DEFAULT_RUBRIC, thresholds: { excellent: 95, pass: 70 } };
    const created = await t.http().post(`${api}/rubrics`).set('Authorization', as(legal)).send(changed);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ version: 2, rubric: changed });
    expect((await t.http().post(`${api}/rubrics`).set('Authorization', as(leaderA)).send(changed)).status).toBe(403);
    const batch = (await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 1, seed: 3 })).body.data;
    expect(batch.rubricVersion).toBe(2);
    // 90 is no longer excellent under version 2 (≥ 95)
    const item = batch.items[0];
    const res = await t.http().post(`${api}/review-items/${item.id}/score`).set('Authorization', as(legal)).send(sheet({ content: { rights_notice: 0 } }));
    expect(res.body.data.score).toMatchObject({ total: 90, rating: 'pass' });
  });

  test('access to samples: bureau readers read, the legal office writes, others 403', async () => {
    const chief = await buildUser({ role: 'bureau_chief' });
    expect((await t.http().get(`${api}/reviews?period=2026-H1`).set('Authorization', as(chief))).status).toBe(200);
    expect((await t.http().post(`${api}/reviews`).set('Authorization', as(chief)).send({ period: '2026-H1' })).status).toBe(403);
    expect((await t.http().get(`${api}/reviews`).set('Authorization', as(leaderA))).status).toBe(403);
    expect((await t.http().get(`${api}/reviews/65f00000000000000000dead`).set('Authorization', as(legal))).status).toBe(404);
  });
});
