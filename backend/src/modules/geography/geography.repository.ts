import { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import type { ImportKind } from './feature-validation.workflow';
import { GeoImportModel, type GeoImportDoc } from './geo-import.model';
import { packShapes, unpackShapes } from './chunk-codec.workflow';
import type { FlatGeometry } from './flat-geometry.workflow';
import { GeoActivationModel, GeoChunkModel, GeoLayerModel, type GeoChunkDoc, type GeoLayerDoc } from './geo-layer.model';

/** A feature of a stored version, as the rest of the module handles it. */
export interface StoredFeature extends FlatGeometry {
  id: Types.ObjectId;
  code: string;
  /** Grid cells: their zone in this version. Zones: their team when imported. */
  parentId: Types.ObjectId;
}

/** Features per chunk document (~0.7 MB of binary for 40-vertex cells, far under the 16 MB limit). */
export const CHUNK_SIZE = 500;

const layerId = (kind: ImportKind, version: number) => `${kind}:${version}`;
const chunkId = (kind: ImportKind, version: number, seq: number) => `${kind}:${version}:${seq}`;

/** The active version of a layer: the highest activated one (null before the first import). */
export async function activeVersion(kind: ImportKind): Promise<number | null> {
  const a = await GeoActivationModel.findOne({ kind }).sort({ version: -1 }).lean<{ version: number }>();
  return a?.version ?? null;
}

export async function findLayer(kind: ImportKind, version: number): Promise<GeoLayerDoc | null> {
  return GeoLayerModel.findById(layerId(kind, version)).lean<GeoLayerDoc>();
}

export async function listLayers(kind: ImportKind): Promise<GeoLayerDoc[]> {
  return GeoLayerModel.find({ kind }).sort({ version: -1 }).lean<GeoLayerDoc[]>();
}

/** Claims the next version number: the unique `_id` decides between concurrent imports. */
export async function claimVersion(
  kind: ImportKind,
  meta: { importId: Types.ObjectId | null; createdBy: Types.ObjectId | null; sourceHash: string | null; at: Date },
): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const last = await GeoLayerModel.findOne({ kind }).sort({ version: -1 }).lean<{ version: number }>();
    const version = (last?.version ?? 0) + 1;
    try {
      await GeoLayerModel.create({ _id: layerId(kind, version), kind, version, status: 'writing', ...meta, createdAt: meta.at });
      return version;
    } catch (err) {
      if (!isDuplicateKey(err) || attempt >= 20) throw err;
    }
  }
}

export async function writeChunk(kind: ImportKind, version: number, seq: number, features: StoredFeature[]): Promise<void> {
  const { shapes, coords } = packShapes(features);
  await GeoChunkModel.collection.insertOne({
    _id: chunkId(kind, version, seq) as never,
    kind,
    version,
    seq,
    count: features.length,
    ids: features.map((f) => f.id),
    codes: features.map((f) => f.code),
    parentIds: features.map((f) => f.parentId),
    shapes,
    coords,
  });
}

export async function finishLayer(kind: ImportKind, version: number, set: { status: 'complete' | 'failed'; featureCount?: number; chunkCount?: number }): Promise<void> {
  await GeoLayerModel.updateOne({ _id: layerId(kind, version) }, { $set: set });
}

/** Removes the chunks of a version that failed while writing (best effort; it never became active). */
export async function dropChunks(kind: ImportKind, version: number, count: number): Promise<void> {
  for (let seq = 0; seq < count; seq++) await GeoChunkModel.deleteOne({ _id: chunkId(kind, version, seq) });
}

/** The bytes of a binary field: a Buffer, or the driver's Binary wrapping one. */
function bytesOf(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v;
  const inner = (v as { buffer?: unknown } | null)?.buffer;
  if (inner instanceof Uint8Array) return inner;
  throw new Error('geometry chunk shapes are not binary');
}

function unpack(c: GeoChunkDoc): StoredFeature[] {
  const shapes = unpackShapes(bytesOf(c.shapes), bytesOf(c.coords), c.count);
  return shapes.map((g, i) => ({ ...g, id: c.ids[i]!, code: c.codes[i]!, parentId: c.parentIds[i]! }));
}

/** The commit point of an import: from here on, readers see the new version. */
export async function activate(kind: ImportKind, version: number, at: Date): Promise<void> {
  await GeoActivationModel.create({ _id: layerId(kind, version), kind, version, activatedAt: at });
}

/** Every feature of a complete version, chunk by chunk (primary-key reads, a few at a time). */
export async function readFeatures(kind: ImportKind, version: number): Promise<StoredFeature[] | null> {
  const layer = await findLayer(kind, version);
  if (!layer || layer.status !== 'complete') return null;
  const chunks: (GeoChunkDoc | null)[] = new Array(layer.chunkCount).fill(null);
  const seqs = [...chunks.keys()];
  const worker = async () => {
    for (let seq = seqs.shift(); seq !== undefined; seq = seqs.shift()) {
      // The driver directly: Mongoose adds nothing to a read-only primary-key fetch of binary data.
      chunks[seq] = (await GeoChunkModel.collection.findOne({ _id: chunkId(kind, version, seq) as never })) as GeoChunkDoc | null;
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, seqs.length) }, worker));
  return chunks.flatMap((c) => (c ? unpack(c) : []));
}

export async function insertImport(doc: Omit<GeoImportDoc, '_id'>): Promise<GeoImportDoc> {
  return (await GeoImportModel.create(doc)).toObject() as GeoImportDoc;
}

export async function updateImport(id: Types.ObjectId, set: Partial<GeoImportDoc>): Promise<void> {
  await GeoImportModel.updateOne({ _id: id }, { $set: set });
}

export async function findImport(id: string): Promise<GeoImportDoc | null> {
  return Types.ObjectId.isValid(id) ? GeoImportModel.findById(id).lean<GeoImportDoc>() : null;
}
