import { Router } from 'express';
import { z } from 'zod';
import { CaseListQuery, CreateIncidentBody, ObjectIdString, TransitionBody } from '../../contracts';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth } from '../auth';
import { streamCasesCsv } from './cases-export';
import { listCases } from './cases-list.service';
import { presentEvent } from './cases.presenter';
import { eventsOf } from './cases.repository';
import { viewCase, viewCases } from './case-view.service';
import { assertMayReport, reportIncident, reporterOf } from './incidents.service';
import { addPhoto, readPhoto } from './photos.service';
import { loadVisibleCase, transitionCase } from './transitions.service';
import { verifyCaseChain } from './verify.service';

const IdParams = z.strictObject({ id: ObjectIdString });
const NoQuery = z.strictObject({});

/** `/incidents`: reporting (上报). */
export function createIncidentsRouter(ctx: AppContext): Router {
  const r = Router();
  r.post(
    '/',
    requireAuth(ctx),
    ...route({ body: CreateIncidentBody, query: NoQuery }, async ({ body }, req, res) => {
      const user = caller(req);
      assertMayReport(user, body.source);
      const { kase, replayed } = await reportIncident(ctx, reporterOf(user), body, req.get('Idempotency-Key') ?? undefined);
      if (replayed) res.setHeader('Idempotent-Replayed', 'true');
      // A case this request just created has no photos yet: skip the photo lookup (a scan on FerretDB).
      const [data] = replayed ? [await viewCase(ctx, user, kase)] : await viewCases(ctx, user, [kase]);
      res.status(201).json({ data });
    }),
  );
  return r;
}

/** `/cases`: lists, one case, its timeline, transitions, chain verification, photos, CSV. */
export function createCasesRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  r.get(
    '/',
    auth,
    ...route({ query: CaseListQuery }, async ({ query }, req, res) => {
      const user = caller(req);
      const { page, nextCursor, total } = await listCases(ctx, user, query);
      res.json({ data: await viewCases(ctx, user, page), meta: { nextCursor, total } });
    }),
  );
  r.get(
    '/export.csv',
    auth,
    ...route({ query: CaseListQuery }, async ({ query }, req, res) => {
      await streamCasesCsv(ctx, caller(req), query, res);
    }),
  );
  r.get(
    '/:id',
    auth,
    ...route({ params: IdParams, query: NoQuery }, async ({ params }, req, res) => {
      const user = caller(req);
      res.json({ data: await viewCase(ctx, user, await loadVisibleCase(user, params.id)) });
    }),
  );
  r.get(
    '/:id/timeline',
    auth,
    ...route({ params: IdParams, query: NoQuery }, async ({ params }, req, res) => {
      const kase = await loadVisibleCase(caller(req), params.id);
      res.json({ data: (await eventsOf(kase._id)).map(presentEvent) });
    }),
  );
  r.get(
    '/:id/verify',
    auth,
    ...route({ params: IdParams, query: NoQuery }, async ({ params }, req, res) => {
      const kase = await loadVisibleCase(caller(req), params.id);
      res.json({ data: await verifyCaseChain(kase._id) });
    }),
  );
  r.post(
    '/:id/transitions',
    auth,
    ...route({ params: IdParams, body: TransitionBody, query: NoQuery }, async ({ params, body }, req, res) => {
      const user = caller(req);
      res.json({ data: await viewCase(ctx, user, await transitionCase(ctx, user, params.id, body)) });
    }),
  );
  r.post(
    '/:id/photos',
    auth,
    ...route({ params: IdParams, query: NoQuery }, async ({ params }, req, res) => {
      const photo = await addPhoto(ctx, caller(req), params.id, req);
      res.status(201).json({
        data: {
          id: String(photo._id),
          url: `/api/v1/photos/${String(photo._id)}`,
          thumbUrl: `/api/v1/photos/${String(photo._id)}/thumb`,
          contentType: photo.contentType,
          size: photo.size,
          width: photo.width,
          height: photo.height,
          uploadedAt: photo.uploadedAt.toISOString(),
        },
      });
    }),
  );
  return r;
}

/** `/photos/:id[/thumb]`: bytes, only for callers who may see the case. */
export function createPhotosRouter(ctx: AppContext): Router {
  const r = Router();
  const serve = (variant: 'full' | 'thumb') =>
    route({ params: IdParams, query: NoQuery }, async ({ params }, req, res) => {
      const { bytes, contentType } = await readPhoto(ctx, caller(req), params.id, variant);
      res.setHeader('Content-Type', contentType);
      res.setHeader('Cache-Control', 'private, max-age=86400');
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.end(bytes);
    });
  r.get('/:id', requireAuth(ctx), ...serve('full'));
  r.get('/:id/thumb', requireAuth(ctx), ...serve('thumb'));
  return r;
}
