import fc from 'fast-check';
import {
  advanceFacts, applyToCase, caseToWire, factsFromWire, factsOf, factsToWire, journalDelta, packChunk, unpackChunk, type JournalEntry,
} from './case-facts.workflow';
import type { FoldCase, FoldEvent } from './case-timeline.workflow';
import { caseUnits, type FoldContext, type Unit } from './case-units.workflow';
import { IndicatorTally, unitKeys } from './indicator-tally.workflow';
import { parsePeriod, type Period } from './period.workflow';

/**
 * The projection must give the engine exactly what the whole timeline gives it: for random
 * timelines (milestones and other events, stage results on time or late, team and agency changes,
 * penalties, suspensions), the units of H1, H2 and a custom range are the same from the facts
 * (packed, unpacked) and from the facts advanced event by event through the journal.
 */
const ACTIONS = [
  'file', 'handle_on_spot', 'merge', 'reject', 'dispatch', 'return', 'escalate', 'de_escalate', 'accept', 'resolve', 'verify', 'rework',
  'postpone_request', 'postpone_approve', 'suspend_request', 'suspend_approve', 'resume', 'refer', 'refer_ack', 'comment', 'photo',
  'penalty_notify', 'legal_review', 'penalty_hearing', 'penalty_decide', 'merged_in',
  // more often: the interplay of dispatch, suspension and resolution (handling time)
  'dispatch', 'suspend_approve', 'resume', 'resolve', 'accept', 'comment',
];
const T0 = Date.parse('2025-12-20T00:00:00Z');
const H = 3_600_000;

/** Absent three times out of four, so many events carry nothing but their action. */
const rarely = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });

const stepArb = fc.record({
  action: fc.constantFrom(...ACTIONS),
  gapHours: fc.integer({ min: 0, max: 900 }),
  left: fc.option(fc.record({ name: fc.constantFrom('file', 'dispatch', 'handle', 'verify'), dueHours: fc.integer({ min: -50, max: 50 }), nullDue: fc.boolean() }), { nil: null, freq: 2 }),
  team: rarely(fc.constantFrom('T1', 'T2', null)),
  agencies: rarely(fc.subarray(['A1', 'A2', 'A3'])),
  actor: fc.constantFrom<[string | null, string | null]>(['i1', 'inspector'], ['i2', 'inspector'], ['d1', 'dispatcher'], [null, null], ['l1', 'team_leader']),
  flag: fc.boolean(),
  stage: rarely(fc.constantFrom('dispatch', 'handle', 'verify', null)),
});

const caseArb = fc.record({
  source: fc.constantFrom('patrol', 'hotline'),
  reportHours: fc.integer({ min: 0, max: 24 * 360 }),
  routedTeam: fc.option(fc.constantFrom('T1', 'T3'), { nil: null }),
  steps: fc.array(stepArb, { maxLength: 16 }),
});

type Built = { base: FoldCase; kase: FoldCase; events: FoldEvent[]; patches: Record<string, unknown>[] };

/** A case document and its timeline as the cases module would leave them (the document = the patches applied in order). */
type Spec = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(spec: Spec): Built {
  let at = T0 + spec.reportHours * H;
  const base: FoldCase = {
    id: 'c1', source: spec.source, gridId: 'g1', teamId: spec.routedTeam, domain: 'market', categoryCode: 'C1', reportedAt: new Date(at),
    stage: { name: 'file', startedAt: new Date(at), dueAt: new Date(at + 24 * H) },
  };
  const events: FoldEvent[] = [{ seq: 1, action: 'report', at: new Date(at), actorId: 'i1', actorRole: 'inspector', data: { teamId: spec.routedTeam }, patch: {} }];
  const patches: Record<string, unknown>[] = [{}];
  let kase = base;
  for (const s of spec.steps) {
    at += s.gapHours * 60_000 * 7;
    const data: FoldEvent['data'] = {};
    const patch: Record<string, any> = { status: 'x', note: 'ignored' };
    if (s.left) {
      const due = s.left.nullDue ? null : new Date(at + s.left.dueHours * H);
      data.leftStage = { name: s.left.name, startedAt: new Date(at - H), dueAt: due, onTime: due === null ? null : at <= due.getTime() };
    }
    if (s.action === 'penalty_decide') data.withinLimit = s.flag;
    if (s.action === 'legal_review') data.approved = s.flag;
    if (s.action === 'penalty_decide') patch.penalty = { major: !s.flag, decision: { withinLimit: s.flag, type: 'fine' }, steps: ['x'] };
    if (s.team !== undefined) patch.teamId = s.team;
    if (s.agencies !== undefined) patch.agencyIds = s.agencies;
    if (s.stage !== undefined) patch.stage = s.stage === null ? null : { name: s.stage, startedAt: new Date(at), dueAt: new Date(at + 30 * H), pauses: [] };
    events.push({ seq: events.length + 1, action: s.action, at: new Date(at), actorId: s.actor[0], actorRole: s.actor[1], data, patch: patch as FoldEvent['patch'] });
    patches.push(patch);
    kase = applyToCase(kase, patch);
  }
  return { base, kase, events, patches };
}

const ctx = (p: Period, now: number, excludePostponed: boolean): FoldContext => ({
  start: p.start.getTime(),
  end: p.end.getTime(),
  asOf: Math.min(p.end.getTime(), now),
  rules: { excludePostponed },
  inspectorsOfGrid: () => ['i1', 'i2'],
});
const PERIODS = [parsePeriod('2026-H1')!, parsePeriod('2026-H2')!, parsePeriod('2026-02-01..2026-04-30')!];
const NOW = Date.parse('2026-05-15T00:00:00Z');

