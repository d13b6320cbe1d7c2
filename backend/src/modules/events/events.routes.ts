import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth } from '../auth';
import { openEventStream } from './events.service';

/**
 * EventSource cannot set headers, so this endpoint (and only this one) also takes the access
 * token as `?access_token=`. The token then sits in a URL: the request log redacts it (app.ts),
 * it is short-lived (≤ 15 min) and the stream is closed when it expires. Clients that can set
 * headers (fetch streaming, the mobile app) send `Authorization: Bearer` instead.
 */
const tokenFromQuery: RequestHandler = (req, _res, next) => {
  const q = req.query.access_token;
  if (typeof q === 'string' && req.headers.authorization === undefined) req.headers.authorization = `Bearer ${q}`;
  next();
};

export const EventsQuery = z.strictObject({
  access_token: z.string().max(4096).optional(),
  /** Resume point for the first connect; EventSource sends the `Last-Event-ID` header on reconnects. */
  lastEventId: z.string().regex(/^\d{1,15}$/).optional(),
});

/**
 * `GET /api/v1/events`: Server-Sent Events rather than WebSocket. The traffic is one-way
 * (server → client; clients act through the REST API, which keeps one auth/validation/audit
 * path), SSE is plain HTTP (proxies, the service worker and HTTP/2 multiplexing just work),
 * EventSource reconnects by itself and sends Last-Event-ID, which is exactly the resume
 * protocol the bus's sequence numbers give. WebSocket would add an upgrade path, its own
 * framing, heartbeats and resume logic for no gain here.
 */
export function createEventsRouter(ctx: AppContext): Router {
  const r = Router();
  r.get(
    '/',
    tokenFromQuery,
    requireAuth(ctx),
    ...route(
      {
        query: EventsQuery,
        tags: ['events'],
        summary: 'Live stream (Server-Sent Events) of the caller’s cases, notifications and instructions',
        description:
          'Messages: `id` (bus sequence number, resume with the Last-Event-ID header), `event` (case.created, case.updated, ' +
          'notification.created, instruction.sent, instruction.receipt, reset, close), `data` (JSON). Comment lines are heartbeats.',
        responses: { 200: { description: 'An open event stream', content: { 'text/event-stream': null } } },
      },
      async ({ query }, req, res) => {
        await openEventStream(ctx, caller(req), req.headers.authorization, req.header('last-event-id'), query.lastEventId, res);
      },
    ),
  );
  return r;
}
