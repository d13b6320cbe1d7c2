import { caseUnits, type FoldContext } from './case-units.workflow';
import type { FoldCase, FoldEvent, LeftStage } from './case-timeline.workflow';
import { parsePeriod } from './period.workflow';

const H1 = parsePeriod('2026-H1')!;
const H2 = parsePeriod('2026-H2')!;
const ctxOf = (p = H1, over: Partial<FoldContext> = {}): FoldContext => ({
  start: p.start.getTime(),
  end: p.end.getTime(),
  asOf: p.end.getTime(),
  rules: { excludePostponed: false },
  inspectorsOfGrid: () => [],
  ...over,
});
const t = (iso: string) => new Date(iso);
const left = (name: string, startedAt: string, dueAt: string, endedAt: string): LeftStage => ({
  name,
  startedAt: t(startedAt),
  dueAt: t(dueAt),
  onTime: t(endedAt).getTime() <= t(dueAt).getTime(),
});
let seq = 0;
const ev = (action: string, at: string, data: FoldEvent['data'] = {}, patch: FoldEvent['patch'] = {}, actor: [string | null, string | null] = ['u1', 'dispatcher']): FoldEvent => ({
  seq: ++seq,
  action,
  at: t(at),
  actorId: actor[0],
  actorRole: actor[1],
  data,
  patch,
});
const kase = (over: Partial<FoldCase> = {}): FoldCase => ({
  id: 'c1',
  source: 'patrol',
  gridId: 'g1',
  teamId: 'T1',
  domain: 'city_appearance',
  categoryCode: 'C01',
  reportedAt: t('2026-03-01T00:00:00Z'),
  stage: { name: null, startedAt: null, dueAt: null },
  ...over,
});
const hits = (units: ReturnType<typeof caseUnits>['units'], ind: string) =>
  units.filter((u) => u.ind === ind).map((u) => (u.value !== undefined ? u.value : u.hit));

