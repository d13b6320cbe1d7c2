import express, { Router } from 'express';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { rejectOperatorKeys, route } from '../../core/validate';
import { caller, requireAuth, requireRole } from '../auth';
import { exportLayer, listVersions } from './geo-export.service';
import { startImport } from './geo-import.service';
import { presentImport } from './geography.presenter';
import { findImport } from './geography.repository';
import { CreateImportSchema, ExportQuery, IMPORT_BODY_LIMIT, ImportParams, RouteQuery, VersionsQuery } from './geography.schemas';
import { explainRoute } from './routing.service';

/**
 * Geometry (mounted at /geo): imports (admin, 202 + progress), exports as GeoJSON, versions, and the
 * router for a point and a category.
 */
export function createGeographyRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const admin = requireRole('admin');
  // Imports carry whole layers: a larger body limit for this route only, parsed after the caller
  // is known to be an admin (app.ts lets this path past the global 1 MB parser).
  const bigJson = express.json({ limit: IMPORT_BODY_LIMIT, type: ['application/json', 'application/*+json'] });

  r.post('/imports', auth, admin, bigJson, rejectOperatorKeys, ...route({ body: CreateImportSchema }, async ({ body }, req, res) => {
    const job = await startImport(ctx, body.kind, body.featureCollection.features, { createdBy: caller(req).id });
    res.status(202).json({ data: presentImport(job) });
  }));
  r.get('/imports/:id', auth, admin, ...route({ params: ImportParams }, async ({ params }, _req, res) => {
    const job = await findImport(params.id);
    if (!job) throw notFound('import', params.id);
    res.json({ data: presentImport(job) });
  }));
  r.get('/zones', auth, ...route({ query: ExportQuery }, async ({ query }, _req, res) => {
    res.json({ data: await exportLayer('zones', query.version) });
  }));
  r.get('/grid-cells', auth, ...route({ query: ExportQuery }, async ({ query }, _req, res) => {
    res.json({ data: await exportLayer('grid-cells', query.version) });
  }));
  r.get('/versions', auth, ...route({ query: VersionsQuery }, async ({ query }, _req, res) => {
    res.json({ data: await listVersions(query.kind) });
  }));
  r.get('/route', auth, ...route({ query: RouteQuery }, async ({ query }, _req, res) => {
    const { route: result, labels } = await explainRoute([query.lng, query.lat], query.category);
    res.json({ data: { ...result, labels } });
  }));
  return r;
}
