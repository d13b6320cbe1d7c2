import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { requireAuth } from '../auth';
import type { OrgLabel } from '../org';
import { RouteQuery } from './geography.schemas';
import { explainRoute } from './routing.service';

/**
 * `GET /routing/locate`: what the router says for a point and a category, in the shape the map's
 * click preview and outside systems use (`outOfGrid`, the responsible inspectors, the queue). The
 * same function routes every new case in-process.
 */
export function createRoutingRouter(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/locate',
    requireAuth(ctx),
    ...route({ query: RouteQuery, summary: 'Locate a point: grid cell, zone, team, tier and responsible people' }, async ({ query }, _req, res) => {
      const { route: result, labels, inspectorIds } = await explainRoute([query.lng, query.lat], query.category);
      const ref = (id: string | null, l: OrgLabel | null) => (id ? { id, code: l?.code ?? null, name: l?.name ?? null } : null);
      res.json({
        data: {
          grid: ref(result.gridId, labels.grid),
          zone: ref(result.zoneId, labels.zone),
          team: ref(result.teamId, labels.team),
          tier: result.tier,
          holderId: result.holderId,
          inspectorIds,
          outOfGrid: result.outside,
          queue: result.outside || result.tier === 'bureau' ? 'bureau_dispatch' : null,
          geometryVersion: result.geometryVersion,
        },
      });
    }),
  );
  return r;
}
