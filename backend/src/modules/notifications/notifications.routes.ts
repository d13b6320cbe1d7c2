import { Router } from 'express';
import { z } from 'zod';
import { ObjectIdString } from '../../contracts';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth } from '../auth';
import { listNotifications, markRead } from './notifications.service';

/** `/notifications`: the caller's own notices only. */
export function createNotificationsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/',
    requireAuth(ctx),
    ...route(
      {
        query: z.strictObject({
          unread: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      async ({ query }, req, res) => {
        const { rows, unread } = await listNotifications(caller(req).id, query.unread ?? false, query.limit);
        res.json({
          data: rows.map((n) => ({
            id: String(n._id),
            kind: n.kind,
            title: n.title,
            body: n.body,
            link: n.link ?? null,
            caseId: n.caseId ? String(n.caseId) : null,
            at: n.at.toISOString(),
            readAt: n.readAt ? n.readAt.toISOString() : null,
          })),
          meta: { unread },
        });
      },
    ),
  );
  r.post(
    '/:id/read',
    requireAuth(ctx),
    ...route({ params: z.strictObject({ id: ObjectIdString }) }, async ({ params }, req, res) => {
      await markRead(caller(req).id, params.id, ctx.clock.now());
      res.status(204).end();
    }),
  );
  return r;
}
