import { TransitionBody, type CaseAction } from '@gridenforce/backend/contracts';

/** Form inputs an action needs, in the order shown (per the variants of TransitionBody). */
export type FieldKind =
  | 'urgent'
  | 'note'
  | 'tier'
  | 'deTier'
  | 'teamId'
  | 'targetCaseId'
  | 'hours'
  | 'days'
  | 'agencyId'
  | 'referKind'
  | 'referralId'
  | 'hearingOffered'
  | 'requested'
  | 'heldAt'
  | 'approved'
  | 'decisionType'
  | 'amountYuan'
  | 'legalBasis'
  | 'servedAt'
  | 'photos';

export const ACTION_FIELDS: Record<CaseAction, FieldKind[]> = {
  file: ['urgent', 'note'],
  reject: ['note'],
  merge: ['targetCaseId', 'note'],
  dispatch: ['tier', 'teamId', 'note'],
  accept: ['note'],
  return: ['note'],
  handle_on_spot: ['note', 'photos'],
  resolve: ['note', 'photos'],
  verify: ['note', 'photos'],
  rework: ['note', 'photos'],
  escalate: ['note'],
  de_escalate: ['deTier', 'note'],
  postpone_request: ['hours', 'note'],
  postpone_approve: ['note'],
  postpone_deny: ['note'],
  suspend_request: ['note'],
  suspend_approve: ['note'],
  suspend_deny: ['note'],
  resume: ['note'],
  refer: ['agencyId', 'referKind', 'note'],
  refer_ack: ['referralId', 'note'],
  penalty_investigate: ['note', 'photos'],
  penalty_notify: ['hearingOffered', 'note'],
  penalty_hearing: ['requested', 'heldAt', 'note'],
  legal_review: ['approved', 'note'],
  penalty_decide: ['decisionType', 'amountYuan', 'legalBasis', 'note'],
  penalty_serve: ['servedAt', 'note'],
  penalty_execute: ['note'],
  penalty_extend: ['days', 'note'],
  comment: ['note', 'photos'],
};

/** Actions whose note is required, read from the shared schema (so it never drifts from the API). */
export const NOTE_REQUIRED: ReadonlySet<string> = new Set(
  TransitionBody.options
    .filter((o) => !o.shape.note.safeParse(undefined).success)
    .map((o) => o.shape.action.value as string),
);

/** Actions that end or hand over the case: shown as the primary button. */
export const PRIMARY_ACTIONS: ReadonlySet<CaseAction> = new Set(['file', 'dispatch', 'accept', 'resolve', 'verify', 'handle_on_spot']);
export const DANGER_ACTIONS: ReadonlySet<CaseAction> = new Set(['reject', 'return', 'rework', 'postpone_deny', 'suspend_deny']);

export const DECISION_TYPES = ['warning', 'fine', 'confiscation', 'suspension', 'revocation', 'no_penalty'] as const;
