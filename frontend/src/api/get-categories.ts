import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Domain, Tier } from '@gridenforce/backend/contracts';
import { api, type DataBody } from '@/lib/api-client';

/** One entry of the category catalogue (事项目录). */
export interface Category {
  code: string;
  name: { zh: string; en: string };
  domain: Domain | string;
  defaultTier?: Tier;
  penaltyCapable?: boolean;
}

export const categoriesQuery = queryOptions({
  queryKey: ['categories'],
  queryFn: async () => (await api<DataBody<Category[]>>('/categories', { query: { limit: 200 } })).data ?? [],
  staleTime: 30 * 60_000,
});

export function useCategories() {
  return useQuery(categoriesQuery);
}
