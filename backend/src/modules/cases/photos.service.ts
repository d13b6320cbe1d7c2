import { createHash } from 'node:crypto';
import type { Request } from 'express';
import Busboy from 'busboy';
import sharp from 'sharp';
import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { AppError, badRequest, forbidden, isDuplicateKey, notFound, payloadTooLarge, unsupportedMediaType } from '../../core/errors';
import type { AuthUser } from '../auth';
import { canSeeCase } from './cases.policy';
import { appendEvent, applyPatch, catchUp, findCase } from './cases.repository';
import { deleteBytes, findPhoto, getBytes, PhotoModel, putBytes, type PhotoRecord } from './photos.repository';
import { loadVisibleCase } from './transitions.service';

type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type from the first bytes (never from the file name or the client's content type). */
export function sniffImageType(b: Buffer): ImageType | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

/** Reads the single `photo` part of a multipart body into memory, refusing it past the size limit. */
function readUpload(req: Request, maxBytes: number): Promise<Buffer> {
  if (!req.is('multipart/form-data')) return Promise.reject(unsupportedMediaType('Upload photos as multipart/form-data (field "photo")'));
  if (Number(req.headers['content-length'] ?? 0) > maxBytes + 256 * 1024) return Promise.reject(payloadTooLarge(`Photos are limited to ${maxBytes} bytes`));
  return new Promise((resolve, reject) => {
    let bb: ReturnType<typeof Busboy>;
    try {
      bb = Busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10, parts: 12 } });
    } catch {
      return reject(badRequest('INVALID_MULTIPART', 'Malformed multipart body'));
    }
    let result: Buffer | null = null;
    let failure: AppError | null = null;
    bb.on('file', (field, stream) => {
      const chunks: Buffer[] = [];
      if (field !== 'photo') {
        failure ??= badRequest('INVALID_MULTIPART', 'The file field must be named "photo"');
        stream.resume();
        return;
      }
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('limit', () => {
        failure ??= payloadTooLarge(`Photos are limited to ${maxBytes} bytes`);
      });
      stream.on('end', () => {
        if (!failure) result = Buffer.concat(chunks);
      });
    });
    bb.on('filesLimit', () => {
      failure ??= badRequest('INVALID_MULTIPART', 'One photo per request');
    });
    bb.on('error', () => reject(badRequest('INVALID_MULTIPART', 'Malformed multipart body')));
    bb.on('close', () => {
      if (failure) reject(failure);
      else if (!result || result.length === 0) reject(badRequest('PHOTO_MISSING', 'No photo in the request (field "photo")'));
      else resolve(result);
    });
    req.pipe(bb);
  });
}

/**
 * Stores a photo for a case: type checked by content, EXIF orientation applied and all metadata
 * (GPS, device) stripped by re-encoding, a thumbnail for lists; the bytes are written first and
 * removed again if the metadata or timeline write fails, so no orphan is left either way.
 */
export async function addPhoto(ctx: AppContext, user: AuthUser, caseId: string, req: Request): Promise<PhotoRecord> {
  if (user.role === 'legal_officer' || user.role === 'admin') throw forbidden('Your role does not add photos');
  const kase = await loadVisibleCase(user, caseId);
  const raw = await readUpload(req, ctx.config.PHOTO_MAX_BYTES);
  const type = sniffImageType(raw);
  if (!type) throw new AppError(415, 'UNSUPPORTED_PHOTO_TYPE', 'Photos must be JPEG, PNG or WebP');
  let clean: Buffer;
  let thumb: Buffer;
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    const img = sharp(raw, { failOn: 'error', limitInputPixels: 80_000_000 }).rotate();
    clean = await (type === 'image/png' ? img.png() : type === 'image/webp' ? img.webp({ quality: 85 }) : img.jpeg({ quality: 85 })).toBuffer();
    meta = await sharp(clean).metadata();
    thumb = await sharp(clean).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 70 }).toBuffer();
  } catch {
    throw badRequest('INVALID_IMAGE', 'The photo could not be decoded');
  }
  const photoId = new Types.ObjectId();
  const store = ctx.config.PHOTO_STORE;
  const written: string[] = [];
  try {
    written.push(await putBytes(ctx.config, `${photoId}.${type.split('/')[1]}`, type, clean));
    written.push(await putBytes(ctx.config, `${photoId}.thumb.jpg`, 'image/jpeg', thumb));
    const now = ctx.clock.now();
    await PhotoModel.create({
      _id: photoId,
      caseId: kase._id,
      contentType: type,
      size: clean.length,
      width: meta.width ?? 0,
      height: meta.height ?? 0,
      sha256: createHash('sha256').update(clean).digest('hex'),
      store,
      fileId: written[0],
      thumbId: written[1],
      uploadedBy: new Types.ObjectId(user.id),
      uploadedAt: now,
    });
    await recordPhotoEvent(user, String(kase._id), String(photoId), now);
  } catch (err) {
    for (const id of written) await deleteBytes(ctx.config, store, id);
    await PhotoModel.deleteOne({ _id: photoId }).catch(() => undefined);
    throw err;
  }
  return (await findPhoto(String(photoId)))!;
}

async function recordPhotoEvent(user: AuthUser, caseId: string, photoId: string, now: Date) {
  for (let attempt = 0; attempt < 10; attempt++) {
    const kase = await catchUp((await findCase(caseId))!);
    const photoIds = [...(kase.photoIds ?? []).map(String), photoId];
    try {
      await appendEvent({
        caseId: kase._id,
        seq: kase.seq + 1,
        action: 'photo_added',
        from: kase.status,
        to: kase.status,
        actorId: user.id,
        actorRole: user.role,
        actorName: user.displayName,
        at: now,
        note: null,
        data: { photoId },
        patch: { photoIds },
        attachments: [photoId],
      }, { before: kase });
      await applyPatch(kase._id, kase.seq + 1, { photoIds }, now);
      return;
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }
  throw new AppError(409, 'CASE_CONFLICT', 'The case is changing too fast; retry the upload');
}

/** Photo bytes for a caller who may see its case (404 otherwise). */
export async function readPhoto(ctx: AppContext, user: AuthUser, id: string, variant: 'full' | 'thumb') {
  const photo = await findPhoto(id);
  const kase = photo ? await findCase(String(photo.caseId)) : null;
  if (!photo || !kase || !canSeeCase(user, kase as never)) throw notFound('photo', id);
  const bytes = await getBytes(ctx.config, photo.store, variant === 'full' ? photo.fileId : photo.thumbId);
  return { bytes, contentType: variant === 'full' ? photo.contentType : 'image/jpeg' };
}
