import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Domain, Tier } from '@gridenforce/backend/contracts';
import { fetchAllPages } from '@/lib/api-client';

/** One entry of the category catalogue (事项目录). */
export interface Category {
  code: string;
  name: { zh: string; en: string };
  domain: Domain | string;
  defaultTier?: Tier;
  penaltyCapable?: boolean;
  active?: boolean;
}

/** `GET /api/v1/categories` (all pages; active ones only are offered for new reports). */
export const categoriesQuery = queryOptions({
  queryKey: ['categories'],
  queryFn: async () => (await fetchAllPages<Category>('/categories')).filter((c) => c.active !== false),
  staleTime: 30 * 60_000,
});

export function useCategories() {
  return useQuery(categoriesQuery);
}
