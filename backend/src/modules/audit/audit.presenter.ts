import type { AuditEventDoc } from './audit-event.model';

export interface AuditEventDto {
  id: string;
  at: string;
  action: string;
  actor: { id: string; username: string | null; role: string | null } | null;
  target: { type: string; id: string | null; label: string | null } | null;
  details: Record<string, unknown>;
  ip: string | null;
}

export function presentAuditEvent(e: AuditEventDoc): AuditEventDto {
  return {
    id: String(e._id),
    at: new Date(e.at).toISOString(),
    action: e.action,
    actor: e.actorId ? { id: String(e.actorId), username: e.actorUsername ?? null, role: e.actorRole ?? null } : null,
    target: e.targetType
      ? { type: e.targetType, id: e.targetId ?? null, label: e.targetLabel ?? null }
      : null,
    details: (e.details ?? {}) as Record<string, unknown>,
    ip: e.ip ?? null,
  };
}
