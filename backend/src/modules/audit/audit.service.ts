import { Types } from 'mongoose';
import type { Clock } from '../../core/context';
import { badRequest } from '../../core/errors';
import { findAuditEvents, insertAuditEvent, type AuditListFilter } from './audit.repository';
import type { AuditEventDoc } from './audit-event.model';

/** Who did it: a signed-in user, or null for the system / an anonymous caller. */
export interface AuditActor {
  id: string;
  username?: string | null;
  role?: string | null;
}

export interface AuditInput {
  /** Dotted verb: `<module>.<what_happened>`, e.g. `user.disabled`. */
  action: string;
  actor: AuditActor | null;
  target?: { type: string; id: string | null; label?: string | null } | null;
  /** Before → after values and reasons; plain JSON without nested arrays. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/**
 * Appends one audit event stamped with the injected clock. Awaited by callers: an action whose
 * audit record cannot be written fails with it (503 when the database is away).
 */
export async function recordAudit(ctx: { clock: Clock }, input: AuditInput): Promise<void> {
  if (!ACTION.test(input.action)) throw new Error(`invalid audit action name: ${input.action}`);
  const actorId = input.actor && Types.ObjectId.isValid(input.actor.id) ? new Types.ObjectId(input.actor.id) : null;
  await insertAuditEvent({
    at: ctx.clock.now(),
    action: input.action,
    actorId,
    actorUsername: input.actor?.username ?? null,
    actorRole: input.actor?.role ?? null,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetLabel: input.target?.label ?? null,
    details: input.details ?? {},
    ip: input.ip ?? null,
  });
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

export function encodeAuditCursor(e: Pick<AuditEventDoc, 'at' | '_id'>): string {
  return Buffer.from(`${new Date(e.at).getTime()}.${String(e._id)}`).toString('base64url');
}

function decodeAuditCursor(cursor: string): { at: Date; id: string } {
  const m = /^(\d{1,15})\.([0-9a-f]{24})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m) throw badRequest('INVALID_CURSOR', 'The cursor is not one this list handed out');
  return { at: new Date(Number(m[1])), id: m[2]! };
}

/** One page of audit events, newest first. */
export async function listAuditEvents(q: AuditQuery): Promise<{ items: AuditEventDoc[]; nextCursor: string | null }> {
  const filter: AuditListFilter = {
    action: q.action,
    actorId: q.actorId,
    targetId: q.targetId,
    from: q.from ? new Date(q.from) : undefined,
    to: q.to ? new Date(q.to) : undefined,
    after: q.cursor ? decodeAuditCursor(q.cursor) : undefined,
  };
  const rows = await findAuditEvents(filter, q.limit);
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeAuditCursor(last) : null };
}
