import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import express, { type Express, Router } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AppContext } from './core/context';
import { errorHandler, notFoundHandler } from './core/error-handler';
import { unsupportedMediaType } from './core/errors';
import { pingDatabase } from './core/db';
import { rejectOperatorKeys, route } from './core/validate';
import './modules';
import { createAuthRouter } from './modules/auth';
import { createUsersRouter } from './modules/users';
import { createAuditRouter } from './modules/audit';
import { createCasesRouter, createIncidentsRouter, createPhotosRouter } from './modules/cases';
import { createMapRouter } from './modules/map';
import { createNotificationsRouter } from './modules/notifications';
import { createOrgRouter } from './modules/org';
import { createCatalogueRouter } from './modules/catalogue';
import { createGeographyRouter, createRoutingRouter } from './modules/geography';
import { createJointCasesRouter } from './modules/joint-cases';
import { createMeetingsRouter } from './modules/meetings';
import { createDocsRouter, createOpenApiRouter } from './modules/openapi';
import { createEventsRouter } from './modules/events';
import { createInstructionsRouter } from './modules/instructions';
import { createOpen311ClientsRouter, createOpen311Router } from './modules/open311';
import { createEvaluationsRouter } from './modules/evaluations';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/** Mounted module routers, in order; exported so suites can derive the endpoint list. */
export function buildApiRouter(ctx: AppContext): Router {
  const api = Router();
  api.get('/config', ...route({ public: true, tags: ['config'], summary: 'Map tiles and upload limits for the client' }, (_input, _req, res) => {
    res.json({
      data: {
        tileUrl: ctx.config.TILE_URL,
        tileAttribution: ctx.config.TILE_ATTRIBUTION,
        tileCrs: ctx.config.TILE_CRS,
        photoMaxBytes: ctx.config.PHOTO_MAX_BYTES,
      },
    });
  }));
  api.use('/auth', createAuthRouter(ctx));
  api.use('/users', createUsersRouter(ctx));
  api.use('/audit', createAuditRouter(ctx));
  api.use('/incidents', createIncidentsRouter(ctx));
  api.use('/cases', createCasesRouter(ctx));
  api.use('/photos', createPhotosRouter(ctx));
  api.use('/map', createMapRouter(ctx));
  api.use('/notifications', createNotificationsRouter(ctx));
  api.use('/org', createOrgRouter(ctx));
  api.use('/categories', createCatalogueRouter(ctx));
  api.use('/geo', createGeographyRouter(ctx));
  api.use('/routing', createRoutingRouter(ctx));
  api.use('/joint-cases', createJointCasesRouter(ctx));
  api.use('/meetings', createMeetingsRouter(ctx));
  api.use('/open311-clients', createOpen311ClientsRouter(ctx));
  api.use('/events', createEventsRouter(ctx));
  api.use('/instructions', createInstructionsRouter(ctx));
  api.use('/evaluations', createEvaluationsRouter(ctx));
  api.use(createOpenApiRouter(ctx));
  return api;
}

export interface AppHandle {
  app: Express;
  /** Set while shutting down: readiness answers 503 so load balancers stop sending. */
  setDraining(v: boolean): void;
}

/** Builds the Express app: middleware → routers → not-found → error handler. No listen. */
export function createApp(ctx: AppContext): AppHandle {
  const app = express();
  let draining = false;
  app.disable('x-powered-by');
  app.set('trust proxy', ctx.config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger: ctx.logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        // `?access_token=` (GET /events only) never reaches the logs.
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url.replace(/([?&]access_token=)[^&]*/gi, '$1[redacted]') }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:', 'https:', 'http:'],
          'connect-src': ["'self'"],
          'worker-src': ["'self'", 'blob:'],
          // Field deployments often serve plain HTTP on a township LAN; do not force https.
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ok = !draining && (await pingDatabase(Math.min(ctx.config.DB_TIMEOUT_MS, 1500)));
    if (ok) res.json({ status: 'ready' });
    else
      res.status(503).json({
        error: {
          code: 'SERVICE_UNAVAILABLE',
          message: draining ? 'Shutting down' : 'Database unavailable',
          requestId: String(_req.id ?? ''),
        },
      });
  });

  const api = Router();
  // Geometry imports (whole layers, up to 50 MB) parse their own body once the caller is known.
  const ownBodyParser = (req: express.Request) => req.method === 'POST' && req.path === '/geo/imports';
  api.use(express.json({ limit: ctx.config.BODY_LIMIT_BYTES, type: (req) => !ownBodyParser(req as express.Request) && Boolean((req as express.Request).is(['application/json', 'application/*+json'])) }));
  // A body that is neither JSON nor multipart (uploads) is refused before any route sees it.
  api.use((req, _res, next) => {
    const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
    if (hasBody && !req.is(['application/json', 'application/*+json', 'multipart/form-data'])) {
      return next(unsupportedMediaType('Send application/json (or multipart/form-data for uploads)'));
    }
    next();
  });
  api.use(rejectOperatorKeys);
  api.use(buildApiRouter(ctx));
  app.use('/api/v1', api);
  app.use('/api/docs', createDocsRouter());
  app.use('/open311/v2', createOpen311Router(ctx));

  const dist = ctx.config.FRONTEND_DIST;
  if (dist && existsSync(path.join(dist, 'index.html'))) {
    app.use(express.static(dist, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|healthz|readyz).*/, (req, res, next) => {
      if (req.method !== 'GET' || !req.accepts('html')) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(path.join(dist, 'index.html'));
    });
  }

  app.use(notFoundHandler);
  app.use(errorHandler);
  return {
    app,
    setDraining(v: boolean) {
      draining = v;
    },
  };
}
