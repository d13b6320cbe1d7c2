import { Types } from 'mongoose';
import { conflict, isDuplicateKey } from '../../core/errors';
import type { AuthUser } from '../auth';
import { EvaluationStepModel } from './evaluation.model';

/**
 * Claims step `seq` of a report or rectification item. The `_id` is unique, so of two concurrent
 * changes from the same state exactly one insert succeeds; the other is told to reload (409).
 * The steps double as the subject's history (who did what when).
 */
export async function claimStep(
  kind: 'report' | 'rectification',
  subjectId: Types.ObjectId,
  seq: number,
  action: string,
  user: AuthUser,
  at: Date,
  data: Record<string, unknown> = {},
): Promise<void> {
  try {
    await EvaluationStepModel.create({
      _id: `${kind}:${String(subjectId)}:${seq}`,
      kind,
      subjectId,
      seq,
      action,
      actorId: new Types.ObjectId(user.id),
      actorRole: user.role,
      at,
      data,
    });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
    throw conflict('EVALUATION_CONFLICT', `The ${kind} was changed by someone else at the same time; reload and retry`);
  }
}

export async function stepsOf(kind: 'report' | 'rectification', subjectId: Types.ObjectId) {
  return EvaluationStepModel.find({ kind, subjectId }).sort({ seq: 1 }).lean<{ seq: number; action: string; actorId: Types.ObjectId; actorRole: string; at: Date; data: Record<string, unknown> }[]>();
}
