import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { conflict, notFound } from '../../core/errors';
import type { AuthUser } from '../auth';
import { loadVisibleCase } from '../cases';
import { agencyLabels, assertActiveAgencies, jointCasesByIds, liaisonsOf } from '../joint-cases';
import { notifyUsers } from '../notifications';
import { carryOverInto } from './carry-over.service';
import { canSeeMeeting, meetingActions, meetingScopeFilter } from './meetings.policy';
import { presentMeetingSummary } from './meetings.presenter';
import {
  findMeeting,
  findMeetingBySeriesKey,
  insertAgendaItem,
  insertMeeting,
  insertMinutes,
  latestMinutes,
  listMeetings,
  markHeld,
  oid,
  replaceAttendance,
  type MeetingRecord,
} from './meetings.repository';
import type { AgendaInput, AttendanceBody, CreateMeetingBody, ListMeetingsQuery, MinutesBody } from './meetings.schemas';
import { nextOccurrence, type Recurrence } from './recurrence.workflow';

export async function loadVisibleMeeting(user: AuthUser, id: string): Promise<MeetingRecord> {
  const m = await findMeeting(id);
  if (!m || !(await canSeeMeeting(user, m))) throw notFound('meeting', id);
  return m;
}

/** Agenda references are checked (the case must be visible to the convener, the joint case must exist). */
async function agendaDoc(user: AuthUser, meetingId: Types.ObjectId, a: AgendaInput, at: Date) {
  const base = { meetingId, key: `item:${String(new Types.ObjectId())}`, kind: a.kind, addedBy: oid(user.id), addedAt: at };
  if (a.kind === 'case') {
    const kase = await loadVisibleCase(user, a.caseId);
    return { ...base, caseId: kase._id, caseNo: kase.caseNo, title: a.title ?? `${kase.caseNo} ${String(kase.description).slice(0, 80)}` };
  }
  if (a.kind === 'joint_case') {
    const [jc] = await jointCasesByIds([oid(a.jointCaseId)]);
    if (!jc) throw notFound('joint case', a.jointCaseId);
    return { ...base, jointCaseId: jc._id, title: a.title ?? jc.title };
  }
  return { ...base, title: a.title };
}

async function announce(m: MeetingRecord, at: Date) {
  await notifyUsers(await liaisonsOf(m.invitedAgencyIds.map(String)), {
    kind: 'meeting.invited',
    title: `联席会议通知：${m.title}`,
    body: `${new Date(m.scheduledAt).toISOString()} ${m.location ?? ''}`.trim(),
    link: `/meetings/${String(m._id)}`,
    key: `meeting:${String(m._id)}:invited`,
    at,
  });
}

/** Schedules a meeting (regular: the first of a series), with its agenda and the open items carried over. */
export async function createMeeting(ctx: AppContext, user: AuthUser, body: CreateMeetingBody): Promise<MeetingRecord> {
  await assertActiveAgencies(body.invitedAgencyIds, 'invitedAgencyIds');
  const now = ctx.clock.now();
  const _id = new Types.ObjectId();
  const agenda = [];
  for (const a of body.agenda) agenda.push(await agendaDoc(user, _id, a, now));
  await insertMeeting({
    _id, title: body.title, kind: body.kind, seriesId: _id, occurrence: 1, seriesKey: `${String(_id)}:1`,
    recurrence: body.recurrence ?? null, scheduledAt: body.scheduledAt, location: body.location,
    convenerId: oid(user.id), convenerName: user.displayName, invitedAgencyIds: body.invitedAgencyIds.map(oid),
    status: 'scheduled', heldAt: null, createdBy: oid(user.id), createdAt: now, updatedAt: now,
  });
  for (const doc of agenda) await insertAgendaItem(doc);
  const m = (await findMeeting(String(_id)))!;
  await carryOverInto(m, now);
  await announce(m, now);
  ctx.logger.info({ meetingId: String(_id), kind: body.kind }, 'meeting scheduled');
  return m;
}

/**
 * The next meeting of a regular series. Its `seriesKey` is unique, so concluding twice (or two
 * instances at once) yields one next meeting: the losing insert finds the winner's.
 */
