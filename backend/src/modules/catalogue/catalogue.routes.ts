import { Router } from 'express';
import type { AppContext } from '../../core/context';
import { route } from '../../core/validate';
import { requireAuth, requireRole } from '../auth';
import { CodeParams, CreateCategorySchema, ListCategoriesQuery, UpdateCategorySchema } from './catalogue.schemas';
import * as svc from './catalogue.service';

/** The category catalogue (事项目录): every signed-in user reads it, admins maintain it. */
export function createCatalogueRouter(ctx: AppContext): Router {
  const r = Router();
  const auth = requireAuth(ctx);
  const admin = requireRole('admin');
  r.get('/', auth, ...route({ query: ListCategoriesQuery }, async ({ query }, _req, res) => {
    const page = await svc.listCategories(query);
    res.json({ data: page.items, meta: { nextCursor: page.nextCursor } });
  }));
  r.get('/:code', auth, ...route({ params: CodeParams }, async ({ params }, _req, res) => {
    res.json({ data: await svc.getCategoryOrThrow(params.code) });
  }));
  r.post('/', auth, admin, ...route({ body: CreateCategorySchema }, async ({ body }, _req, res) => {
    res.status(201).json({ data: await svc.createCategory(body) });
  }));
  r.patch('/:code', auth, admin, ...route({ params: CodeParams, body: UpdateCategorySchema }, async ({ params, body }, _req, res) => {
    res.json({ data: await svc.updateCategory(params.code, body) });
  }));
  return r;
}
