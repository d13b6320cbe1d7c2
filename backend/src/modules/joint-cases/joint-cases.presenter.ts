import type { UnitLabel } from './agency-lookup.repository';
import type { JointCaseRecord, JointStep, TaskRecord } from './joint-cases.repository';
import type { AgencyRef, JointCaseDto, JointStepDto, JointTaskDto, TaskAction, TaskStatus } from '../../contracts';

const iso = (d: unknown): string | null => (d ? new Date(d as string).toISOString() : null);

export type { AgencyRef, JointCaseDto, JointStepDto, JointTaskDto };

const agencyRef = (labels: Map<string, UnitLabel>, id: unknown): AgencyRef => {
  const l = labels.get(String(id));
  return l ? { id: l.id, code: l.code, name: l.name } : { id: String(id), code: '', name: { zh: '', en: '' } };
};

export function presentTask(t: TaskRecord, labels: Map<string, UnitLabel>, actions: TaskAction[], now: Date): JointTaskDto {
  const open = !['done', 'cancelled', 'declined'].includes(t.status);
  return {
    id: String(t._id),
    jointCaseId: String(t.jointCaseId),
    agency: agencyRef(labels, t.agencyId),
    description: t.description,
    dueAt: iso(t.dueAt)!,
    overdue: open && new Date(t.dueAt) < now,
    status: t.status,
    declineReason: t.declineReason ?? null,
    cancelReason: t.cancelReason ?? null,
    result: t.result
      ? { text: t.result.text, attachments: t.result.attachments ?? [], reportedAt: iso(t.result.reportedAt)!, reportedBy: String(t.result.reportedBy) }
      : null,
    reassignedToTaskId: t.reassignedToTaskId ? String(t.reassignedToTaskId) : null,
    reassignedFromTaskId: t.reassignedFromTaskId ? String(t.reassignedFromTaskId) : null,
    allowedActions: actions,
    seq: t.seq,
    createdAt: iso(t.createdAt)!,
    updatedAt: iso(t.updatedAt)!,
  };
}

export function presentJointCase(
  jc: JointCaseRecord,
  p: { labels: Map<string, UnitLabel>; names: Map<string, string>; tasks: TaskRecord[]; actions: string[]; taskDtos?: JointTaskDto[] },
): JointCaseDto {
  const counts = { assigned: 0, accepted: 0, declined: 0, in_progress: 0, done: 0, cancelled: 0 } as Record<TaskStatus, number>;
  for (const t of p.tasks) counts[t.status]++;
  const d = jc.decision as { text: string; decidedAt: Date; decidedBy: unknown } | null;
  return {
    id: String(jc._id),
    title: jc.title,
    description: jc.description ?? '',
    reason: jc.reason,
    status: jc.status,
    cases: (jc.cases ?? []).map((c: { id: unknown; caseNo: string }) => ({ id: String(c.id), caseNo: c.caseNo })),
    lead: { kind: jc.lead.kind, agency: jc.lead.agencyId ? agencyRef(p.labels, jc.lead.agencyId) : null },
    agencies: jc.agencyIds.map((a) => agencyRef(p.labels, a)),
    decision: d
      ? { text: d.text, decidedAt: iso(d.decidedAt)!, decidedBy: { id: String(d.decidedBy), displayName: p.names.get(String(d.decidedBy)) ?? '' } }
      : null,
    openedBy: { id: String(jc.openedBy), displayName: jc.openedByName ?? '' },
    openedAt: iso(jc.openedAt)!,
    closedAt: iso(jc.closedAt),
    taskCounts: counts,
    ...(p.taskDtos ? { tasks: p.taskDtos } : {}),
    allowedActions: p.actions,
    seq: jc.seq,
  };
}

export function presentStep(e: JointStep): JointStepDto {
  return {
    seq: e.seq,
    step: e.step,
    taskId: e.taskId ? String(e.taskId) : null,
    actor: e.actorId ? { id: String(e.actorId), displayName: e.actorName ?? '', role: e.actorRole ?? '' } : null,
    at: iso(e.at)!,
    note: e.note ?? null,
    data: e.data ?? {},
  };
}
