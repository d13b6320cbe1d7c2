import { Schema, model, Types } from 'mongoose';
import { ITEM_STATUSES, OWNER_KINDS } from './action-item.workflow';

/** A resolution (决议) of a meeting; its action items are documents of their own. */
const resolutionSchema = new Schema(
  {
    meetingId: { type: Types.ObjectId, required: true },
    text: { type: String, required: true },
    agendaItemId: { type: Types.ObjectId, default: null },
    createdBy: { type: Types.ObjectId, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'meeting_resolutions' },
);
resolutionSchema.index({ meetingId: 1, createdAt: 1 });
export const ResolutionModel = model('MeetingResolution', resolutionSchema);

/**
 * An action item (督办事项) from a resolution: owner (a bureau unit, a team or an agency), due
 * date, status, evidence. A projection of its events (unique (itemId, seq)) like cases and tasks.
 * The owner's team/agency and the meeting's date are denormalised for scope and carry-over queries.
 */
const actionItemSchema = new Schema(
  {
    meetingId: { type: Types.ObjectId, required: true },
    meetingScheduledAt: { type: Date, required: true },
    resolutionId: { type: Types.ObjectId, required: true },
    title: { type: String, required: true },
    ownerKind: { type: String, enum: OWNER_KINDS, required: true },
    ownerTeamId: { type: Types.ObjectId, default: null },
    ownerAgencyId: { type: Types.ObjectId, default: null },
    dueAt: { type: Date, required: true },
    status: { type: String, enum: ITEM_STATUSES, required: true },
    evidence: { type: [String], default: [] },
    note: { type: String, default: null },
    closedAt: { type: Date, default: null },
    closedBy: { type: Types.ObjectId, default: null },
    createdBy: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
  },
  { timestamps: true, collection: 'meeting_action_items', minimize: false },
);
actionItemSchema.index({ meetingId: 1, createdAt: 1 });
actionItemSchema.index({ status: 1, meetingScheduledAt: 1 });
actionItemSchema.index({ status: 1, dueAt: 1 });
actionItemSchema.index({ ownerAgencyId: 1, status: 1, dueAt: 1 });
actionItemSchema.index({ ownerTeamId: 1, status: 1, dueAt: 1 });
export const ActionItemModel = model('MeetingActionItem', actionItemSchema);

/** Action item state changes; (itemId, seq) unique decides between concurrent updates. */
const actionItemEventSchema = new Schema(
  {
    itemId: { type: Types.ObjectId, required: true },
    seq: { type: Number, required: true },
    action: { type: String, required: true },
    from: { type: String, default: null },
    to: { type: String, required: true },
    actorId: { type: Types.ObjectId, default: null },
    actorRole: { type: String, default: null },
    at: { type: Date, required: true },
    note: { type: String, default: null },
    patch: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'meeting_action_item_events', minimize: false },
);
actionItemEventSchema.index({ itemId: 1, seq: 1 }, { unique: true });
export const ActionItemEventModel = model('MeetingActionItemEvent', actionItemEventSchema);

/** Due/overdue notices claimed once (`_id` names item, due time and kind). */
const noticeSchema = new Schema(
  { _id: { type: String }, itemId: { type: Types.ObjectId, required: true }, kind: String, at: Date },
  { collection: 'meeting_action_item_notices' },
);
export const ActionItemNoticeModel = model('MeetingActionItemNotice', noticeSchema);
