import { useQuery } from '@tanstack/react-query';
import type { Tier } from '@gridenforce/backend/contracts';
import { api } from '@/lib/api-client';

type Name = { zh: string; en: string };
type Ref = { id: string; code: string | null; name: Name | null } | null;

/** `GET /routing/locate`: what the router says for a point (and a category, when one is chosen). */
export interface LocateAnswer {
  grid: Ref;
  village: { code: string; name: Name } | null;
  zone: Ref;
  team: Ref;
  /** null when located without a category (the tier depends on it). */
  tier: Tier | null;
  holderId: string | null;
  inspectorIds: string[];
  inspectors: { id: string; displayName: string }[];
  outOfGrid: boolean;
  queue: 'bureau_dispatch' | null;
  geometryVersion: number | null;
}

/** The router's answer for a clicked point; nothing is fetched until there is a point. */
export function useLocatePoint(point: [number, number] | null, category: string) {
  return useQuery({
    queryKey: ['routing', 'locate', point?.[0], point?.[1], category],
    queryFn: async ({ signal }) =>
      (await api<{ data: LocateAnswer }>('/routing/locate', { query: { lng: point![0], lat: point![1], category: category || undefined }, signal })).data,
    enabled: point !== null,
    staleTime: 30_000,
    meta: { toast: false },
  });
}
