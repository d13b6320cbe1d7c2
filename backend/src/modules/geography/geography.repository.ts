import { Types } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import type { ImportKind } from './feature-validation.workflow';
import { GeoImportModel, type GeoImportDoc } from './geo-import.model';
import {
  GeoActivationModel,
  GeoChunkModel,
  GeoLayerModel,
  type GeoChunkDoc,
  type GeoLayerDoc,
  type StoredFeature,
} from './geo-layer.model';

/** Features per chunk document: ~0.5 MB for 40-vertex cells, well under the 16 MB limit. */
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
  await GeoChunkModel.insertMany([{ _id: chunkId(kind, version, seq), kind, version, seq, features }], { lean: true });
}

export async function finishLayer(kind: ImportKind, version: number, set: { status: 'complete' | 'failed'; featureCount?: number; chunkCount?: number }): Promise<void> {
  await GeoLayerModel.updateOne({ _id: layerId(kind, version) }, { $set: set });
}

/** Removes the chunks of a version that failed while writing (best effort; it never became active). */
export async function dropChunks(kind: ImportKind, version: number, count: number): Promise<void> {
  for (let seq = 0; seq < count; seq++) await GeoChunkModel.deleteOne({ _id: chunkId(kind, version, seq) });
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
      chunks[seq] = await GeoChunkModel.findById(chunkId(kind, version, seq)).lean<GeoChunkDoc>();
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, seqs.length) }, worker));
  return chunks.flatMap((c) => (c?.features ?? []) as StoredFeature[]);
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
