import type { CaseAction, CaseStatus, Role, Tier } from '../../contracts';

/**
 * The case state machine (pure). Each rule says from which statuses an action may start, where it
 * leads (`null` = status unchanged, a timeline step), which roles may take it, and which relation
 * the actor must have to the case. Scope (can the actor see the case at all) is checked before.
 *
 * reported ─file→ filed ─dispatch→ dispatched ─accept→ in_progress ─resolve→ resolved ─verify→ closed
 *   ├ reject → rejected   ├ merge → merged   dispatched ─return→ filed   resolved ─rework→ in_progress
 *   └ handle_on_spot → resolved (minor case handled by the grid inspector at once, 当场处置)
 */

/** How the actor relates to the case, computed by the policy from the case and the caller. */
export interface Relation {
  role: Role;
  isHolder: boolean;
  /** Team leader of the case's team. */
  leadsCaseTeam: boolean;
  /** Inspector responsible for the case's grid cell. */
  inspectsCaseGrid: boolean;
  /** Liaison of an agency the case was referred to (with an unacknowledged referral). */
  agencyHasOpenReferral: boolean;
  /** The caller resolved the case (may not verify their own work). */
  resolvedIt: boolean;
}

/** The parts of a case the rules look at. */
export interface CaseFacts {
  status: CaseStatus;
  tier: Tier;
  penaltyCapable: boolean;
  pending: 'postpone' | 'suspend' | null;
  suspended: boolean;
  underJointCase: boolean;
  penaltySteps: string[];
  legalReview: 'none' | 'approved' | 'rejected';
  major: boolean;
  decisionType: string | null;
}

type Who = (r: Relation, c: CaseFacts) => boolean;

interface Rule {
  from: readonly CaseStatus[] | 'open';
  to: CaseStatus | null;
  who: Who;
  /** Extra business condition beyond status and actor. */
  when?: (c: CaseFacts) => boolean;
}

const OPEN: readonly CaseStatus[] = ['reported', 'filed', 'dispatched', 'in_progress', 'resolved'];
const HANDLING: readonly CaseStatus[] = ['dispatched', 'in_progress'];

const bureau = (r: Relation) => r.role === 'dispatcher' || r.role === 'bureau_chief';
const chief = (r: Relation) => r.role === 'bureau_chief';
const leader = (r: Relation) => r.role === 'team_leader' && r.leadsCaseTeam;
const holderOrLeader = (r: Relation, c: CaseFacts) => r.isHolder || (leader(r) && c.tier !== 'bureau');
const handler = (r: Relation, c: CaseFacts) => holderOrLeader(r, c) || (bureau(r) && c.tier === 'bureau');
/** Approval belongs to the tier above the case's tier (grid → team leader, team/bureau → bureau chief). */
const tierAbove = (r: Relation, c: CaseFacts) => (c.tier === 'grid' ? leader(r) || chief(r) : chief(r));

const penaltyOpen = (c: CaseFacts) => c.penaltyCapable && c.decisionType === null;
const has = (c: CaseFacts, step: string) => c.penaltySteps.includes(step);
/** A penalty procedure once started must reach execution (or a no-penalty decision served) before resolving. */
const penaltySettled = (c: CaseFacts) =>
  c.penaltySteps.length === 0 ||
  has(c, 'penalty_execute') ||
  (c.decisionType === 'no_penalty' && has(c, 'penalty_serve'));

