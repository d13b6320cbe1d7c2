import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { caller, requireAuth, requireRole } from '../auth';
import { JOINT_READ_ROLES, JOINT_WRITE_ROLES } from './joint-cases.policy';
import * as S from './joint-cases.schemas';
import { jointTimeline, listVisibleJointCases, loadVisibleJointCase, openJointCase, viewJointCase } from './joint-cases.service';
import { decideJointCase } from './joint-decision.service';
import { addTask, listVisibleTasks, reassignTask, transitionTask, viewTask } from './joint-tasks.service';

/** `/joint-cases` (联合办案): the bureau opens and decides; agencies act on their own tasks. */
export function createJointCasesRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const read = requireRole(...JOINT_READ_ROLES);
  const bureau = requireRole(...JOINT_WRITE_ROLES);

  r.get('/', auth, read, ...route({ query: S.ListJointCasesQuery }, async ({ query }, req, res) => {
    const { data, nextCursor } = await listVisibleJointCases(ctx, caller(req), query);
    res.json({ data, meta: { nextCursor } });
  }));
  r.post('/', auth, bureau, ...route({ body: S.OpenJointCaseSchema, query: S.NoQuery }, async ({ body }, req, res) => {
    const user = caller(req);
    res.status(201).json({ data: await viewJointCase(ctx, user, await openJointCase(ctx, user, body)) });
  }));
  r.get('/tasks', auth, read, ...route({ query: S.ListTasksQuery }, async ({ query }, req, res) => {
    const { data, nextCursor } = await listVisibleTasks(ctx, caller(req), query);
    res.json({ data, meta: { nextCursor } });
  }));
  r.get('/:id', auth, read, ...route({ params: S.IdParams, query: S.NoQuery }, async ({ params }, req, res) => {
    const user = caller(req);
    res.json({ data: await viewJointCase(ctx, user, await loadVisibleJointCase(user, params.id)) });
  }));
  r.get('/:id/timeline', auth, read, ...route({ params: S.IdParams, query: S.NoQuery }, async ({ params }, req, res) => {
    res.json({ data: await jointTimeline(await loadVisibleJointCase(caller(req), params.id)) });
  }));
  r.post('/:id/tasks', auth, bureau, ...route({ params: S.IdParams, body: S.NewTaskSchema, query: S.NoQuery }, async ({ params, body }, req, res) => {
    const user = caller(req);
    const task = await addTask(ctx, user, await loadVisibleJointCase(user, params.id), body);
    res.status(201).json({ data: await viewTask(ctx, user, task) });
  }));
  r.post('/:id/tasks/:taskId/transitions', auth, read, ...route(
    { params: S.TaskParams, body: S.TaskTransitionSchema, query: S.NoQuery },
    async ({ params, body }, req, res) => {
      const user = caller(req);
      const task = await transitionTask(ctx, user, await loadVisibleJointCase(user, params.id), params.taskId, body);
      res.json({ data: await viewTask(ctx, user, task) });
    },
  ));
  r.post('/:id/tasks/:taskId/reassign', auth, bureau, ...route(
    { params: S.TaskParams, body: S.ReassignTaskSchema, query: S.NoQuery },
    async ({ params, body }, req, res) => {
      const user = caller(req);
      const task = await reassignTask(ctx, user, await loadVisibleJointCase(user, params.id), params.taskId, body);
      res.status(201).json({ data: await viewTask(ctx, user, task) });
    },
  ));
  r.post('/:id/decision', auth, bureau, ...route({ params: S.IdParams, body: S.DecideSchema, query: S.NoQuery }, async ({ params, body }, req, res) => {
    const user = caller(req);
    await loadVisibleJointCase(user, params.id);
    res.json({ data: await viewJointCase(ctx, user, await decideJointCase(ctx, user, params.id, body)) });
  }));
  return r;
}
