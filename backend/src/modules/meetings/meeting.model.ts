import { Schema, model, Types } from 'mongoose';

export const MEETING_KINDS = ['regular', 'ad_hoc'] as const;
export const MEETING_STATUSES = ['scheduled', 'held'] as const;
export const AGENDA_KINDS = ['case', 'joint_case', 'topic', 'carry_over'] as const;

/**
 * A liaison meeting (联席会议): bureau + stationed agencies, regular (a series with a recurrence)
 * or ad hoc. `seriesKey` = series id + occurrence is unique, so the next meeting of a series is
 * generated once however many times (or places) concluding runs.
 */
const meetingSchema = new Schema(
  {
    title: { type: String, required: true },
    kind: { type: String, enum: MEETING_KINDS, required: true },
    seriesId: { type: Types.ObjectId, required: true },
    occurrence: { type: Number, required: true },
    seriesKey: { type: String, required: true },
    recurrence: { type: Schema.Types.Mixed, default: null },
    scheduledAt: { type: Date, required: true },
    location: { type: String, default: '' },
    convenerId: { type: Types.ObjectId, required: true },
    convenerName: { type: String, default: '' },
    invitedAgencyIds: { type: [Types.ObjectId], default: [] },
    status: { type: String, enum: MEETING_STATUSES, required: true },
    heldAt: { type: Date, default: null },
    createdBy: { type: Types.ObjectId, required: true },
  },
  { timestamps: true, collection: 'meetings', minimize: false },
);
meetingSchema.index({ seriesKey: 1 }, { unique: true });
meetingSchema.index({ scheduledAt: -1 });
meetingSchema.index({ status: 1, scheduledAt: 1 });
meetingSchema.index({ invitedAgencyIds: 1, scheduledAt: -1 });
export const MeetingModel = model('Meeting', meetingSchema);

/**
 * Agenda items are their own documents: (meetingId, key) is unique, and a carried-over action
 * item's key is `carry:<actionItemId>`, so carrying over is idempotent.
 */
const agendaItemSchema = new Schema(
  {
    meetingId: { type: Types.ObjectId, required: true },
    key: { type: String, required: true },
    kind: { type: String, enum: AGENDA_KINDS, required: true },
    title: { type: String, required: true },
    caseId: { type: Types.ObjectId, default: null },
    caseNo: { type: String, default: null },
    jointCaseId: { type: Types.ObjectId, default: null },
    actionItemId: { type: Types.ObjectId, default: null },
    fromMeetingId: { type: Types.ObjectId, default: null },
    addedBy: { type: Types.ObjectId, default: null },
    addedAt: { type: Date, required: true },
  },
  { collection: 'meeting_agenda_items' },
);
agendaItemSchema.index({ meetingId: 1, key: 1 }, { unique: true });
agendaItemSchema.index({ meetingId: 1, addedAt: 1 });
export const AgendaItemModel = model('MeetingAgendaItem', agendaItemSchema);

/** Minutes (纪要) revisions: (meetingId, rev) is unique, so concurrent edits of one revision lose with 409. */
const minutesSchema = new Schema(
  {
    meetingId: { type: Types.ObjectId, required: true },
    rev: { type: Number, required: true },
    text: { type: String, required: true },
    by: { type: Types.ObjectId, required: true },
    byName: { type: String, default: '' },
    at: { type: Date, required: true },
  },
  { collection: 'meeting_minutes' },
);
minutesSchema.index({ meetingId: 1, rev: 1 }, { unique: true });
export const MinutesModel = model('MeetingMinutes', minutesSchema);

/** Attendance (出席), one document per meeting (`_id` = meeting id), replaced as a whole. */
const attendanceSchema = new Schema(
  {
    _id: { type: Types.ObjectId },
    entries: { type: [Schema.Types.Mixed], default: [] },
    by: { type: Types.ObjectId, required: true },
    at: { type: Date, required: true },
  },
  { collection: 'meeting_attendance', minimize: false },
);
export const AttendanceModel = model('MeetingAttendance', attendanceSchema);
