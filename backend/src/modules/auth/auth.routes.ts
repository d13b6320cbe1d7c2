import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { presentUser } from '../users';
import { caller, requireAuth } from './auth.middleware';
import { LoginSchema, RefreshSchema } from './auth.schemas';
import { currentUser, login } from './auth.service';
import { endSession, rotateSession } from './sessions.service';

/**
 * `/api/v1/auth`. Login and refresh answer `{ accessToken, refreshToken, user }` at the top
 * level (the agreed exception to `{ data }`); logout takes the refresh token, not the access
 * token, so a user whose access token expired can still end the session.
 */
export function createAuthRouter(ctx: AppContext): Router {
  const router = Router();
  router.post(
    '/login',
    ...route({ body: LoginSchema }, async ({ body }, req, res) => {
      const s = await login(ctx, body, req.ip ?? null);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: presentUser(s.user) });
    }),
  );
  router.post(
    '/refresh',
    ...route({ body: RefreshSchema }, async ({ body }, req, res) => {
      const s = await rotateSession(ctx, body.refreshToken, req.ip ?? null);
      res.setHeader('Cache-Control', 'no-store');
      res.json({ accessToken: s.accessToken, refreshToken: s.refreshToken, user: presentUser(s.user) });
    }),
  );
  router.post(
    '/logout',
    ...route({ body: RefreshSchema }, async ({ body }, req, res) => {
      await endSession(ctx, body.refreshToken, req.ip ?? null);
      res.status(204).end();
    }),
  );
  router.get(
    '/me',
    requireAuth(ctx),
    ...route({}, async (_input, req, res) => {
      res.json({ data: presentUser(await currentUser(caller(req).id)) });
    }),
  );
  return router;
}