test('units from the packed facts equal units from the whole timeline (random timelines, three periods, both rules)', () => {
  fc.assert(
    fc.property(caseArb, fc.boolean(), (spec, excl) => {
      const { kase, events } = build(spec);
      const facts = factsFromWire(unpackChunk(packChunk([factsToWire(factsOf(kase, events.length, events))]))[0]!);
      expect(facts.seq).toBe(events.length);
      for (const p of PERIODS) expect(caseUnits(facts.kase, facts.events, ctx(p, NOW, excl))).toEqual(caseUnits(kase, events, ctx(p, NOW, excl)));
    }),
    { numRuns: 400, seed: 8 },
  );
});

test('facts advanced through the journal, event by event, equal facts from the timeline', () => {
  fc.assert(
    fc.property(caseArb, (spec) => {
      const { base, kase, events, patches } = build(spec);
      const entries: JournalEntry[] = events.map((e, i) => ({ seq: e.seq, done: true, ...journalDelta(e, patches[i] as never), c: i === 0 ? JSON.stringify(caseToWire(base)) : null }));
      const whole = factsOf(kase, events.length, events);
      expect(advanceFacts(null, entries)).toEqual(whole);
      // From a chunk row part-way, the remaining entries (and the older ones again) bring it up to date.
      const mid = Math.floor(events.length / 2);
      const partial = factsOf(patches.slice(0, mid).reduce<FoldCase>((k, p) => applyToCase(k, p), base), mid, events.slice(0, mid));
      expect(advanceFacts(partial, entries)).toEqual(whole);
    }),
    { numRuns: 200, seed: 9 },
  );
});

test('a journal that cannot vouch for a case sends it to its timeline: an entry not done, a gap, a new case without its document', () => {
  const { base, events, patches } = build({ source: 'patrol', reportHours: 100, routedTeam: 'T1', steps: [] });
  const first: JournalEntry = { seq: 1, done: true, ...journalDelta(events[0]!, patches[0] as never), c: JSON.stringify(caseToWire(base)) };
  const f1 = advanceFacts(null, [first])!;
  expect(f1.seq).toBe(1);
  expect(advanceFacts(f1, [{ seq: 2, done: false, e: null, p: null, c: null }])).toBeNull();
  expect(advanceFacts(f1, [{ seq: 3, done: true, e: null, p: '{}', c: null }])).toBeNull();
  expect(advanceFacts(null, [{ ...first, c: null }])).toBeNull();
  // Entries the facts already cover are skipped.
  expect(advanceFacts(f1, [first])).toEqual(f1);
});

test('facts stop at the document seq and at the first gap in the events', () => {
  const { kase, events } = build({ source: 'patrol', reportHours: 100, routedTeam: 'T1', steps: [{ action: 'file', gapHours: 1, left: null, team: undefined, agencies: undefined, actor: ['d1', 'dispatcher'], flag: true, stage: undefined }, { action: 'dispatch', gapHours: 1, left: null, team: 'T2', agencies: undefined, actor: ['d1', 'dispatcher'], flag: true, stage: undefined }] });
  expect(factsOf(kase, 2, events).events.map((e) => e.seq)).toEqual([1, 2]);
  expect(factsOf(kase, 3, [events[0]!, events[2]!]).seq).toBe(1);
});

test('a suspension ended by a bare resume stays ended in the facts (handling time)', () => {
  const bare = (action: string, gapHours: number) => ({ action, gapHours, left: null, team: undefined, agencies: undefined, actor: ['d1', 'dispatcher'] as [string, string], flag: true, stage: undefined });
  const { kase, events } = build({ source: 'patrol', reportHours: 24 * 30, routedTeam: 'T1', steps: [bare('file', 10), bare('dispatch', 10), bare('suspend_approve', 10), bare('resume', 10), bare('resolve', 10)] });
  const facts = factsOf(kase, events.length, events);
  const units = (k: FoldCase, e: FoldEvent[]) => caseUnits(k, e, ctx(PERIODS[0]!, NOW, false)).units.filter((u) => u.ind === 'meanHandlingHours');
  expect(units(facts.kase, facts.events)).toEqual(units(kase, events));
  expect(units(kase, events)[0]!.value).toBe(2 * 10 * 7 * 60_000);
});

test('the tally counts each unit at exactly the keys unitKeys() names', () => {
  const tally = new IndicatorTally();
  const keys = { gridId: null, domain: 'market', categoryCode: 'C1' };
  const units: Unit[] = [
    { ind: 'closureRate', hit: true, target: { kind: 'org', team: 'T1' } },
    { ind: 'meanHandlingHours', hit: true, value: 7, target: { kind: 'org', team: null } },
    { ind: 'validReportRate', hit: false, target: { kind: 'inspector', id: 'i1' } },
    { ind: 'dispatchVolume', hit: true, target: { kind: 'dispatcher', id: 'd1' } },
  ];
  tally.add(keys, { units, agencies: ['A1', 'A2'] });
  const expected = new IndicatorTally();
  for (const u of units) for (const [level, key] of unitKeys(u, keys, ['A1', 'A2'])) expected.count(level, key, u.ind, u.hit, u.value);
  expect(tally.levels).toEqual(expected.levels);
});
