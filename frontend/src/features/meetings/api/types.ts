/** Liaison meeting (联席会议) DTOs as `/api/v1/meetings` answers them (backend meetings.presenter). */
export type LocalName = { zh: string; en: string };
export interface UnitRef {
  id: string;
  code: string;
  name: LocalName;
}

export const ITEM_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export type ItemAction = 'done' | 'cancel';
export type MeetingStatus = 'scheduled' | 'held';
/** `add_agenda`, `attendance`, `minutes`, `resolve`, `conclude` for the bureau. */
export type MeetingAction = 'add_agenda' | 'attendance' | 'minutes' | 'resolve' | 'conclude';

export interface ActionItemDto {
  id: string;
  meetingId: string;
  resolutionId: string;
  title: string;
  owner: { kind: 'bureau' | 'team' | 'agency'; team: UnitRef | null; agency: UnitRef | null };
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

/** Why an agenda item's content is withheld from the viewer (the backend's code; the page words it). */
export type AgendaHiddenReason = 'action_item' | 'case' | 'joint_case';

export interface AgendaItemDto {
  id: string;
  kind: 'case' | 'joint_case' | 'topic' | 'carry_over' | string;
  /** Empty when `hidden` is set. */
  title: string;
  case: { id: string; caseNo: string } | null;
  jointCaseId: string | null;
  jointCase: { id: string; title: string; status: string; caseNos: string[] } | null;
  carriedOver: { actionItemId: string; fromMeetingId: string; item: ActionItemDto | null } | null;
  hidden: AgendaHiddenReason | null;
  addedAt: string;
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
  status: MeetingStatus;
  heldAt: string | null;
  convener: { id: string; displayName: string };
  invitedAgencies: UnitRef[];
  allowedActions: MeetingAction[];
  createdAt: string;
}

export interface AttendanceEntry {
  agencyId: string | null;
  userId: string | null;
  name: string;
  present: boolean;
  note: string | null;
}

export interface MeetingDto extends MeetingSummaryDto {
  agenda: AgendaItemDto[];
  attendance: AttendanceEntry[];
  minutes: { text: string; revision: number; updatedAt: string; updatedBy: { id: string; displayName: string } } | null;
  resolutions: { id: string; text: string; agendaItemId: string | null; actionItems: ActionItemDto[] }[];
}

export const meetingKeys = {
  all: ['meetings'] as const,
  list: (f: object) => ['meetings', 'list', f] as const,
  one: (id: string) => ['meetings', 'one', id] as const,
  items: (f: object) => ['meetings', 'items', f] as const,
};
