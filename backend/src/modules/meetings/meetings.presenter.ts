import type { UnitLabel } from '../joint-cases';
import { isOverdue, type ItemAction, type ItemStatus } from './action-item.workflow';
import type { AgendaRecord, ItemRecord, MeetingRecord } from './meetings.repository';

const iso = (d: unknown): string | null => (d ? new Date(d as string).toISOString() : null);
type Ref = { id: string; code: string; name: { zh: string; en: string } };
const ref = (labels: Map<string, UnitLabel>, id: unknown): Ref => {
  const l = labels.get(String(id));
  return l ? { id: l.id, code: l.code, name: l.name } : { id: String(id), code: '', name: { zh: '', en: '' } };
};

export interface ActionItemDto {
  id: string;
  meetingId: string;
  resolutionId: string;
  title: string;
  owner: { kind: 'bureau' | 'team' | 'agency'; team: Ref | null; agency: Ref | null };
  dueAt: string;
  status: ItemStatus;
  overdue: boolean;
  evidence: string[];
  note: string | null;
  closedAt: string | null;
  allowedActions: ItemAction[];
  seq: number;
  createdAt: string;
}

export interface Labels {
  agencies: Map<string, UnitLabel>;
  teams: Map<string, UnitLabel>;
}

export function presentItem(i: ItemRecord, labels: Labels, actions: ItemAction[], now: Date): ActionItemDto {
  return {
    id: String(i._id),
    meetingId: String(i.meetingId),
    resolutionId: String(i.resolutionId),
    title: i.title,
    owner: {
      kind: i.ownerKind,
      team: i.ownerTeamId ? ref(labels.teams, i.ownerTeamId) : null,
      agency: i.ownerAgencyId ? ref(labels.agencies, i.ownerAgencyId) : null,
    },
    dueAt: iso(i.dueAt)!,
    status: i.status,
    overdue: isOverdue(i.status, new Date(i.dueAt), now),
    evidence: i.evidence ?? [],
    note: i.note ?? null,
    closedAt: iso(i.closedAt),
    allowedActions: actions,
    seq: i.seq,
    createdAt: iso(i.createdAt)!,
  };
}

/**
 * Why an agenda item's content is withheld from this viewer (the item is listed, its content not):
 * `action_item` a carried-over item owned by another unit, `case` a case outside their scope,
 * `joint_case` a joint case they are not part of. The web app translates the code.
 */
export const AGENDA_HIDDEN_REASONS = ['action_item', 'case', 'joint_case'] as const;
export type AgendaHiddenReason = (typeof AGENDA_HIDDEN_REASONS)[number];

export interface AgendaJointCaseRef {
  id: string;
  title: string;
  status: string;
  caseNos: string[];
}

export interface AgendaItemDto {
  id: string;
  kind: string;
  /** Empty when `hidden` is set. */
  title: string;
  case: { id: string; caseNo: string } | null;
  jointCaseId: string | null;
  /** The referenced joint case (title, status, its cases' numbers), when the viewer may see it. */
  jointCase: AgendaJointCaseRef | null;
  carriedOver: { actionItemId: string; fromMeetingId: string; item: ActionItemDto | null } | null;
  /** Set when the viewer may not see the item's content: no title, case, joint case or carried item. */
  hidden: AgendaHiddenReason | null;
  addedAt: string;
}

export function presentAgendaItem(a: AgendaRecord, carried: ActionItemDto | null, jointCase: AgendaJointCaseRef | null = null): AgendaItemDto {
  return {
    id: String(a._id),
    kind: a.kind,
    title: a.title,
    case: a.caseId ? { id: String(a.caseId), caseNo: a.caseNo ?? '' } : null,
    jointCaseId: a.jointCaseId ? String(a.jointCaseId) : null,
    jointCase,
    carriedOver: a.actionItemId ? { actionItemId: String(a.actionItemId), fromMeetingId: String(a.fromMeetingId), item: carried } : null,
    hidden: null,
    addedAt: iso(a.addedAt)!,
  };
}

/** The entry as a viewer outside its scope gets it: kind and position only, plus the reason code. */
export function presentHiddenAgendaItem(a: AgendaRecord, reason: AgendaHiddenReason): AgendaItemDto {
  return {
    ...presentAgendaItem({ ...a, title: '', caseId: null, caseNo: null, jointCaseId: null }, null),
    hidden: reason,
  };
}

export interface MeetingSummaryDto {
  id: string;
  title: string;
  kind: 'regular' | 'ad_hoc';
  recurrence: { freq: 'monthly'; day: number; interval: number } | null;
  seriesId: string;
  occurrence: number;
  scheduledAt: string;
  location: string;
  status: 'scheduled' | 'held';
  heldAt: string | null;
  convener: { id: string; displayName: string };
  invitedAgencies: Ref[];
  allowedActions: string[];
  createdAt: string;
}

export interface MeetingDto extends MeetingSummaryDto {
  agenda: AgendaItemDto[];
  attendance: { agencyId: string | null; userId: string | null; name: string; present: boolean; note: string | null }[];
  minutes: { text: string; revision: number; updatedAt: string; updatedBy: { id: string; displayName: string } } | null;
  resolutions: { id: string; text: string; agendaItemId: string | null; actionItems: ActionItemDto[] }[];
}

export function presentMeetingSummary(m: MeetingRecord, agencies: Map<string, UnitLabel>, actions: string[]): MeetingSummaryDto {
  const r = m.recurrence as { freq: 'monthly'; day: number; interval: number } | null;
  return {
    id: String(m._id),
    title: m.title,
    kind: m.kind,
    recurrence: r ? { freq: r.freq, day: r.day, interval: r.interval } : null,
    seriesId: String(m.seriesId),
    occurrence: m.occurrence,
    scheduledAt: iso(m.scheduledAt)!,
    location: m.location ?? '',
    status: m.status,
    heldAt: iso(m.heldAt),
    convener: { id: String(m.convenerId), displayName: m.convenerName ?? '' },
    invitedAgencies: m.invitedAgencyIds.map((a) => ref(agencies, a)),
    allowedActions: actions,
    createdAt: iso(m.createdAt)!,
  };
}

export const presentAttendance = (entries: Record<string, unknown>[]) =>
  entries.map((e) => ({
    agencyId: e.agencyId ? String(e.agencyId) : null,
    userId: e.userId ? String(e.userId) : null,
    name: String(e.name ?? ''),
    present: Boolean(e.present),
    note: e.note ? String(e.note) : null,
  }));
