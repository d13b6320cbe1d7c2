import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { actorOf, requireAuth, requireRole } from '../auth';
import { disableUser, enableUser, resetPassword, updateUser } from './user-changes.service';
import { presentUser } from './users.presenter';
import {
  CreateUserSchema,
  ListUsersQuery,
  ResetPasswordSchema,
  UpdateUserSchema,
  UserIdParams,
} from './users.schemas';
import { createUser, getUser, listUsers } from './users.service';

/** `/api/v1/users`: account administration, for the admin role only. */
export function createUsersRouter(ctx: AppContext): Router {
  const router = Router();
  const admin = [requireAuth(ctx), requireRole('admin')];

  router.get(
    '/',
    ...admin,
    ...route({ query: ListUsersQuery }, async ({ query }, _req, res) => {
      const page = await listUsers(query);
      res.json({ data: page.items.map(presentUser), meta: { nextCursor: page.nextCursor, total: page.total } });
    }),
  );
  router.post(
    '/',
    ...admin,
    ...route({ body: CreateUserSchema }, async ({ body }, req, res) => {
      res.status(201).json({ data: presentUser(await createUser(ctx, actorOf(req), body)) });
    }),
  );
  router.get(
    '/:id',
    ...admin,
    ...route({ params: UserIdParams }, async ({ params }, _req, res) => {
      res.json({ data: presentUser(await getUser(params.id)) });
    }),
  );
  router.patch(
    '/:id',
    ...admin,
    ...route({ params: UserIdParams, body: UpdateUserSchema }, async ({ params, body }, req, res) => {
      res.json({ data: presentUser(await updateUser(ctx, actorOf(req), params.id, body)) });
    }),
  );
  router.post(
    '/:id/disable',
    ...admin,
    ...route({ params: UserIdParams }, async ({ params }, req, res) => {
      res.json({ data: presentUser(await disableUser(ctx, actorOf(req), params.id)) });
    }),
  );
  router.post(
    '/:id/enable',
    ...admin,
    ...route({ params: UserIdParams }, async ({ params }, req, res) => {
      res.json({ data: presentUser(await enableUser(ctx, actorOf(req), params.id)) });
    }),
  );
  router.post(
    '/:id/reset-password',
    ...admin,
    ...route({ params: UserIdParams, body: ResetPasswordSchema }, async ({ params, body }, req, res) => {
      await resetPassword(ctx, actorOf(req), params.id, body.password);
      res.status(204).end();
    }),
  );
  return router;
}