async function scheduleNext(ctx: AppContext, m: MeetingRecord, at: Date): Promise<MeetingRecord> {
  const occurrence = m.occurrence + 1;
  const seriesKey = `${String(m.seriesId)}:${occurrence}`;
  const existing = await findMeetingBySeriesKey(seriesKey);
  if (existing) return existing;
  const _id = new Types.ObjectId();
  const inserted = await insertMeeting({
    _id, title: m.title, kind: m.kind, seriesId: m.seriesId, occurrence, seriesKey, recurrence: m.recurrence,
    scheduledAt: nextOccurrence(new Date(m.scheduledAt), m.recurrence as Recurrence), location: m.location,
    convenerId: m.convenerId, convenerName: m.convenerName, invitedAgencyIds: m.invitedAgencyIds,
    status: 'scheduled', heldAt: null, createdBy: m.convenerId, createdAt: at, updatedAt: at,
  });
  const next = (await findMeetingBySeriesKey(seriesKey))!;
  if (inserted) {
    await carryOverInto(next, at);
    await announce(next, at);
    ctx.logger.info({ meetingId: String(next._id), seriesKey }, 'next regular meeting scheduled');
  }
  return next;
}

/** Marks the meeting held (召开); a regular meeting schedules the next one of its series. */
export async function concludeMeeting(ctx: AppContext, m: MeetingRecord): Promise<{ meeting: MeetingRecord; next: MeetingRecord | null }> {
  if (m.status !== 'scheduled') throw conflict('MEETING_ALREADY_HELD', 'The meeting has been held already');
  const now = ctx.clock.now();
  await markHeld(m._id, now);
  const meeting = (await findMeeting(String(m._id)))!;
  const next = m.kind === 'regular' && m.recurrence ? await scheduleNext(ctx, meeting, now) : null;
  return { meeting, next };
}

export async function addAgendaItem(ctx: AppContext, user: AuthUser, m: MeetingRecord, a: AgendaInput): Promise<void> {
  if (m.status !== 'scheduled') throw conflict('MEETING_ALREADY_HELD', 'The agenda of a held meeting is closed');
  await insertAgendaItem(await agendaDoc(user, m._id, a, ctx.clock.now()));
}

export async function setAttendance(ctx: AppContext, user: AuthUser, m: MeetingRecord, body: AttendanceBody): Promise<void> {
  const ids = body.entries.map((e) => e.agencyId).filter((a): a is string => Boolean(a));
  await assertActiveAgencies(ids, 'entries');
  const entries = body.entries.map((e) => ({ agencyId: e.agencyId ?? null, userId: e.userId ?? null, name: e.name, present: e.present, note: e.note ?? null }));
  await replaceAttendance(m._id, entries, user.id, ctx.clock.now());
}

/** Saves minutes (纪要) as revision base+1; a writer who did not see the latest revision gets 409. */
export async function saveMinutes(ctx: AppContext, user: AuthUser, m: MeetingRecord, body: MinutesBody): Promise<number> {
  const latest = (await latestMinutes(m._id))?.rev ?? 0;
  const stale = () => conflict('MINUTES_CONFLICT', 'The minutes were changed by someone else; reload and merge', { revision: latest });
  if (body.baseRevision !== latest) throw stale();
  const rev = latest + 1;
  const ok = await insertMinutes({ meetingId: m._id, rev, text: body.text, by: oid(user.id), byName: user.displayName, at: ctx.clock.now() });
  if (!ok) throw stale();
  return rev;
}

export async function listVisibleMeetings(user: AuthUser, q: ListMeetingsQuery) {
  const filter: Record<string, unknown>[] = [await meetingScopeFilter(user)];
  if (q.status) filter.push({ status: q.status });
  if (q.from) filter.push({ scheduledAt: { $gte: new Date(q.from) } });
  if (q.to) filter.push({ scheduledAt: { $lt: new Date(q.to) } });
  const page = await listMeetings({ $and: filter }, q.limit, q.cursor);
  const labels = await agencyLabels(page.items.flatMap((m) => m.invitedAgencyIds.map(String)));
  return { data: page.items.map((m) => presentMeetingSummary(m, labels, meetingActions(user, m))), nextCursor: page.nextCursor };
}
