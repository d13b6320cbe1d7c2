import { queryOptions, useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api, type DataBody } from '@/lib/api-client';

/** `GET /api/v1/config`: settings the server owns (base map, upload limit). */
export const AppConfigSchema = z.object({
  tileUrl: z.string().default(''),
  tileAttribution: z.string().default(''),
  tileCrs: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  photoMaxBytes: z.number().int().positive().default(10 * 1024 * 1024),
});
export type AppConfig = z.infer<typeof AppConfigSchema>;

export async function getConfig(): Promise<AppConfig> {
  const body = await api<DataBody<unknown>>('/config', { auth: false });
  return AppConfigSchema.parse(body.data);
}

export const configQuery = queryOptions({ queryKey: ['config'], queryFn: getConfig, staleTime: Infinity, gcTime: Infinity });

export function useAppConfig() {
  return useQuery(configQuery);
}