export const RULES: Record<CaseAction, Rule> = {
  file: { from: ['reported'], to: 'filed', who: (r, c) => bureau(r) || (leader(r) && c.tier !== 'bureau') },
  reject: { from: ['reported'], to: 'rejected', who: (r, c) => bureau(r) || (leader(r) && c.tier !== 'bureau') },
  merge: { from: ['reported', 'filed'], to: 'merged', who: bureau },
  dispatch: { from: ['filed'], to: 'dispatched', who: (r, c) => bureau(r) || (leader(r) && c.tier !== 'bureau') },
  accept: { from: ['dispatched'], to: 'in_progress', who: handler },
  return: { from: ['dispatched'], to: 'filed', who: holderOrLeader },
  handle_on_spot: {
    from: ['reported'],
    to: 'resolved',
    who: (r, c) => r.role === 'inspector' && r.inspectsCaseGrid && c.tier === 'grid',
    when: (c) => !c.penaltyCapable,
  },
  resolve: {
    from: ['in_progress'],
    to: 'resolved',
    who: handler,
    when: (c) => penaltySettled(c) && !c.suspended && c.pending !== 'suspend',
  },
  verify: {
    from: ['resolved'],
    to: 'closed',
    who: (r) => ((r.role === 'inspector' && r.inspectsCaseGrid) || bureau(r)) && !r.resolvedIt,
    when: (c) => !c.underJointCase,
  },
  rework: {
    from: ['resolved'],
    to: 'in_progress',
    who: (r) => ((r.role === 'inspector' && r.inspectsCaseGrid) || bureau(r)) && !r.resolvedIt,
  },
  escalate: {
    from: ['reported', 'filed', 'dispatched', 'in_progress'],
    to: null,
    who: (r, c) => c.tier !== 'bureau' && (holderOrLeader(r, c) || (r.role === 'inspector' && r.inspectsCaseGrid && c.tier === 'grid')),
  },
  de_escalate: {
    from: ['filed', 'dispatched', 'in_progress'],
    to: 'dispatched',
    who: (r, c) => (c.tier === 'bureau' && bureau(r)) || (c.tier === 'team' && leader(r)),
  },
  postpone_request: { from: HANDLING, to: null, who: handler, when: (c) => c.pending === null },
  postpone_approve: { from: HANDLING, to: null, who: tierAbove, when: (c) => c.pending === 'postpone' },
  postpone_deny: { from: HANDLING, to: null, who: tierAbove, when: (c) => c.pending === 'postpone' },
  suspend_request: { from: HANDLING, to: null, who: handler, when: (c) => c.pending === null && !c.suspended },
  suspend_approve: { from: HANDLING, to: null, who: tierAbove, when: (c) => c.pending === 'suspend' },
  suspend_deny: { from: HANDLING, to: null, who: tierAbove, when: (c) => c.pending === 'suspend' },
  resume: { from: HANDLING, to: null, who: (r, c) => handler(r, c) || tierAbove(r, c), when: (c) => c.suspended },
  refer: { from: ['filed', 'dispatched', 'in_progress'], to: null, who: (r, c) => bureau(r) || (leader(r) && c.tier !== 'bureau') },
  refer_ack: { from: 'open', to: null, who: (r) => r.role === 'agency_liaison' && r.agencyHasOpenReferral },
  penalty_investigate: { from: ['in_progress'], to: null, who: handler, when: penaltyOpen },
  penalty_notify: {
    from: ['in_progress'],
    to: null,
    who: handler,
    when: (c) => penaltyOpen(c) && has(c, 'penalty_investigate'),
  },
  penalty_hearing: { from: ['in_progress'], to: null, who: handler, when: (c) => penaltyOpen(c) && has(c, 'penalty_notify') },
  legal_review: {
    from: ['in_progress'],
    to: null,
    who: (r) => r.role === 'legal_officer',
    when: (c) => penaltyOpen(c) && has(c, 'penalty_notify') && c.legalReview !== 'approved',
  },
  penalty_decide: {
    from: ['in_progress'],
    to: null,
    // A major decision is the bureau's (局长) and needs an approved legal review first (法制审核, Art. 58).
    who: (r, c) => (c.major ? chief(r) : handler(r, c) || chief(r)),
    when: (c) => penaltyOpen(c) && has(c, 'penalty_notify') && (!c.major || c.legalReview === 'approved'),
  },
  penalty_serve: {
    from: ['in_progress'],
    to: null,
    who: handler,
    when: (c) => c.decisionType !== null && !has(c, 'penalty_serve'),
  },
  penalty_execute: {
    from: ['in_progress'],
    to: null,
    who: handler,
    when: (c) => has(c, 'penalty_serve') && c.decisionType !== 'no_penalty' && !has(c, 'penalty_execute'),
  },
  penalty_extend: { from: ['in_progress', 'dispatched'], to: null, who: chief, when: (c) => c.penaltyCapable && c.decisionType === null },
  // The legal office reads everything and changes nothing but its own reviews (法制审核); the
  // admin takes no part in cases.
  comment: { from: CASE_ALL(), to: null, who: (r) => r.role !== 'admin' && r.role !== 'legal_officer' },
};

