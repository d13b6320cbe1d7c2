import { allowedActions, can, nextStatus, rolesFor, stageOf, type CaseFacts, type Relation } from './case.workflow';

const facts = (o: Partial<CaseFacts> = {}): CaseFacts => ({
  status: 'reported',
  tier: 'grid',
  penaltyCapable: false,
  pending: null,
  suspended: false,
  underJointCase: false,
  penaltySteps: [],
  legalReview: 'none',
  major: false,
  decisionType: null,
  ...o,
});
const rel = (o: Partial<Relation> = {}): Relation => ({
  role: 'dispatcher',
  isHolder: false,
  leadsCaseTeam: false,
  inspectsCaseGrid: false,
  agencyHasOpenReferral: false,
  resolvedIt: false,
  ...o,
});

describe('case state machine', () => {
  test.each([
    ['file', 'reported', 'filed'],
    ['reject', 'reported', 'rejected'],
    ['merge', 'filed', 'merged'],
    ['dispatch', 'filed', 'dispatched'],
    ['accept', 'dispatched', 'in_progress'],
    ['return', 'dispatched', 'filed'],
    ['handle_on_spot', 'reported', 'resolved'],
    ['resolve', 'in_progress', 'resolved'],
    ['verify', 'resolved', 'closed'],
    ['rework', 'resolved', 'in_progress'],
    ['comment', 'closed', 'closed'],
    ['postpone_request', 'in_progress', 'in_progress'],
  ] as const)('%s leads from %s to %s', (action, from, to) => {
    expect(nextStatus(action, from)).toBe(to);
  });

  test('the dispatcher files, rejects and merges reported cases; an inspector does none of it', () => {
    expect(allowedActions(facts(), rel())).toEqual(expect.arrayContaining(['file', 'reject', 'merge', 'comment']));
    const inspector = rel({ role: 'inspector', inspectsCaseGrid: true });
    expect(can('file', facts(), inspector)).toBe(false);
    expect(can('handle_on_spot', facts(), inspector)).toBe(true);
  });

  test('on-the-spot handling is for the grid inspector of a minor grid-tier case only', () => {
    const inspector = rel({ role: 'inspector', inspectsCaseGrid: true });
    expect(can('handle_on_spot', facts({ tier: 'team' }), inspector)).toBe(false);
    expect(can('handle_on_spot', facts({ penaltyCapable: true }), inspector)).toBe(false);
    expect(can('handle_on_spot', facts(), rel({ role: 'inspector', inspectsCaseGrid: false }))).toBe(false);
  });

  test('a team leader files only their own team’s non-bureau cases', () => {
    expect(can('file', facts({ tier: 'team' }), rel({ role: 'team_leader', leadsCaseTeam: true }))).toBe(true);
    expect(can('file', facts({ tier: 'team' }), rel({ role: 'team_leader', leadsCaseTeam: false }))).toBe(false);
    expect(can('file', facts({ tier: 'bureau' }), rel({ role: 'team_leader', leadsCaseTeam: true }))).toBe(false);
  });

  test('nobody verifies their own resolution; the grid inspector or the bureau verifies', () => {
    const resolved = facts({ status: 'resolved' });
    expect(can('verify', resolved, rel({ role: 'inspector', inspectsCaseGrid: true }))).toBe(true);
    expect(can('verify', resolved, rel({ role: 'inspector', inspectsCaseGrid: true, resolvedIt: true }))).toBe(false);
    expect(can('verify', resolved, rel({ role: 'dispatcher' }))).toBe(true);
    expect(can('verify', resolved, rel({ role: 'team_leader', leadsCaseTeam: true }))).toBe(false);
  });

  test('a case under a joint case cannot be closed on its own', () => {
    expect(can('verify', facts({ status: 'resolved', underJointCase: true }), rel())).toBe(false);
  });

  test('resolving a penalty case needs the procedure executed (or no penalty served)', () => {
    const holder = rel({ role: 'inspector', isHolder: true });
    const base = facts({ status: 'in_progress', penaltyCapable: true });
    expect(can('resolve', base, holder)).toBe(true);
    expect(can('resolve', { ...base, penaltySteps: ['penalty_investigate'] }, holder)).toBe(false);
    expect(can('resolve', { ...base, penaltySteps: ['penalty_investigate', 'penalty_notify', 'penalty_decide', 'penalty_serve', 'penalty_execute'], decisionType: 'fine' }, holder)).toBe(true);
    expect(can('resolve', { ...base, penaltySteps: ['penalty_investigate', 'penalty_notify', 'penalty_decide', 'penalty_serve'], decisionType: 'no_penalty' }, holder)).toBe(true);
  });

  test('penalty steps go in order: notice needs investigation, decision needs notice, execution needs service', () => {
    const holder = rel({ role: 'team_leader', leadsCaseTeam: true });
    const c = facts({ status: 'in_progress', tier: 'team', penaltyCapable: true });
    expect(can('penalty_notify', c, holder)).toBe(false);
    expect(can('penalty_decide', c, holder)).toBe(false);
    const notified = { ...c, penaltySteps: ['penalty_investigate', 'penalty_notify'] };
    expect(can('penalty_decide', notified, holder)).toBe(true);
    expect(can('penalty_execute', { ...notified, decisionType: 'fine' }, holder)).toBe(false);
  });

  test('a major decision needs the bureau chief and an approved legal review', () => {
    const c = facts({ status: 'in_progress', tier: 'bureau', major: true, penaltyCapable: true, penaltySteps: ['penalty_investigate', 'penalty_notify'] });
    expect(can('penalty_decide', c, rel({ role: 'bureau_chief' }))).toBe(false);
    expect(can('penalty_decide', { ...c, legalReview: 'approved' }, rel({ role: 'bureau_chief' }))).toBe(true);
    expect(can('penalty_decide', { ...c, legalReview: 'approved' }, rel({ role: 'dispatcher' }))).toBe(false);
    expect(can('legal_review', c, rel({ role: 'legal_officer' }))).toBe(true);
    expect(can('legal_review', c, rel({ role: 'bureau_chief' }))).toBe(false);
  });

  test('postponement is approved by the tier above: the team leader for grid cases, the chief above', () => {
    const pending = facts({ status: 'in_progress', pending: 'postpone' });
    expect(can('postpone_approve', pending, rel({ role: 'team_leader', leadsCaseTeam: true }))).toBe(true);
    expect(can('postpone_approve', { ...pending, tier: 'team' }, rel({ role: 'team_leader', leadsCaseTeam: true }))).toBe(false);
    expect(can('postpone_approve', { ...pending, tier: 'team' }, rel({ role: 'bureau_chief' }))).toBe(true);
    expect(can('postpone_request', pending, rel({ role: 'inspector', isHolder: true }))).toBe(false);
  });

  test('the admin takes no case decisions and the legal officer only reviews', () => {
    expect(allowedActions(facts(), rel({ role: 'admin' }))).toEqual([]);
    expect(allowedActions(facts(), rel({ role: 'legal_officer' }))).toEqual([]);
    expect(rolesFor('file')).toEqual(['team_leader', 'dispatcher', 'bureau_chief']);
    expect(rolesFor('legal_review')).toEqual(['legal_officer']);
  });

  test('every status but the terminal ones has a deadline stage', () => {
    expect(stageOf('reported')).toBe('file');
    expect(stageOf('filed')).toBe('dispatch');
    expect(stageOf('in_progress')).toBe('handle');
    expect(stageOf('resolved')).toBe('verify');
    expect(stageOf('closed')).toBeNull();
  });
});
