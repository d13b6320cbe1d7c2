import { z } from 'zod';
import { ObjectIdString, PageQuery } from '../../contracts';

/** `GET /audit` filters; `from` inclusive, `to` exclusive (ISO 8601 with offset). */
export const ListAuditQuery = z
  .strictObject({
    action: z.string().regex(/^[a-z0-9_.]{1,100}$/, 'must be an action name such as auth.login').optional(),
    actorId: ObjectIdString.optional(),
    targetId: z.string().regex(/^[A-Za-z0-9_.:-]{1,100}$/).optional(),
    from: z.iso.datetime({ offset: true }).optional(),
    to: z.iso.datetime({ offset: true }).optional(),
    ...PageQuery,
  })
  .refine((q) => !q.from || !q.to || new Date(q.from) < new Date(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
