import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import { CaseNumberModel } from './case.model';

/** Year of an instant in the reporting time zone (Asia/Shanghai, UTC+8 without DST). */
export function shanghaiYear(at: Date): number {
  return new Date(at.getTime() + 8 * 3600_000).getUTCFullYear();
}

export function formatCaseNo(prefix: string, year: number, n: number): string {
  return `${prefix}-${year}-${String(n).padStart(6, '0')}`;
}

/** Numbers claimed per database write; a process that stops leaves the rest of its block unused (a gap). */
const BLOCK = 20;

interface Block {
  next: number;
  end: number;
}
const blocks = new Map<string, Block>();
const claiming = new Map<string, Promise<void>>();
/** The next block start to try per prefix and year (above every block seen). */
const nextStart = new Map<string, number>();

/** The last number a `case_numbers` id covers: `BS-2026-000123` or a block `BS-2026-000101~000120`. */
function lastOf(id: string): number {
  return Number(id.slice(id.lastIndexOf(id.includes('~') ? '~' : '-') + 1));
}

async function claimBlock(prefix: string, year: number, key: string, caseId: Types.ObjectId, at: Date): Promise<void> {
  if (!nextStart.has(key)) {
    // Once per process and year: the highest number ever handed out (a scan of case_numbers, which holds one document per block).
    const last = await CaseNumberModel.find({ _id: { $regex: `^${prefix}-${year}-` } })
      .sort({ _id: -1 })
      .limit(1)
      .lean<{ _id: string }[]>();
    nextStart.set(key, Math.max(nextStart.get(key) ?? 1, last[0] ? lastOf(last[0]._id) + 1 : 1));
  }
  for (let attempt = 0; attempt < 1000; attempt++) {
    const start = nextStart.get(key)!;
    const end = start + BLOCK - 1;
    nextStart.set(key, end + 1);
    try {
      await CaseNumberModel.create({ _id: `${formatCaseNo(prefix, year, start)}~${String(end).padStart(6, '0')}`, caseId, at });
      blocks.set(key, { next: start, end });
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) {
        if (nextStart.get(key) === end + 1) nextStart.set(key, start);
        throw err;
      }
      // Another process holds this block (its id is the same): try the next one.
    }
  }
  throw new Error('could not claim a block of case numbers');
}

/**
 * Allocates a readable, unique case number (`BS-2026-000123`). Numbers are claimed in blocks of
 * BLOCK: a block is the `_id` of a `case_numbers` document (`BS-2026-000101~000120`), so two
 * processes can never claim the same block (the loser's insert fails with a duplicate key and it
 * tries the next block); within the process numbers are handed out from memory, one report at a
 * time. One insert per BLOCK reports instead of one per report; unused numbers of a block are
 * lost when the process stops, and numbers from two instances interleave out of time order.
 */
export async function allocateCaseNo(prefix: string, at: Date, caseId: Types.ObjectId): Promise<string> {
  const year = shanghaiYear(at);
  const key = `${prefix}-${year}`;
  for (;;) {
    const b = blocks.get(key);
    if (b && b.next <= b.end) return formatCaseNo(prefix, year, b.next++);
    let p = claiming.get(key);
    if (!p) {
      p = claimBlock(prefix, year, key, caseId, at).finally(() => claiming.delete(key));
      claiming.set(key, p);
    }
    await p;
  }
}
