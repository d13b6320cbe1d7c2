import { z } from 'zod';
import { ObjectIdString } from '../../contracts';
import { IMPORT_KINDS } from './feature-validation.workflow';

/** Route-level body limit of geometry imports (10,000 detailed cells are ~15–20 MB of JSON). */
export const IMPORT_BODY_LIMIT = '50mb';

const WGS84_CRS = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326)$/;

/** The envelope only: each feature is checked on its own so every bad one gets a precise error. */
export const CreateImportSchema = z.strictObject({
  kind: z.enum(IMPORT_KINDS),
  featureCollection: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.unknown()).min(1).max(100_000),
    /** GeoJSON 2008 `crs` member: tolerated only when it names WGS84 (RFC 7946 has no other). */
    crs: z.object({ type: z.literal('name'), properties: z.object({ name: z.string().regex(WGS84_CRS, 'coordinates must be WGS84') }) }).optional(),
  }),
});

export const ImportParams = z.strictObject({ id: ObjectIdString });

export const ExportQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });

export const VersionsQuery = z.strictObject({ kind: z.enum(IMPORT_KINDS) });

const numberParam = (min: number, max: number) =>
  z.string().trim().min(1).transform(Number).pipe(z.number().finite().min(min).max(max));

export const RouteQuery = z.strictObject({
  lng: numberParam(-180, 180),
  lat: numberParam(-90, 90),
  category: z.string().trim().min(1).max(40),
});

/** `GET /routing/locate`: the category is optional (without one, the place alone: no tier, the zone's team). */
export const LocateQuery = RouteQuery.extend({ category: RouteQuery.shape.category.optional() });
