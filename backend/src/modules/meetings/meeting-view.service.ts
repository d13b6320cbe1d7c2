import type { AppContext } from '../../core/context';
import type { AuthUser } from '../auth';
import { agencyLabels, canSeeJointCase, JointCaseModel, teamLabels } from '../joint-cases';
import { canSeeCase, findCase } from '../cases';
import { canSeeItem, itemActions, meetingActions } from './meetings.policy';
import {
  presentAgendaItem,
  presentAttendance,
  presentHiddenAgendaItem,
  presentItem,
  presentMeetingSummary,
  type ActionItemDto,
  type AgendaJointCaseRef,
  type Labels,
  type MeetingDto,
} from './meetings.presenter';
import { agendaOf, attendanceOf, findItems, latestMinutes, oid, resolutionsOf, type ItemRecord, type MeetingRecord } from './meetings.repository';

type AgendaRecord = Awaited<ReturnType<typeof agendaOf>>[number];

async function labelsFor(items: ItemRecord[], agencyIds: string[] = []): Promise<Labels> {
  return {
    agencies: await agencyLabels([...agencyIds, ...items.map((i) => i.ownerAgencyId).filter(Boolean).map(String)]),
    teams: await teamLabels(items.map((i) => i.ownerTeamId).filter(Boolean).map(String)),
  };
}

/** Action items as the caller sees them, with owner names and the actions allowed now. */
export async function viewItems(ctx: AppContext, user: AuthUser, items: ItemRecord[]): Promise<ActionItemDto[]> {
  const labels = await labelsFor(items);
  const now = ctx.clock.now();
  return items.map((i) => presentItem(i, labels, itemActions(user, i), now));
}

/** The whole meeting: agenda (with carried-over items and their current state), attendance, minutes, resolutions. */
export async function viewMeeting(ctx: AppContext, user: AuthUser, m: MeetingRecord): Promise<MeetingDto> {
  const [agenda, attendance, minutes, resolutions, own] = await Promise.all([
    agendaOf(m._id),
    attendanceOf(m._id),
    latestMinutes(m._id),
    resolutionsOf(m._id),
    findItems({ meetingId: m._id }),
  ]);
  const carriedIds = agenda.filter((a) => a.actionItemId).map((a) => oid(a.actionItemId));
  const carried = carriedIds.length ? await findItems({ _id: { $in: carriedIds } }) : [];
  const labels = await labelsFor([...own, ...carried], m.invitedAgencyIds.map(String));
  const now = ctx.clock.now();
  const dto = (i: ItemRecord) => presentItem(i, labels, itemActions(user, i), now);
  const carriedById = new Map(carried.map((i) => [String(i._id), dto(i)]));
  const joint = await visibleJointCases(user, agenda);
  return {
    ...presentMeetingSummary(m, labels.agencies, meetingActions(user, m)),
    agenda: await Promise.all(agenda.map((a) => agendaEntryFor(user, a, carried, carriedById, joint))),
    attendance: presentAttendance(attendance?.entries ?? []),
    minutes: minutes
      ? { text: minutes.text, revision: minutes.rev, updatedAt: minutes.at.toISOString(), updatedBy: { id: String(minutes.by), displayName: minutes.byName } }
      : null,
    resolutions: resolutions.map((r) => ({
      id: String(r._id),
      text: r.text,
      agendaItemId: r.agendaItemId ? String(r.agendaItemId) : null,
      actionItems: own.filter((i) => String(i.resolutionId) === String(r._id)).map(dto),
    })),
  };
}

type JointRecord = Parameters<typeof canSeeJointCase>[1];

/**
 * The joint cases the agenda references, by id, as `null` when this caller may not see them
 * (the joint-case scope rule: the bureau, the agencies involved, those who see a linked case).
 */
async function visibleJointCases(user: AuthUser, agenda: AgendaRecord[]): Promise<Map<string, AgendaJointCaseRef | null>> {
  const ids = [...new Set(agenda.filter((a) => a.jointCaseId).map((a) => String(a.jointCaseId)))];
  if (ids.length === 0) return new Map();
  const rows = await JointCaseModel.find({ _id: { $in: ids.map(oid) } }, { title: 1, status: 1, cases: 1, caseIds: 1, agencyIds: 1 }).lean<JointRecord[]>();
  const out = new Map<string, AgendaJointCaseRef | null>(ids.map((id) => [id, null]));
  for (const jc of rows) {
    if (!(await canSeeJointCase(user, jc))) continue;
    const caseNos = ((jc.cases ?? []) as { caseNo?: string }[]).map((c) => c.caseNo ?? '').filter(Boolean);
    out.set(String(jc._id), { id: String(jc._id), title: String(jc.title), status: String(jc.status), caseNos });
  }
  return out;
}

/**
 * An agenda entry as this caller may see it. Invited liaisons and team leaders see the meeting,
 * but not what lies outside their scope: a carried-over item owned by someone else, a case not
 * shared with them, or a joint case they are not part of, shows with its reason code only (no
 * title, owner or case number leaks; the web app words the placeholder in the viewer's language).
 */
async function agendaEntryFor(
  user: AuthUser,
  a: AgendaRecord,
  carried: ItemRecord[],
  carriedById: Map<string, ActionItemDto>,
  joint: Map<string, AgendaJointCaseRef | null>,
) {
  if (a.actionItemId) {
    const item = carried.find((i) => String(i._id) === String(a.actionItemId));
    if (item && !canSeeItem(user, item)) return presentHiddenAgendaItem(a, 'action_item');
    return presentAgendaItem(a, carriedById.get(String(a.actionItemId)) ?? null);
  }
  if (a.caseId) {
    const kase = await findCase(String(a.caseId));
    if (!kase || !canSeeCase(user, kase as never)) return presentHiddenAgendaItem(a, 'case');
  }
  if (a.jointCaseId) {
    const jc = joint.get(String(a.jointCaseId)) ?? null;
    if (!jc) return presentHiddenAgendaItem(a, 'joint_case');
    return presentAgendaItem(a, null, jc);
  }
  return presentAgendaItem(a, null);
}
