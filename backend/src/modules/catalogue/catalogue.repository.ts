import { CategoryModel, type CategoryDoc } from './category.model';

export async function findCategory(code: string): Promise<CategoryDoc | null> {
  return CategoryModel.findById(code).lean<CategoryDoc>();
}

/** Ordered by code; `limit + 1` rows tell whether another page exists. */
export async function findCategories(f: { domain?: string; active?: boolean; after?: string }, limit: number): Promise<CategoryDoc[]> {
  const q: Record<string, unknown> = {};
  if (f.domain) q.domain = f.domain;
  if (f.active !== undefined) q.active = f.active;
  if (f.after) q._id = { $gt: f.after };
  return CategoryModel.find(q).sort({ _id: 1 }).limit(limit + 1).lean<CategoryDoc[]>();
}

export async function insertCategory(doc: Omit<CategoryDoc, 'createdAt' | 'updatedAt'>): Promise<CategoryDoc> {
  return (await CategoryModel.create(doc)).toObject() as CategoryDoc;
}

export async function updateCategoryDoc(code: string, set: Record<string, unknown>): Promise<CategoryDoc | null> {
  return CategoryModel.findByIdAndUpdate(code, { $set: set }, { returnDocument: 'after' }).lean<CategoryDoc>();
}

/** Inserts the categories whose code is not there yet; existing ones (maybe edited by an admin) stay. */
export async function insertMissingCategories(docs: Omit<CategoryDoc, 'createdAt' | 'updatedAt'>[]): Promise<number> {
  const existing = new Set((await CategoryModel.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id));
  const fresh = docs.filter((d) => !existing.has(d._id));
  if (fresh.length) await CategoryModel.insertMany(fresh, { ordered: false });
  return fresh.length;
}
