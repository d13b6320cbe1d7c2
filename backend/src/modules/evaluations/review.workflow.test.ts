import { precheck, type PrecheckEvent } from './precheck.workflow';
import { DEFAULT_RUBRIC, rubricProblems, scoreFile, scoreProblems, type ScoreInput } from './rubric.workflow';
import { drawSample, mulberry32, sampleByTeam } from './sampling.workflow';
import { canonicalJson, seal } from './snapshot.workflow';

const full = (): ScoreInput => ({
  veto: Object.fromEntries(DEFAULT_RUBRIC.veto.map((v) => [v.code, true])),
  form: Object.fromEntries(DEFAULT_RUBRIC.form.map((i) => [i.code, i.points!])),
  content: Object.fromEntries(DEFAULT_RUBRIC.content.map((i) => [i.code, i.points!])),
});

describe('sampling (mulberry32, seed stored)', () => {
  test('mulberry32 is the published generator (seed 1 starts 0.6270739405881613); pinned, as stored samples depend on it', () => {
    const r = mulberry32(1);
    expect(r()).toBe(0.6270739405881613);
    expect([r(), r()].map((x) => Math.floor(x * 1e9))).toEqual([2735721, 527447039]);
  });

  test('the same seed and population give the same sample whatever the input order', () => {
    const pop = Array.from({ length: 40 }, (_, i) => `case${String(i).padStart(2, '0')}`);
    const a = drawSample(pop, 5, 42);
    expect(drawSample([...pop].reverse(), 5, 42)).toEqual(a);
    expect(new Set(a).size).toBe(5);
    expect(drawSample(pop, 5, 43)).not.toEqual(a);
    expect(drawSample(pop.slice(0, 3), 5, 42)).toHaveLength(3);
  });

  test('each team draws from its own stream', () => {
    const s = sampleByTeam(new Map([['t1', ['a', 'b', 'c', 'd']], ['t2', ['e', 'f', 'g']]]), 2, 7);
    expect(s.get('t1')).toHaveLength(2);
    expect(s.get('t2')).toEqual(sampleByTeam(new Map([['t2', ['e', 'f', 'g']]]), 2, 7).get('t2'));
  });
});

describe('rubric scoring (veto → 0; 20 form + 80 content; excellent ≥ 90, pass ≥ 60)', () => {
  test('the default rubric is valid', () => expect(rubricProblems(DEFAULT_RUBRIC)).toEqual([]));

  test.each([
    ['full marks', {}, { total: 100, rating: 'excellent' }],
    // 100 − 10 (rights_notice) = 90 → excellent (boundary)
    ['90', { content: { rights_notice: 0 } }, { total: 90, rating: 'excellent' }],
    // 100 − 10.5 = 89.5 → pass
    ['89.5', { content: { rights_notice: 0 }, form: { complete: 4.5 } }, { total: 89.5, rating: 'pass' }],
    // form 20 − 5 − 5 = 10, content 80 − 15 − 15 = 50 → 60 → pass (boundary)
    ['60', { form: { complete: 0, ordered: 0 }, content: { evidence_link: 0, law_applied: 0 } }, { total: 60, rating: 'pass' }],
    ['59', { form: { complete: 0, ordered: 0 }, content: { evidence_link: 0, law_applied: 0, execution: 4 } }, { total: 59, rating: 'fail' }],
    ['veto', { veto: { lawful_procedure: false } }, { total: 0, rating: 'fail', vetoFailed: ['lawful_procedure'] }],
  ] as const)('%s', (_name, change, expected) => {
    const base = full();
    const input: ScoreInput = {
      veto: { ...base.veto, ...((change as Partial<ScoreInput>).veto ?? {}) },
      form: { ...base.form, ...((change as Partial<ScoreInput>).form ?? {}) },
      content: { ...base.content, ...((change as Partial<ScoreInput>).content ?? {}) },
    };
    expect(scoreProblems(DEFAULT_RUBRIC, input)).toEqual([]);
    expect(scoreFile(DEFAULT_RUBRIC, input)).toMatchObject(expected);
  });

  test('incomplete or out-of-range sheets and broken rubrics are reported', () => {
    const s = full();
    delete s.veto.two_officers;
    s.form.complete = 6;
    s.content.bogus = 1;
    expect(scoreProblems(DEFAULT_RUBRIC, s).map((p) => p.path)).toEqual(['veto.two_officers', 'form.complete', 'content.bogus']);
    expect(rubricProblems({ ...DEFAULT_RUBRIC, form: DEFAULT_RUBRIC.form.slice(1) })).toEqual(['form items must add up to 20 points (got 15)']);
  });
});

describe('precheck', () => {
  const at = (iso: string) => new Date(iso);
  const ev = (seq: number, action: string, iso: string, extra: Partial<PrecheckEvent> = {}): PrecheckEvent => ({ seq, action, at: at(iso), ...extra });

  test('a clean penalty file raises nothing', () => {
    const events = [ev(1, 'report', '2026-01-01T00:00:00Z', { attachments: ['p1'] }), ev(2, 'file', '2026-01-02T00:00:00Z'), ev(3, 'penalty_notify', '2026-01-10T00:00:00Z'), ev(4, 'legal_review', '2026-01-11T00:00:00Z', { data: { approved: true } }), ev(5, 'penalty_decide', '2026-01-12T00:00:00Z')];
    const c = { filedAt: at('2026-01-02T00:00:00Z'), photoIds: ['p1'], penalty: { major: true, decisionDueAt: at('2026-04-02T16:00:00Z'), decision: { legalBasis: '《城市市容和环境卫生管理条例》第三十四条', at: at('2026-01-12T00:00:00Z'), withinLimit: true } } };
    expect(precheck(c, events)).toEqual([]);
  });

  test('missing basis, no notice, no review where major, late, before filing, no photos', () => {
    const events = [ev(1, 'report', '2026-01-01T00:00:00Z'), ev(2, 'penalty_decide', '2026-01-02T00:00:00Z'), ev(3, 'file', '2026-01-03T00:00:00Z')];
    const c = { filedAt: at('2026-01-03T00:00:00Z'), photoIds: [], penalty: { major: true, decisionDueAt: at('2026-01-01T00:00:00Z'), decision: { legalBasis: ' ', at: at('2026-01-02T00:00:00Z'), withinLimit: false } } };
    expect(precheck(c, events).map((f) => [f.code, f.item])).toEqual([
      ['LEGAL_BASIS_MISSING', 'correct_basis'],
      ['RIGHTS_NOTICE_ABSENT', 'rights_notice'],
      ['LEGAL_REVIEW_MISSING', 'legal_review'],
      ['DECISION_AFTER_LIMIT', 'lawful_procedure'],
      ['DECISION_BEFORE_FILING', 'lawful_procedure'],
      ['NO_EVIDENCE_PHOTOS', 'evidence_link'],
    ]);
  });
});

test('canonical JSON sorts keys at every depth, so the hash does not depend on key order', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: null }], c: new Date('2026-01-01T00:00:00Z') } })).toBe(
    '{"a":{"c":"2026-01-01T00:00:00.000Z","d":[2,{"e":null,"f":1}]},"b":1}',
  );
  expect(seal({ x: 1, y: 2 }).hash).toBe(seal({ y: 2, x: 1 }).hash);
  expect(seal({ x: 1 }).hash).toMatch(/^[0-9a-f]{64}$/);
});
