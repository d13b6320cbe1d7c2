import { performance } from 'node:perf_hooks';
import { TtlCache } from '../../core/ttl-cache';
import { z } from 'zod';
import { conflict, isDuplicateKey, notFound, unprocessable, validationFailed } from '../../core/errors';
import { agencies } from '../org';
import { presentCategory, type Category } from './catalogue.presenter';
import { findCategories, findCategory, insertCategory, updateCategoryDoc } from './catalogue.repository';
import { type CreateCategoryBody, type ListCategoriesQuery, type UpdateCategoryBody, longerUrgentStages } from './catalogue.schemas';

/**
 * Categories change rarely and are read for every case, so reads are cached for a second;
 * writes in this process drop the entry at once, other processes see them within the second.
 * (The TTL is a cache age, not business time, hence the monotonic clock rather than ctx.clock.)
 */
const CACHE_MS = 1000;
const cache = new TtlCache<Promise<Category | null>>(CACHE_MS, 10_000);

/**
 * The category with this code, or null (inactive ones included: past cases name them). Callers
 * asking while it is being read share that read.
 */
export async function getCategory(code: string): Promise<Category | null> {
  const now = performance.now();
  const hit = cache.get(code, now);
  if (hit) return hit.value;
  const value = findCategory(code).then((doc) => (doc ? presentCategory(doc) : null));
  cache.set(code, value, now);
  // A failed read is not kept: the next caller reads again.
  value.catch(() => {
    if (cache.get(code, performance.now())?.value === value) cache.forget(code);
  });
  return value;
}

export async function listCategories(q: z.infer<typeof ListCategoriesQuery>): Promise<{ items: Category[]; nextCursor: string | null }> {
  const rows = await findCategories({ domain: q.domain, active: q.active, after: q.cursor }, q.limit);
  const items = rows.slice(0, q.limit).map(presentCategory);
  return { items, nextCursor: rows.length > q.limit ? items[items.length - 1]!.code : null };
}

export async function getCategoryOrThrow(code: string): Promise<Category> {
  const c = await getCategory(code);
  if (!c) throw notFound('category', code);
  return c;
}

async function checkAgencies(codes: string[] | undefined): Promise<void> {
  if (!codes?.length) return;
  const known = new Set((await agencies.all()).map((a) => a.code));
  const bad = codes.findIndex((c) => !known.has(c));
  if (bad >= 0) throw unprocessable('INVALID_REFERENCE', `Unknown agency ${codes[bad]}`, { path: `coAgencies.${bad}` });
}

export async function createCategory(body: CreateCategoryBody): Promise<Category> {
  await checkAgencies(body.coAgencies);
  const { code, ...rest } = body;
  try {
    const doc = await insertCategory({ _id: code, ...rest, coAgencies: [...new Set(rest.coAgencies)] });
    cache.forget(code);
    return presentCategory(doc);
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('CODE_TAKEN', `A category with code ${code} already exists`, { code });
    throw err;
  }
}

export async function updateCategory(code: string, patch: UpdateCategoryBody): Promise<Category> {
  const current = await findCategory(code);
  if (!current) throw notFound('category', code);
  const merged = {
    deadlines: patch.deadlines ?? current.deadlines,
    urgentDeadlines: patch.urgentDeadlines !== undefined ? patch.urgentDeadlines : current.urgentDeadlines,
  };
  const longer = longerUrgentStages(merged.deadlines, merged.urgentDeadlines);
  if (longer.length) {
    throw validationFailed(
      longer.map((s) => ({ in: 'body', path: `urgentDeadlines.${s}`, code: 'custom', message: 'urgent deadline must not be longer than the normal one' })),
    );
  }
  await checkAgencies(patch.coAgencies);
  const doc = await updateCategoryDoc(code, { ...patch });
  cache.forget(code);
  if (!doc) throw notFound('category', code);
  return presentCategory(doc);
}