/** A whole, on-time life: report → file → dispatch → accept → resolve → verify. */
function happyLife(): FoldEvent[] {
  seq = 0;
  return [
    ev('report', '2026-03-01T00:00:00Z', { teamId: 'T1' }, {}, ['i1', 'inspector']),
    ev('file', '2026-03-01T01:00:00Z', { leftStage: left('file', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-01T01:00:00Z') }),
    ev('dispatch', '2026-03-01T02:00:00Z', { leftStage: left('dispatch', '2026-03-01T01:00:00Z', '2026-03-02T01:00:00Z', '2026-03-01T02:00:00Z') }, { teamId: 'T2' }),
    ev('accept', '2026-03-01T03:00:00Z'),
    ev('resolve', '2026-03-01T12:00:00Z', { leftStage: left('handle', '2026-03-01T02:00:00Z', '2026-03-04T02:00:00Z', '2026-03-01T12:00:00Z') }, {}, ['i2', 'inspector']),
    ev('verify', '2026-03-02T00:00:00Z', { leftStage: left('verify', '2026-03-01T12:00:00Z', '2026-03-02T12:00:00Z', '2026-03-02T00:00:00Z') }, {}, ['i1', 'inspector']),
  ];
}

test('an on-time case counts everywhere as a hit, and each unit goes to the team holding it then', () => {
  const { units } = caseUnits(kase(), happyLife(), ctxOf());
  expect(hits(units, 'filingRate')).toEqual([true]);
  expect(hits(units, 'onTimeDispatchRate')).toEqual([true]);
  expect(hits(units, 'accurateDispatchRate')).toEqual([true]);
  expect(hits(units, 'onTimeHandlingRate')).toEqual([true]);
  expect(hits(units, 'handlingRate')).toEqual([true]);
  // dispatched 02:00 → resolved 12:00 = 10 h
  expect(hits(units, 'meanHandlingHours')).toEqual([10 * 3_600_000]);
  expect(hits(units, 'reworkRate')).toEqual([false]);
  expect(hits(units, 'closureRate')).toEqual([true]);
  expect(hits(units, 'onTimeClosureRate')).toEqual([true]);
  expect(hits(units, 'overdueCount')).toEqual([]);
  expect(units.find((u) => u.ind === 'filingRate')!.target).toEqual({ kind: 'org', team: 'T1' });
  expect(units.find((u) => u.ind === 'onTimeHandlingRate')!.target).toEqual({ kind: 'org', team: 'T2' });
  expect(units.filter((u) => u.target.kind !== 'org').map((u) => [u.ind, u.hit, u.target])).toEqual([
    ['validReportRate', true, { kind: 'inspector', id: 'i1' }],
    ['dispatcherOnTimeRate', true, { kind: 'dispatcher', id: 'u1' }],
    ['dispatcherAccurateRate', true, { kind: 'dispatcher', id: 'u1' }],
    ['dispatchVolume', true, { kind: 'dispatcher', id: 'u1' }],
    ['onTimeCheckRate', true, { kind: 'inspector', id: 'i2' }],
    ['onTimeVerificationRate', true, { kind: 'inspector', id: 'i1' }],
  ]);
});

test('filed in H1 and closed in H2: H1 has it in the closure denominator only, H2 counts the closure', () => {
  const life = happyLife();
  life[5] = { ...life[5]!, at: t('2026-06-30T16:30:00Z'), data: { leftStage: left('verify', '2026-03-01T12:00:00Z', '2026-07-02T00:00:00Z', '2026-06-30T16:30:00Z') } };
  const h1 = caseUnits(kase(), life, ctxOf(H1)).units;
  const h2 = caseUnits(kase(), life, ctxOf(H2)).units;
  expect(hits(h1, 'closureRate')).toEqual([false]);
  expect(hits(h1, 'onTimeClosureRate')).toEqual([]);
  expect(hits(h2, 'closureRate')).toEqual([]);
  expect(hits(h2, 'onTimeClosureRate')).toEqual([true]);
  expect(hits(h2, 'reworkRate')).toEqual([false]);
});

test('a handling deadline missed by one minute: late handling, late closure, one overdue case', () => {
  const life = happyLife();
  life[4] = { ...life[4]!, at: t('2026-03-04T02:01:00Z'), data: { leftStage: left('handle', '2026-03-01T02:00:00Z', '2026-03-04T02:00:00Z', '2026-03-04T02:01:00Z') } };
  life[5] = { ...life[5]!, at: t('2026-03-04T03:00:00Z'), data: { leftStage: left('verify', '2026-03-04T02:01:00Z', '2026-03-05T02:01:00Z', '2026-03-04T03:00:00Z') } };
  const { units } = caseUnits(kase(), life, ctxOf());
  expect(hits(units, 'onTimeHandlingRate')).toEqual([false]);
  expect(hits(units, 'handlingRate')).toEqual([true]);
  expect(hits(units, 'onTimeClosureRate')).toEqual([false]);
  expect(hits(units, 'overdueCount')).toEqual([true]);
});

test('a return counts against accurate dispatch; the re-dispatch counts again', () => {
  seq = 0;
  const events = [
    ev('report', '2026-03-01T00:00:00Z', { teamId: 'T1' }),
    ev('file', '2026-03-01T01:00:00Z', { leftStage: left('file', '2026-03-01T00:00:00Z', '2026-03-02T00:00:00Z', '2026-03-01T01:00:00Z') }),
    ev('dispatch', '2026-03-01T02:00:00Z', { leftStage: left('dispatch', '2026-03-01T01:00:00Z', '2026-03-02T01:00:00Z', '2026-03-01T02:00:00Z') }),
    ev('return', '2026-03-01T03:00:00Z', { leftStage: left('handle', '2026-03-01T02:00:00Z', '2026-03-04T02:00:00Z', '2026-03-01T03:00:00Z') }),
    ev('dispatch', '2026-03-01T04:00:00Z', { leftStage: left('dispatch', '2026-03-01T03:00:00Z', '2026-03-02T03:00:00Z', '2026-03-01T04:00:00Z') }),
  ];
  const { units } = caseUnits(kase({ stage: { name: 'handle', startedAt: t('2026-03-01T04:00:00Z'), dueAt: t('2026-03-04T04:00:00Z') } }), events, ctxOf());
  expect(hits(units, 'accurateDispatchRate')).toEqual([false, true]);
  // the returned stage was handed on before its due time; the open one is due in H1 and not resolved
  expect(hits(units, 'handlingRate')).toEqual([false]);
  expect(hits(units, 'overdueCount')).toEqual([true]);
});

test('penalty legality: within the limit, rights notice, legal review of a major decision', () => {
  seq = 0;
  const events = [
    ev('report', '2026-03-01T00:00:00Z'),
    ev('file', '2026-03-01T01:00:00Z'),
    ev('penalty_notify', '2026-03-05T00:00:00Z'),
    ev('legal_review', '2026-03-06T00:00:00Z', { approved: true }),
    ev('penalty_decide', '2026-03-07T00:00:00Z', { withinLimit: true }, { penalty: { major: true } }),
  ];
  const { units } = caseUnits(kase(), events, ctxOf());
  expect(hits(units, 'decisionsWithinLimitRate')).toEqual([true]);
  expect(hits(units, 'rightsNoticeRate')).toEqual([true]);
  expect(hits(units, 'majorLegalReviewRate')).toEqual([true]);
});

test('suspended time is not handling time; excludePostponed leaves postponed stages out', () => {
  seq = 0;
  const events = [
    ev('report', '2026-03-01T00:00:00Z'),
    ev('file', '2026-03-01T00:00:00Z'),
    ev('dispatch', '2026-03-01T00:00:00Z'),
    ev('suspend_approve', '2026-03-01T02:00:00Z'),
    ev('resume', '2026-03-01T05:00:00Z'),
    ev('postpone_approve', '2026-03-01T06:00:00Z'),
    ev('resolve', '2026-03-01T08:00:00Z', { leftStage: left('handle', '2026-03-01T00:00:00Z', '2026-03-04T03:00:00Z', '2026-03-01T08:00:00Z') }),
  ];
  const plain = caseUnits(kase(), events, ctxOf()).units;
  // 8 h from dispatch to resolution, 3 h of it suspended → 5 h
  expect(hits(plain, 'meanHandlingHours')).toEqual([5 * 3_600_000]);
  expect(hits(plain, 'suspendedCount')).toEqual([true]);
  expect(hits(plain, 'postponedCount')).toEqual([true]);
  const strict = caseUnits(kase(), events, ctxOf(H1, { rules: { excludePostponed: true } })).units;
  expect(hits(strict, 'onTimeHandlingRate')).toEqual([]);
  expect(hits(strict, 'handlingRate')).toEqual([]);
});

test('missed reports: a citizen report in an inspector’s cell counts against them; a merged duplicate does not count', () => {
  seq = 0;
  const inspectorsOfGrid = () => ['i9'];
  const citizen = caseUnits(kase({ source: 'citizen' }), [ev('report', '2026-03-01T00:00:00Z', {}, {}, [null, null])], ctxOf(H1, { inspectorsOfGrid })).units;
  expect(citizen.filter((u) => u.ind === 'missedReportRate').map((u) => [u.hit, u.target])).toEqual([[true, { kind: 'inspector', id: 'i9' }]]);
  const merged = caseUnits(kase({ source: 'citizen' }), [ev('report', '2026-03-01T00:00:00Z'), ev('merge', '2026-03-01T01:00:00Z')], ctxOf(H1, { inspectorsOfGrid })).units;
  expect(hits(merged, 'missedReportRate')).toEqual([]);
  expect(hits(merged, 'filingRate')).toEqual([]);
});
