import { Readable } from 'node:stream';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GridFSBucket, ObjectId } from 'mongodb';
import mongoose, { Schema, model, Types } from 'mongoose';
import type { Config } from '../../config';

/** Photo metadata; the bytes live in GridFS (bucket `photos`) or in PHOTO_DIR. */
const photoSchema = new Schema(
  {
    caseId: { type: Types.ObjectId, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    sha256: { type: String, required: true },
    store: { type: String, enum: ['gridfs', 'dir'], required: true },
    fileId: { type: String, required: true },
    thumbId: { type: String, required: true },
    uploadedBy: { type: Types.ObjectId, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { collection: 'photos' },
);
photoSchema.index({ caseId: 1, uploadedAt: 1 });
export const PhotoModel = model('Photo', photoSchema);

export interface PhotoRecord {
  _id: Types.ObjectId;
  caseId: Types.ObjectId;
  contentType: string;
  size: number;
  width: number;
  height: number;
  store: 'gridfs' | 'dir';
  fileId: string;
  thumbId: string;
  uploadedAt: Date;
}

export async function photosOf(caseId: Types.ObjectId): Promise<PhotoRecord[]> {
  return PhotoModel.find({ caseId }).sort({ uploadedAt: 1 }).lean<PhotoRecord[]>();
}

export async function findPhoto(id: string): Promise<PhotoRecord | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return PhotoModel.findById(id).lean<PhotoRecord>();
}

function bucket(): GridFSBucket {
  return new GridFSBucket(mongoose.connection.db as never, { bucketName: 'photos' });
}

/** Stores bytes and returns the id to read them back with. */
export async function putBytes(config: Config, name: string, contentType: string, bytes: Buffer): Promise<string> {
  if (config.PHOTO_STORE === 'dir') {
    await mkdir(config.PHOTO_DIR, { recursive: true });
    const file = path.join(config.PHOTO_DIR, name);
    try {
      await writeFile(file, bytes, { flag: 'wx' });
    } catch (err) {
      // 'wx' creates the file before a failing write (disk full): never leave it behind.
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') await rm(file, { force: true }).catch(() => undefined);
      throw err;
    }
    return name;
  }
  const id = new ObjectId();
  await new Promise<void>((resolve, reject) => {
    const up = bucket().openUploadStreamWithId(id, name, { metadata: { contentType } });
    up.once('error', reject);
    up.once('finish', () => resolve());
    up.end(bytes);
  });
  return id.toHexString();
}

export async function getBytes(config: Config, store: 'gridfs' | 'dir', id: string): Promise<Buffer> {
  if (store === 'dir') return readFile(path.join(config.PHOTO_DIR, path.basename(id)));
  const chunks: Buffer[] = [];
  const stream: Readable = bucket().openDownloadStream(new ObjectId(id));
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Removes stored bytes (cleanup when a later step of an upload fails: no orphans). */
export async function deleteBytes(config: Config, store: 'gridfs' | 'dir', id: string): Promise<void> {
  if (store === 'dir') {
    await rm(path.join(config.PHOTO_DIR, path.basename(id)), { force: true });
    return;
  }
  await bucket()
    .delete(new ObjectId(id))
    .catch(() => undefined);
}
