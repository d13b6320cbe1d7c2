import type { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { isDuplicateKey } from '../../core/errors';
import type { AuthUser } from '../auth';
import { appendEvent, applyPatch, catchUp, findCase, type CaseRecord } from '../cases';

/** A joint step as it appears on each linked case's timeline (action `joint`). */
export interface CaseStep {
  step: string;
  jointCaseId: string;
  note: string | null;
  data: Record<string, unknown>;
  at: Date;
  /** Top-level case fields to set, computed from the fresh case (linking, agencies, closing). */
  patch?: (kase: CaseRecord) => Record<string, unknown> | null;
  /** New status, when the step changes it (the joint decision closes the case). */
  to?: (kase: CaseRecord) => string;
}

const TERMINAL = new Set(['closed', 'rejected', 'merged']);

/**
 * Appends the step to one case's timeline with the next seq; a concurrent change there (duplicate
 * key) means reload and retry. A `patch` returning null means "nothing to do for this case".
 */
async function appendToCase(ctx: AppContext, user: AuthUser, caseId: Types.ObjectId, s: CaseStep): Promise<void> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const found = await findCase(String(caseId));
    if (!found) return;
    const kase = await catchUp(found);
    const patch = s.patch ? s.patch(kase) : {};
    if (patch === null) return;
    const seq = kase.seq + 1;
    try {
      await appendEvent({
        caseId: kase._id,
        seq,
        action: 'joint',
        from: kase.status,
        to: s.to ? s.to(kase) : kase.status,
        actorId: user.id,
        actorRole: user.role,
        actorName: user.displayName,
        at: s.at,
        note: s.note,
        data: { step: s.step, jointCaseId: s.jointCaseId, ...s.data },
        patch,
        attachments: [],
      }, { before: kase });
    } catch (err) {
      if (isDuplicateKey(err)) continue;
      throw err;
    }
    await applyPatch(kase._id, seq, patch, s.at);
    return;
  }
  ctx.logger.error({ caseId: String(caseId), step: s.step }, 'could not record a joint step on a linked case');
}

/** Every linked case's timeline shows the joint step (公开、全过程记录). */
export async function postToCases(ctx: AppContext, user: AuthUser, caseIds: Types.ObjectId[], s: CaseStep): Promise<void> {
  for (const id of caseIds) await appendToCase(ctx, user, id, s);
}

/** Patch adding agencies to a case's agencyIds (their liaisons then see the case), or {} if present. */
export function withAgencies(agencyIds: string[]) {
  return (kase: CaseRecord) => {
    const have = (kase.agencyIds ?? []).map(String);
    const missing = agencyIds.filter((a) => !have.includes(a));
    return missing.length ? { agencyIds: [...have, ...missing] } : {};
  };
}

/** The joint decision closes each linked case still open (结案), keeping its jointCaseId. */
export function closingStep(base: Omit<CaseStep, 'patch' | 'to'>): CaseStep {
  return {
    ...base,
    patch: (kase) =>
      TERMINAL.has(kase.status)
        ? null
        : {
            status: 'closed',
            closedAt: base.at,
            stage: { name: null, startedAt: null, dueAt: null, limitHours: null, extensions: [], pauses: [] },
          },
    to: () => 'closed',
  };
}
