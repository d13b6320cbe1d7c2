import { z } from 'zod';
import { ObjectIdString, PageQuery, ROLES } from '../../contracts';
import { PRIORITIES } from './instruction.model';

const Ids = z.array(ObjectIdString).max(200).default([]);

/** `POST /instructions`: what to say, to whom (resolved to users now), how urgent, by when. */
export const SendInstructionSchema = z.strictObject({
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().max(2000).default(''),
  priority: z.enum(PRIORITIES).default('normal'),
  /** Acknowledge by (ISO 8601 with offset); must lie in the future. */
  deadline: z.iso.datetime({ offset: true }).nullable().default(null),
  targets: z
    .strictObject({ teamIds: Ids, zoneIds: Ids, gridIds: Ids, userIds: Ids })
    .refine((t) => t.teamIds.length + t.zoneIds.length + t.gridIds.length + t.userIds.length > 0, {
      message: 'Name at least one team, zone, grid cell or user',
    }),
});
export type SendInstructionBody = z.infer<typeof SendInstructionSchema>;

export const AckInstructionSchema = z.strictObject({
  reply: z.string().trim().max(1000).optional(),
});

export const InstructionIdParams = z.strictObject({ id: ObjectIdString });

export const InboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  ...PageQuery,
});

export const SentQuery = z.strictObject({ ...PageQuery });

/** `GET /instructions/recipients`: the composer's user picker (name or username contains `q`; optional role). */
export const RecipientSearchQuery = z.strictObject({
  q: z.string().trim().max(50).optional(),
  role: z.enum(ROLES).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
