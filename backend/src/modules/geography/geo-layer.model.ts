import { Schema, model, type InferSchemaType, Types } from 'mongoose';
import { IMPORT_KINDS } from './feature-validation.workflow';

/**
 * One geometry version of a layer (`zones` or `grid-cells`); `_id` = `<kind>:<version>`, so the
 * insert that claims a version number wins and a concurrent import takes the next one.
 * Versions are never changed or deleted: a case keeps `gridId + geometryVersion`.
 */
const geoLayerSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true, enum: IMPORT_KINDS },
    version: { type: Number, required: true },
    status: { type: String, required: true, enum: ['writing', 'complete', 'failed'] },
    featureCount: { type: Number, default: 0 },
    chunkCount: { type: Number, default: 0 },
    /** Hash of the imported FeatureCollection (the demo loader skips an identical re-load). */
    sourceHash: { type: String, default: null },
    importId: { type: Schema.Types.ObjectId, default: null },
    createdBy: { type: Schema.Types.ObjectId, default: null },
    createdAt: { type: Date, required: true },
  },
  { collection: 'geo_layers', versionKey: false },
);
geoLayerSchema.index({ kind: 1, version: -1 });
export type GeoLayerDoc = InferSchemaType<typeof geoLayerSchema> & { _id: string };
export const GeoLayerModel = model('GeoLayer', geoLayerSchema);

/** A stored feature: identity, version-time attributes and the flattened polygon (no nested arrays). */
const storedFeatureSchema = new Schema(
  {
    id: { type: Schema.Types.ObjectId, required: true },
    code: { type: String, required: true },
    /** Grid cells: their zone in this version. Zones: their team when imported. */
    parentId: { type: Schema.Types.ObjectId, required: true },
    type: { type: String, required: true, enum: ['Polygon', 'MultiPolygon'] },
    bbox: { type: [Number], required: true },
    coords: { type: [Number], required: true },
    ringStarts: { type: [Number], required: true },
    polyStarts: { type: [Number], required: true },
  },
  { _id: false },
);
export type StoredFeature = InferSchemaType<typeof storedFeatureSchema>;

/**
 * Features of one version in chunks of a few hundred, read by `_id` (`<kind>:<version>:<seq>`):
 * on FerretDB only `_id` lookups avoid a collection scan, and a version is always read whole.
 */
const geoChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    version: { type: Number, required: true },
    seq: { type: Number, required: true },
    features: { type: [storedFeatureSchema], default: [] },
  },
  { collection: 'geo_chunks', versionKey: false },
);
geoChunkSchema.index({ kind: 1, version: 1, seq: 1 });
export type GeoChunkDoc = InferSchemaType<typeof geoChunkSchema> & { _id: string };
export const GeoChunkModel = model('GeoChunk', geoChunkSchema);

/**
 * The "active version" pointer, insert-only: activating version v inserts `<kind>:<v>` here after
 * every chunk of v is written; the active version is the highest activated one. A crash before
 * this insert leaves the previous version active, and no update races exist (FerretDB has no
 * atomic read-modify-write).
 */
const geoActivationSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    version: { type: Number, required: true },
    activatedAt: { type: Date, required: true },
  },
  { collection: 'geo_activations', versionKey: false },
);
geoActivationSchema.index({ kind: 1, version: -1 });
export type GeoActivationDoc = InferSchemaType<typeof geoActivationSchema> & { _id: string };
export const GeoActivationModel = model('GeoActivation', geoActivationSchema);
