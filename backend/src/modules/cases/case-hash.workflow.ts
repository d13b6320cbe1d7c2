import { createHash } from 'node:crypto';

/** The fields of a timeline event covered by its hash (everything a reader relies on). */
export interface HashedEvent {
  caseId: string;
  seq: number;
  action: string;
  from: string | null;
  to: string | null;
  actorId: string | null;
  actorRole: string | null;
  at: Date;
  note: string | null;
  data: unknown;
  patch: unknown;
  attachments: string[];
  prevHash: string;
}

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with sorted keys, so the hash does not depend on how the database orders fields. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown> & { toHexString?: () => string };
    if (typeof v.toHexString === 'function') return JSON.stringify(v.toHexString());
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** sha256 over the event's content and the previous event's hash (a hash chain per case). */
export function eventHash(e: HashedEvent): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        caseId: e.caseId,
        seq: e.seq,
        action: e.action,
        from: e.from,
        to: e.to,
        actorId: e.actorId,
        actorRole: e.actorRole,
        at: e.at,
        note: e.note,
        data: e.data ?? {},
        patch: e.patch ?? {},
        attachments: e.attachments ?? [],
        prevHash: e.prevHash,
      }),
    )
    .digest('hex');
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  problems: { seq: number | null; reason: 'changed' | 'missing' | 'reordered' | 'broken_link' | 'head_mismatch' }[];
}

/**
 * Checks a case's events (sorted by seq as stored) against the chain and the case's head `seq`:
 * a changed event fails its own hash, a removed one leaves a gap or a short chain, a reordered one
 * breaks the links.
 */
export function verifyChain(events: HashedEvent[] & { hash?: string }[], headSeq: number): ChainReport {
  const problems: ChainReport['problems'] = [];
  let prev = GENESIS_HASH;
  events.forEach((e, i) => {
    const stored = (e as HashedEvent & { hash: string }).hash;
    if (e.seq !== i + 1) problems.push({ seq: e.seq, reason: e.seq > i + 1 ? 'missing' : 'reordered' });
    if (e.prevHash !== prev) problems.push({ seq: e.seq, reason: 'broken_link' });
    if (eventHash(e) !== stored) problems.push({ seq: e.seq, reason: 'changed' });
    prev = stored;
  });
  if (events.length !== headSeq) problems.push({ seq: null, reason: events.length < headSeq ? 'missing' : 'head_mismatch' });
  return { ok: problems.length === 0, checked: events.length, problems };
}