function CASE_ALL(): CaseStatus[] {
  return ['reported', 'filed', 'rejected', 'merged', 'dispatched', 'in_progress', 'resolved', 'closed'];
}

/** Roles that may take an action at all (coarse check → 403 before the state check → 409). */
export function rolesFor(action: CaseAction): Role[] {
  const roles: Role[] = ['inspector', 'team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer', 'admin'];
  const rule = RULES[action];
  const permissive: Relation = {
    role: 'admin',
    isHolder: true,
    leadsCaseTeam: true,
    inspectsCaseGrid: true,
    agencyHasOpenReferral: true,
    resolvedIt: false,
  };
  const tiers: Tier[] = ['grid', 'team', 'bureau'];
  return roles.filter((role) =>
    tiers.some((tier) =>
      rule.who({ ...permissive, role }, {
        status: 'in_progress',
        tier,
        penaltyCapable: true,
        pending: null,
        suspended: false,
        underJointCase: false,
        penaltySteps: [],
        legalReview: 'approved',
        major: false,
        decisionType: null,
      }) ||
      rule.who({ ...permissive, role }, {
        status: 'in_progress',
        tier,
        penaltyCapable: true,
        pending: null,
        suspended: false,
        underJointCase: false,
        penaltySteps: [],
        legalReview: 'approved',
        major: true,
        decisionType: null,
      }),
    ),
  );
}

function fromOk(rule: Rule, status: CaseStatus): boolean {
  return rule.from === 'open' ? OPEN.includes(status) : rule.from.includes(status);
}

/** Is the action possible now for this actor on this case? */
export function can(action: CaseAction, facts: CaseFacts, rel: Relation): boolean {
  const rule = RULES[action];
  return fromOk(rule, facts.status) && rule.who(rel, facts) && (rule.when ? rule.when(facts) : true);
}

/** The actions the server offers the caller now (the web app only shows these). */
export function allowedActions(facts: CaseFacts, rel: Relation): CaseAction[] {
  return (Object.keys(RULES) as CaseAction[]).filter((a) => can(a, facts, rel));
}

/** Where an action leads: the next status (same status for timeline-only steps). */
export function nextStatus(action: CaseAction, current: CaseStatus): CaseStatus {
  return RULES[action].to ?? current;
}

/** Escalation goes one tier up: grid → team → bureau (升级). */
export function nextTierUp(tier: Tier): Tier {
  return tier === 'grid' ? 'team' : 'bureau';
}

export const OPEN_STATUSES = OPEN;
export const TERMINAL_STATUSES: readonly CaseStatus[] = ['closed', 'rejected', 'merged'];

/** The deadline stage a status is in (one clock per stage; terminal statuses have none). */
export function stageOf(status: CaseStatus): 'file' | 'dispatch' | 'handle' | 'verify' | null {
  switch (status) {
    case 'reported':
      return 'file';
    case 'filed':
      return 'dispatch';
    case 'dispatched':
    case 'in_progress':
      return 'handle';
    case 'resolved':
      return 'verify';
    default:
      return null;
  }
}
