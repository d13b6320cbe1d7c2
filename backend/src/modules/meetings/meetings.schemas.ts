import { z } from 'zod';
import { ObjectIdString } from '../../contracts';
import { ITEM_STATUSES } from './action-item.workflow';
import { MEETING_STATUSES } from './meeting.model';

const Text = (max: number) => z.string().trim().min(1).max(max);
const When = z.iso.datetime({ offset: true }).transform((s) => new Date(s));

export const RecurrenceSchema = z.strictObject({
  freq: z.literal('monthly'),
  /** Day of the month (1–28, so every month has it). */
  day: z.number().int().min(1).max(28),
  interval: z.number().int().min(1).max(12).default(1),
});

/** An agenda item: a case, a joint case or a free topic (carried-over items are added by the system). */
export const AgendaInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('case'), caseId: ObjectIdString, title: Text(300).optional() }),
  z.strictObject({ kind: z.literal('joint_case'), jointCaseId: ObjectIdString, title: Text(300).optional() }),
  z.strictObject({ kind: z.literal('topic'), title: Text(300) }),
]);
export type AgendaInput = z.infer<typeof AgendaInputSchema>;

/** `POST /meetings`: regular meetings carry a recurrence, ad hoc ones none. */
export const CreateMeetingSchema = z
  .strictObject({
    title: Text(200),
    kind: z.enum(['regular', 'ad_hoc']),
    scheduledAt: When,
    location: z.string().trim().max(200).default(''),
    recurrence: RecurrenceSchema.optional(),
    invitedAgencyIds: z.array(ObjectIdString).max(30).default([]),
    agenda: z.array(AgendaInputSchema).max(50).default([]),
  })
  .refine((b) => (b.kind === 'regular') === Boolean(b.recurrence), {
    message: 'a regular meeting needs a recurrence; an ad hoc meeting has none',
    path: ['recurrence'],
  })
  .refine((b) => new Set(b.invitedAgencyIds).size === b.invitedAgencyIds.length, { message: 'agencies must be distinct', path: ['invitedAgencyIds'] });
export type CreateMeetingBody = z.infer<typeof CreateMeetingSchema>;

export const ListMeetingsQuery = z.strictObject({
  status: z.enum(MEETING_STATUSES).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ObjectIdString.optional(),
});
export type ListMeetingsQuery = z.infer<typeof ListMeetingsQuery>;

export const AttendanceSchema = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        agencyId: ObjectIdString.optional(),
        userId: ObjectIdString.optional(),
        name: Text(100),
        present: z.boolean(),
        note: z.string().trim().max(300).optional(),
      }),
    )
    .max(100),
});
export type AttendanceBody = z.infer<typeof AttendanceSchema>;

/** Minutes are written against the revision the writer saw (0 for the first). */
export const MinutesSchema = z.strictObject({ text: Text(50000), baseRevision: z.number().int().min(0) });
export type MinutesBody = z.infer<typeof MinutesSchema>;

export const OwnerSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bureau') }),
  z.strictObject({ kind: z.literal('team'), teamId: ObjectIdString }),
  z.strictObject({ kind: z.literal('agency'), agencyId: ObjectIdString }),
]);

/** `POST /meetings/:id/resolutions`: a resolution (决议) and its action items. */
export const ResolutionSchema = z.strictObject({
  text: Text(4000),
  agendaItemId: ObjectIdString.optional(),
  actionItems: z.array(z.strictObject({ title: Text(500), owner: OwnerSchema, dueAt: When })).max(30).default([]),
});
export type ResolutionBody = z.infer<typeof ResolutionSchema>;

export const ItemTransitionSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('done'), evidence: z.array(Text(500)).min(1).max(20), note: z.string().trim().max(2000).optional() }),
  z.strictObject({ action: z.literal('cancel'), note: Text(2000) }),
]);
export type ItemTransitionBody = z.infer<typeof ItemTransitionSchema>;

export const ListItemsQuery = z.strictObject({
  status: z.enum(ITEM_STATUSES).optional(),
  meetingId: ObjectIdString.optional(),
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: ObjectIdString.optional(),
});
export type ListItemsQuery = z.infer<typeof ListItemsQuery>;

export const IdParams = z.strictObject({ id: ObjectIdString });
export const ItemParams = z.strictObject({ itemId: ObjectIdString });
export const NoQuery = z.strictObject({});
