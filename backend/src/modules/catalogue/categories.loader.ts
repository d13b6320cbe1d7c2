import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../config';
import { CategoryFixture } from './catalogue.schemas';
import { insertMissingCategories } from './catalogue.repository';

export const CATEGORIES_FIXTURE = path.join(REPO_ROOT, 'fixtures', 'categories.json');

/** Reads and validates the category fixture (throws on the first invalid entry). */
export function readCategoryFixture(file = CATEGORIES_FIXTURE) {
  return CategoryFixture.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Loads the demo catalogue (fixtures/categories.json): inserts the categories whose code is
 * missing and leaves existing ones as they are, so it is safe to run twice and never undoes an
 * admin's edit. Returns how many were inserted.
 */
export async function loadCategories(file = CATEGORIES_FIXTURE): Promise<{ inserted: number; total: number }> {
  const list = readCategoryFixture(file);
  const inserted = await insertMissingCategories(list.map(({ code, ...rest }) => ({ _id: code, ...rest })));
  return { inserted, total: list.length };
}
