import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { requireAuth, requireRole } from '../auth';
import { presentAuditEvent } from './audit.presenter';
import { ListAuditQuery } from './audit.schemas';
import { listAuditEvents } from './audit.service';

/** `/api/v1/audit`: read-only, for administrators and the legal office. */
export function createAuditRouter(ctx: AppContext): Router {
  const router = Router();
  router.get(
    '/',
    requireAuth(ctx),
    requireRole('admin', 'legal_officer'),
    ...route({ query: ListAuditQuery }, async ({ query }, _req, res) => {
      const page = await listAuditEvents(query);
      res.json({ data: page.items.map(presentAuditEvent), meta: { nextCursor: page.nextCursor } });
    }),
  );
  return router;
}
