import { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import { ActionItemEventModel, ActionItemModel, ActionItemNoticeModel, ResolutionModel } from './action-item.model';
import type { ItemStatus } from './action-item.workflow';
import { AgendaItemModel, AttendanceModel, MeetingModel, MinutesModel } from './meeting.model';

export type MeetingRecord = Record<string, any> & {
  _id: Types.ObjectId;
  scheduledAt: Date;
  status: 'scheduled' | 'held';
  invitedAgencyIds: Types.ObjectId[];
  convenerId: Types.ObjectId;
};
export type AgendaRecord = Record<string, any> & { _id: Types.ObjectId; kind: string; title: string };
export type ItemRecord = Record<string, any> & {
  _id: Types.ObjectId;
  meetingId: Types.ObjectId;
  status: ItemStatus;
  seq: number;
  dueAt: Date;
  ownerKind: 'bureau' | 'team' | 'agency';
  ownerTeamId: Types.ObjectId | null;
  ownerAgencyId: Types.ObjectId | null;
};

export const oid = (id: string | Types.ObjectId) => new Types.ObjectId(String(id));
const valid = (id: string) => /^[0-9a-f]{24}$/i.test(id);

async function insertOnce(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (err) {
    if (isDuplicateKey(err)) return false;
    throw err;
  }
}

// ---- meetings ----

/** Inserts a meeting; false when its series occurrence exists already. */
export const insertMeeting = (doc: Record<string, unknown>) => insertOnce(() => MeetingModel.create(doc));
export const findMeeting = (id: string) => (valid(id) ? MeetingModel.findById(id).lean<MeetingRecord>() : Promise.resolve(null));
export const findMeetingBySeriesKey = (seriesKey: string) => MeetingModel.findOne({ seriesKey }).lean<MeetingRecord>();
export const markHeld = (id: Types.ObjectId, at: Date) =>
  MeetingModel.updateOne({ _id: id, status: 'scheduled' }, { $set: { status: 'held', heldAt: at, updatedAt: at } }, { timestamps: false });

export async function listMeetings(filter: Record<string, unknown>, limit: number, cursor?: string) {
  const q = cursor ? { $and: [filter, { _id: { $lt: oid(cursor) } }] } : filter;
  const rows = await MeetingModel.find(q).sort({ _id: -1 }).limit(limit + 1).lean<MeetingRecord[]>();
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!._id) : null };
}

export const scheduledMeetingsAfter = (at: Date) =>
  MeetingModel.find({ status: 'scheduled', scheduledAt: { $gt: at } }).lean<MeetingRecord[]>();

export const meetingsByIds = (ids: Types.ObjectId[]) =>
  ids.length ? MeetingModel.find({ _id: { $in: ids } }).lean<MeetingRecord[]>() : Promise.resolve([] as MeetingRecord[]);

// ---- agenda, minutes, attendance, resolutions ----

/** Adds an agenda item; false when (meetingId, key) exists (a carried-over item already there). */
export const insertAgendaItem = (doc: Record<string, unknown>) => insertOnce(() => AgendaItemModel.create(doc));
export const agendaOf = (meetingId: Types.ObjectId) =>
  AgendaItemModel.find({ meetingId }).sort({ addedAt: 1, _id: 1 }).lean<AgendaRecord[]>();

export const latestMinutes = async (meetingId: Types.ObjectId) =>
  (await MinutesModel.find({ meetingId }).sort({ rev: -1 }).limit(1).lean<{ rev: number; text: string; by: Types.ObjectId; byName: string; at: Date }[]>())[0] ??
  null;
/** Inserts minutes revision `rev`; false when someone saved that revision first. */
export const insertMinutes = (doc: Record<string, unknown>) => insertOnce(() => MinutesModel.create(doc));

export const attendanceOf = (meetingId: Types.ObjectId) =>
  AttendanceModel.findById(meetingId).lean<{ entries: Record<string, unknown>[]; at: Date } | null>();
export const replaceAttendance = (meetingId: Types.ObjectId, entries: Record<string, unknown>[], by: string, at: Date) =>
  AttendanceModel.replaceOne({ _id: meetingId }, { _id: meetingId, entries, by: oid(by), at }, { upsert: true });

export const insertResolution = async (doc: Record<string, unknown>) => (await ResolutionModel.create(doc)).toObject();
export const resolutionsOf = (meetingId: Types.ObjectId) =>
  ResolutionModel.find({ meetingId }).sort({ createdAt: 1, _id: 1 }).lean<{ _id: Types.ObjectId; text: string; agendaItemId: Types.ObjectId | null; createdAt: Date }[]>();

// ---- action items ----

async function applyItemPatch(id: Types.ObjectId, seq: number, patch: Record<string, unknown>, at: Date) {
  await ActionItemModel.updateOne({ _id: id, seq: { $lt: seq } }, { $set: { ...patch, seq, updatedAt: at } }, { timestamps: false });
}

async function catchUpItem(item: ItemRecord): Promise<ItemRecord> {
  const later = await ActionItemEventModel.find({ itemId: item._id, seq: { $gt: item.seq } }).sort({ seq: 1 }).lean<{ seq: number; patch: Record<string, unknown>; at: Date }[]>();
  if (later.length === 0) return item;
  for (const e of later) await applyItemPatch(item._id, e.seq, e.patch ?? {}, e.at);
  return (await ActionItemModel.findById(item._id).lean<ItemRecord>()) ?? item;
}

export async function findItem(id: string): Promise<ItemRecord | null> {
  if (!valid(id)) return null;
  const item = await ActionItemModel.findById(id).lean<ItemRecord>();
  return item ? catchUpItem(item) : null;
}

export async function findItems(filter: Record<string, unknown>, sort: Record<string, 1 | -1> = { createdAt: 1, _id: 1 }, limit = 0): Promise<ItemRecord[]> {
  const rows = await ActionItemModel.find(filter).sort(sort).limit(limit).lean<ItemRecord[]>();
  return Promise.all(rows.map(catchUpItem));
}

export async function listItems(filter: Record<string, unknown>, limit: number, cursor?: string) {
  const q = cursor ? { $and: [filter, { _id: { $lt: oid(cursor) } }] } : filter;
  const rows = await findItems(q, { _id: -1 }, limit + 1);
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? String(items[items.length - 1]!._id) : null };
}

export async function insertItem(doc: Record<string, unknown> & { _id: Types.ObjectId }, actor: { id: string; role: string }, at: Date) {
  await ActionItemEventModel.create({ itemId: doc._id, seq: 1, action: 'create', from: null, to: 'open', actorId: actor.id, actorRole: actor.role, at, patch: {} });
  await ActionItemModel.create({ ...doc, seq: 1, createdAt: at, updatedAt: at });
}

/** Appends the item's next event (a duplicate key means someone changed it first) and projects it. */
export async function appendItemEvent(e: { itemId: Types.ObjectId; seq: number; action: string; from: string; to: string; actorId: string; actorRole: string; at: Date; note: string | null; patch: Record<string, unknown> }) {
  await ActionItemEventModel.create(e);
  await applyItemPatch(e.itemId, e.seq, e.patch, e.at);
}

/** Claims a due/overdue notice; false when it was claimed before. */
export const claimItemNotice = (key: string, itemId: Types.ObjectId, kind: string, at: Date) =>
  insertOnce(() => ActionItemNoticeModel.create({ _id: key, itemId, kind, at }));
