import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { requireAuth } from '../auth';
import type { OrgLabel } from '../org';
import { LocateQuery } from './geography.schemas';
import { explainPlace, locateExtras } from './locate-details.service';
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
    ...route({ query: LocateQuery, summary: 'Locate a point: grid cell, village, zone, team, tier and responsible people' }, async ({ query }, _req, res) => {
      const point: [number, number] = [query.lng, query.lat];
      const { route: result, labels, inspectorIds } = query.category ? await explainRoute(point, query.category) : await explainPlace(point);
      const { village, inspectors } = await locateExtras(result.gridId, inspectorIds);
      const ref = (id: string | null, l: OrgLabel | null) => (id ? { id, code: l?.code ?? null, name: l?.name ?? null } : null);
      res.json({
        data: {
          grid: ref(result.gridId, labels.grid),
          village,
          zone: ref(result.zoneId, labels.zone),
          team: ref(result.teamId, labels.team),
          tier: result.tier,
          holderId: result.holderId,
          inspectorIds,
          inspectors,
          outOfGrid: result.outside,
          queue: result.outside || result.tier === 'bureau' ? 'bureau_dispatch' : null,
          geometryVersion: result.geometryVersion,
        },
      });
    }),
  );
  return r;
}
