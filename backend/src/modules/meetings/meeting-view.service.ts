import type { AppContext } from '../../core/context';
import type { AuthUser } from '../auth';
import { agencyLabels, teamLabels } from '../joint-cases';
import { canSeeCase, findCase } from '../cases';
import { canSeeItem, itemActions, meetingActions } from './meetings.policy';
import { presentAgendaItem, presentAttendance, presentItem, presentMeetingSummary, type ActionItemDto, type Labels, type MeetingDto } from './meetings.presenter';
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
  return {
    ...presentMeetingSummary(m, labels.agencies, meetingActions(user, m)),
    agenda: await Promise.all(agenda.map((a) => agendaEntryFor(user, a, carried, carriedById))),
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

/**
 * An agenda entry as this caller may see it. Invited liaisons and team leaders see the meeting,
 * but not what lies outside their scope: a carried-over item owned by someone else, or a case not
 * shared with them, shows as a placeholder (no title, owner or case number leaks).
 */
async function agendaEntryFor(user: AuthUser, a: AgendaRecord, carried: ItemRecord[], carriedById: Map<string, ActionItemDto>) {
  if (a.actionItemId) {
    const item = carried.find((i) => String(i._id) === String(a.actionItemId));
    if (item && !canSeeItem(user, item)) return presentAgendaItem({ ...a, title: '遗留事项（无权查看）', caseId: null, caseNo: null }, null);
    return presentAgendaItem(a, carriedById.get(String(a.actionItemId)) ?? null);
  }
  if (a.caseId) {
    const kase = await findCase(String(a.caseId));
    if (!kase || !canSeeCase(user, kase as never)) return presentAgendaItem({ ...a, title: '案件议题（无权查看）', caseId: null, caseNo: null }, null);
  }
  return presentAgendaItem(a, null);
}
