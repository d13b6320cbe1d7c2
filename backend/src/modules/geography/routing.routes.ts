import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { requireAuth } from '../auth';
import { GridCellModel, orgLabels } from '../org';
import { RouteQuery } from './geography.schemas';
import { routeIncident } from './routing.service';

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
      const result = await routeIncident([query.lng, query.lat], query.category);
      const labels = await orgLabels({
        gridIds: result.gridId ? [result.gridId] : [],
        zoneIds: result.zoneId ? [result.zoneId] : [],
        teamIds: result.teamId ? [result.teamId] : [],
      });
      const cell = result.gridId ? await GridCellModel.findById(result.gridId, { inspectorIds: 1 }).lean<{ inspectorIds?: unknown[] }>() : null;
      const ref = (id: string | null, m: Map<string, { code: string; name?: { zh: string; en: string } }>) =>
        id ? { id, code: m.get(id)?.code ?? null, name: m.get(id)?.name ?? null } : null;
      res.json({
        data: {
          grid: ref(result.gridId, labels.grids),
          zone: ref(result.zoneId, labels.zones),
          team: ref(result.teamId, labels.teams),
          tier: result.tier,
          holderId: result.holderId,
          inspectorIds: (cell?.inspectorIds ?? []).map(String),
          outOfGrid: result.outside,
          queue: result.outside || result.tier === 'bureau' ? 'bureau_dispatch' : null,
          geometryVersion: result.geometryVersion,
        },
      });
    }),
  );
  return r;
}
