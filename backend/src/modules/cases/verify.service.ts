import { Types } from 'mongoose';
import { CaseModel } from './case.model';
import { verifyChain, type ChainReport, type HashedEvent } from './case-hash.workflow';
import { eventsOf } from './cases.repository';

/**
 * Recomputes a case's hash chain from the stored events and compares the head with the case's
 * seq: any event changed, removed or reordered directly in the database is reported.
 */
export async function verifyCaseChain(caseId: Types.ObjectId): Promise<ChainReport & { caseId: string }> {
  const kase = await CaseModel.findById(caseId, { seq: 1 }).lean<{ seq: number }>();
  const events = await eventsOf(caseId);
  const hashed = events.map((e) => ({ ...e, caseId: String(e.caseId), actorId: e.actorId ? String(e.actorId) : null }));
  return { caseId: String(caseId), ...verifyChain(hashed as (HashedEvent & { hash: string })[], Math.max(kase?.seq ?? 0, events.length ? events[events.length - 1]!.seq : 0)) };
}
