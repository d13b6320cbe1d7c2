import { Schema, model, type InferSchemaType, type Types } from 'mongoose';
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

/**
 * Features of one version in chunks of a few hundred, read by `_id` (`<kind>:<version>:<seq>`):
 * on FerretDB only `_id` lookups avoid a collection scan, and a version is always read whole.
 * Written once, never updated. Feature i is `ids[i]`, `codes[i]`, `parentIds[i]` (a cell's zone
 * in this version, a zone's team when imported) and the i-th shape of `shapes` + `coords`: the
 * flattened polygons (no nested arrays) in the binary layout of chunk-codec.workflow.ts.
 */
const geoChunkSchema = new Schema(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    version: { type: Number, required: true },
    seq: { type: Number, required: true },
    count: { type: Number, required: true },
    ids: { type: [Schema.Types.ObjectId], required: true },
    codes: { type: [String], required: true },
    parentIds: { type: [Schema.Types.ObjectId], required: true },
    shapes: { type: Buffer, required: true },
    coords: { type: Buffer, required: true },
  },
  { collection: 'geo_chunks', versionKey: false },
);
geoChunkSchema.index({ kind: 1, version: 1, seq: 1 });

/** A chunk as the driver reads it (binary fields may come as the driver's Binary). */
export interface GeoChunkDoc {
  _id: string;
  count: number;
  ids: Types.ObjectId[];
  codes: string[];
  parentIds: Types.ObjectId[];
  shapes: unknown;
  coords: unknown;
}
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
