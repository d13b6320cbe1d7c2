import type { CaseDto, CaseEventDto } from '../../contracts';
import type { AuthUser } from '../auth';
import type { CaseAction } from '../../contracts';
import type { CaseRecord } from './cases.repository';

const iso = (d: unknown): string | null => (d instanceof Date ? d.toISOString() : d ? new Date(String(d)).toISOString() : null);
const ref = (id: unknown, code: unknown, name?: unknown) =>
  id ? { id: String(id), code: String(code ?? ''), ...(name ? { name: name as { zh: string; en: string } } : {}) } : null;

export interface PresentContext {
  user: AuthUser;
  now: Date;
  actions: CaseAction[];
  category: { code: string; name: { zh: string; en: string }; domain: string; penaltyCapable: boolean } | null;
  labels: {
    grid?: { code: string; name?: { zh: string; en: string } } | null;
    zone?: { code: string; name?: { zh: string; en: string } } | null;
    team?: { code: string; name?: { zh: string; en: string } } | null;
    holder?: { displayName: string; role: string } | null;
    reporter?: { displayName: string } | null;
  };
}

/** Case document → API DTO, every field listed (nothing internal leaks). */
export function presentCase(c: CaseRecord, p: PresentContext): CaseDto {
  const dueAt = c.stage?.dueAt ? new Date(c.stage.dueAt) : null;
  const penalty = c.penalty
    ? {
        steps: c.penalty.steps ?? [],
        major: Boolean(c.penalty.major),
        legalReview: c.penalty.legalReview ?? 'none',
        decision: c.penalty.decision
          ? {
              type: c.penalty.decision.type,
              amountYuan: c.penalty.decision.amountYuan,
              legalBasis: c.penalty.decision.legalBasis,
              at: iso(c.penalty.decision.at)!,
            }
          : null,
        decisionDueAt: iso(c.penalty.decisionDueAt),
      }
    : null;
  return {
    id: String(c._id),
    caseNo: c.caseNo,
    status: c.status as CaseDto['status'],
    tier: c.tier,
    source: c.source,
    urgent: Boolean(c.urgent),
    category: p.category ?? { code: c.categoryCode, name: { zh: c.categoryCode, en: c.categoryCode }, domain: c.domain, penaltyCapable: false },
    description: c.description,
    address: c.address ?? null,
    location: { type: 'Point', coordinates: [c.location.coordinates[0], c.location.coordinates[1]] },
    outside: Boolean(c.outside),
    grid: ref(c.gridId, p.labels.grid?.code ?? c.labels?.gridCode, p.labels.grid?.name),
    zone: ref(c.zoneId, p.labels.zone?.code, p.labels.zone?.name),
    team: ref(c.teamId, p.labels.team?.code, p.labels.team?.name),
    holder: c.holderId && p.labels.holder ? { id: String(c.holderId), displayName: p.labels.holder.displayName, role: p.labels.holder.role as never } : null,
    reporter: c.reporterId ? { id: String(c.reporterId), displayName: p.labels.reporter?.displayName ?? c.labels?.reporterName ?? '' } : null,
    stage: c.stage?.name ? { name: c.stage.name, dueAt: iso(dueAt), overdue: dueAt !== null && p.now > dueAt } : null,
    possibleDuplicates: (c.possibleDuplicates ?? []).map((d: { id: string; caseNo: string; distanceM: number }) => ({ id: d.id, caseNo: d.caseNo, distanceM: d.distanceM })),
    mergedInto: c.mergedInto ? { id: String(c.mergedInto.id), caseNo: c.mergedInto.caseNo } : null,
    jointCaseId: c.jointCaseId ? String(c.jointCaseId) : null,
    pending: c.pending ? { kind: c.pending.kind, ...(c.pending.hours ? { hours: c.pending.hours } : {}), requestedBy: String(c.pending.requestedBy) } : null,
    suspended: Boolean(c.suspended),
    penalty,
    referrals: (c.referrals ?? []).map((r: { id: string; agencyId: string; kind: string; at: Date; acknowledgedAt: Date | null }) => ({
      id: r.id,
      agencyId: String(r.agencyId),
      kind: r.kind,
      at: iso(r.at)!,
      acknowledgedAt: iso(r.acknowledgedAt),
    })),
    photos: [],
    allowedActions: p.actions,
    seq: c.seq,
    createdAt: iso(c.createdAt)!,
    updatedAt: iso(c.updatedAt)!,
    filedAt: iso(c.filedAt),
    closedAt: iso(c.closedAt),
  };
}

export function presentEvent(e: {
  seq: number;
  action: string;
  from: string | null;
  to: string | null;
  actorId: unknown;
  actorName: string | null;
  actorRole: string | null;
  at: Date;
  note: string | null;
  data: Record<string, unknown>;
  attachments: string[];
  hash: string;
}): CaseEventDto {
  return {
    seq: e.seq,
    action: e.action,
    from: (e.from as CaseEventDto['from']) ?? null,
    to: (e.to as CaseEventDto['to']) ?? null,
    actor: e.actorId ? { id: String(e.actorId), displayName: e.actorName ?? '', role: e.actorRole as never } : null,
    at: e.at.toISOString(),
    note: e.note ?? null,
    data: e.data ?? {},
    attachments: e.attachments ?? [],
    hash: e.hash,
  };
}
