import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth } from '../auth';
import { MapIndex } from './map-index';
import { ClusterQuery, clustersFor } from './map.service';

/** `/map/clusters`: server-side clustering by viewport and zoom (100,000 incidents stay smooth). */
export function createMapRouter(ctx: AppContext): Router {
  const index = new MapIndex({ onError: (err) => ctx.logger.warn({ err: (err as Error).message }, 'map index: background refresh failed') });
  const r = Router();
  r.get(
    '/clusters',
    requireAuth(ctx),
    ...route({ query: ClusterQuery }, async ({ query }, req, res) => {
      res.json({ data: await clustersFor(index, caller(req), query, ctx.clock.now()) });
    }),
  );
  return r;
}
