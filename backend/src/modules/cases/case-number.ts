import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import { CaseNumberModel } from './case.model';

const next = new Map<string, number>();

/** Year of an instant in the reporting time zone (Asia/Shanghai, UTC+8 without DST). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

export function formatCaseNo(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/**
 * Allocates a readable, unique case number (`BS-2026-000123`). The number is the `_id` of a
 * `case_numbers` document, so two processes allocating at once cannot both get it: the loser's
 * insert fails with a duplicate key and it tries the next number. Within this process each
 * attempt claims its number before the insert, so concurrent reports do not race for the same one.
 */
export async function allocateCaseNo(prefix: string, at: Date, caseId: Types.ObjectId): Promise<string> {
  const year = shanghaiYear(at);
  const key = `${prefix}-${year}`;
  if (!next.has(key)) {
    const last = await CaseNumberModel.find({ _id: { $regex: `^${prefix}-${year}-` } })
      .sort({ _id: -1 })
      .limit(1)
      .lean<{ _id: string }[]>();
    const first = last[0] ? Number(last[0]._id.slice(-6)) + 1 : 1;
    // A concurrent first allocation may have started counting meanwhile: never go backwards.
    next.set(key, Math.max(first, next.get(key) ?? 1));
  }
  for (let attempt = 0; attempt < 10000; attempt++) {
    const n = next.get(key)!;
    next.set(key, n + 1);
    const caseNo = formatCaseNo(prefix, year, n);
    try {
      await CaseNumberModel.create({ _id: caseNo, caseId, at });
      return caseNo;
    } catch (err) {
      if (!isDuplicateKey(err)) {
        // Not taken (the database failed): hand the number back unless a later one was claimed.
        if (next.get(key) === n + 1) next.set(key, n);
        throw err;
      }
    }
  }
  throw new Error('could not allocate a case number');
}
