import { Router } from 'express';
import { z } from 'zod';
import { ObjectIdString } from '../../contracts';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { actorOf, requireAuth, requireRole } from '../auth';
import { createClient, listClients, revokeClient } from './open311-clients.service';

const ClientDto = z.strictObject({
  id: z.string(),
  name: z.string(),
  keyPrefix: z.string(),
  rateLimit: z.number().int().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const CreateClientBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  /** Requests per rate window for this client; default OPEN311_RATE_LIMIT. */
  rateLimit: z.number().int().min(1).max(100000).optional(),
});
const IdParams = z.strictObject({ id: ObjectIdString });
const NoQuery = z.strictObject({});

/** `/api/v1/open311-clients`: API keys of Open311 client systems (admin only). */
export function createOpen311ClientsRouter(ctx: AppContext): Router {
  const r = Router();
  const admin = [requireAuth(ctx), requireRole('admin')];
  r.get(
    '/',
    ...admin,
    ...route({ query: NoQuery, summary: 'List Open311 client systems', responses: { 200: z.strictObject({ data: z.array(ClientDto) }) } }, async (_i, _req, res) => {
      res.json({ data: await listClients() });
    }),
  );
  r.post(
    '/',
    ...admin,
    ...route(
      {
        body: CreateClientBody,
        query: NoQuery,
        summary: 'Create a client system and its API key (shown once)',
        responses: { 201: z.strictObject({ data: ClientDto.extend({ apiKey: z.string() }) }) },
      },
      async ({ body }, req, res) => {
        res.setHeader('Cache-Control', 'no-store');
        res.status(201).json({ data: await createClient(ctx, actorOf(req), body) });
      },
    ),
  );
  r.post(
    '/:id/revoke',
    ...admin,
    ...route(
      { params: IdParams, query: NoQuery, summary: 'Revoke a client’s API key', responses: { 200: z.strictObject({ data: ClientDto }) } },
      async ({ params }, req, res) => {
        res.json({ data: await revokeClient(ctx, actorOf(req), params.id) });
      },
    ),
  );
  return r;
}
