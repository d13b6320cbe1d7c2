import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { DOCS_HTML, DOCS_JS } from './docs-page';
import { buildOpenApiDocument } from './openapi.document';

const OpenApiDocument = z.looseObject({
  openapi: z.string(),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});

/** One document per app (routes do not change once mounted). */
const cache = new WeakMap<object, Record<string, unknown>>();

function documentFor(req: Request): Record<string, unknown> {
  const root = req.app.router as unknown as { stack?: unknown[] };
  let doc = cache.get(root);
  if (!doc) {
    doc = buildOpenApiDocument(root);
    cache.set(root, doc);
  }
  return doc;
}

/** `GET /api/v1/openapi.json`: the contract of the app that serves it, generated from its routers. */
export function createOpenApiRouter(_ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/openapi.json',
    ...route(
      {
        query: z.strictObject({}),
        public: true,
        tags: ['docs'],
        summary: 'This OpenAPI 3.1 document',
        responses: { 200: OpenApiDocument },
      },
      async (_input, req, res) => {
        res.setHeader('Cache-Control', 'no-cache');
        res.json(documentFor(req));
      },
    ),
  );
  return r;
}

/** `/api/docs`: a browsable, self-contained page rendering the OpenAPI document (no CDN). */
export function createDocsRouter(): Router {
  const r = Router();
  r.get('/', (_req, res) => {
    res.type('html').setHeader('Cache-Control', 'no-cache');
    res.send(DOCS_HTML);
  });
  r.get('/docs.js', (_req, res) => {
    res.type('application/javascript').setHeader('Cache-Control', 'no-cache');
    res.send(DOCS_JS);
  });
  return r;
}
