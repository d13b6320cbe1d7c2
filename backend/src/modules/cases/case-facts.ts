import type { CaseFacts } from './case.workflow';
import type { CaseSnapshot } from './case-effects.workflow';
import type { CaseRecord } from './cases.repository';

/** What the state machine looks at, read off a case document. */
export function factsOf(kase: CaseRecord, penaltyCapable: boolean): CaseFacts {
  return {
    status: kase.status as CaseFacts['status'],
    tier: kase.tier,
    penaltyCapable,
    pending: kase.pending?.kind ?? null,
    suspended: Boolean(kase.suspended),
    underJointCase: Boolean(kase.jointCaseId),
    penaltySteps: kase.penalty?.steps ?? [],
    legalReview: kase.penalty?.legalReview ?? 'none',
    major: kase.tier === 'bureau',
    decisionType: kase.penalty?.decision?.type ?? null,
  };
}

/** The snapshot the pure effects compute from. */
export function snapshotOf(kase: CaseRecord): CaseSnapshot {
  return {
    status: kase.status as CaseSnapshot['status'],
    tier: kase.tier,
    urgent: Boolean(kase.urgent),
    stage: {
      name: kase.stage?.name ?? null,
      startedAt: kase.stage?.startedAt ?? null,
      dueAt: kase.stage?.dueAt ?? null,
      limitHours: kase.stage?.limitHours ?? null,
      extensions: kase.stage?.extensions ?? [],
      pauses: kase.stage?.pauses ?? [],
    },
    penalty: kase.penalty ?? null,
    pending: kase.pending ?? null,
    suspended: Boolean(kase.suspended),
    pauses: kase.pauses ?? [],
    referrals: kase.referrals ?? [],
    agencyIds: (kase.agencyIds ?? []).map(String),
    counters: { returns: 0, reworks: 0, escalations: 0, verifications: 0, ...(kase.counters ?? {}) },
    everOverdue: Boolean(kase.everOverdue),
    filedAt: kase.filedAt ?? null,
  };
}
