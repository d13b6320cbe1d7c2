import { z } from 'zod';

/** A 24-hex MongoDB ObjectId in its string form. */
export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/i, 'must be a 24-character hex id');

/** Longitude/latitude in WGS84, GeoJSON order [lng, lat]. */
export const LngLat = z.tuple([
  z.number().finite().min(-180).max(180),
  z.number().finite().min(-90).max(90),
]);

export const GeoJsonPoint = z.strictObject({
  type: z.literal('Point'),
  coordinates: LngLat,
});
export type GeoJsonPoint = z.infer<typeof GeoJsonPoint>;

/** Localised name: zh-CN first, English second. */
export const LocalizedName = z.strictObject({
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
});
export type LocalizedName = z.infer<typeof LocalizedName>;

/** Cursor pagination query shared by every list endpoint. */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
};

/** The one error body every failure uses. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}
