import { createHash, randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { notFound } from '../../core/errors';
import { recordAudit } from '../audit';
import type { Actor } from '../auth';
import { Open311ClientModel, type Open311ClientDoc } from './open311.model';

export const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/** The admin view of a client: never the key or its hash. */
export function presentClient(c: Open311ClientDoc) {
  return {
    id: String(c._id),
    name: c.name,
    keyPrefix: c.keyPrefix,
    rateLimit: c.rateLimit ?? null,
    active: !c.revokedAt,
    createdAt: c.createdAt.toISOString(),
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
  };
}
export type Open311ClientDto = ReturnType<typeof presentClient>;

/** Creates a client and its API key; the key is in the answer once and never again. */
export async function createClient(ctx: AppContext, actor: Actor, body: { name: string; rateLimit?: number | undefined }) {
  const apiKey = `o311_${randomBytes(24).toString('base64url')}`;
  const doc = (
    await Open311ClientModel.create({
      name: body.name,
      keyHash: hashKey(apiKey),
      keyPrefix: apiKey.slice(0, 9),
      rateLimit: body.rateLimit ?? null,
      createdBy: new Types.ObjectId(actor.user.id),
      createdAt: ctx.clock.now(),
    })
  ).toObject() as Open311ClientDoc;
  await recordAudit(ctx, {
    action: 'open311.client_created',
    actor: { id: actor.user.id, username: actor.user.username, role: actor.user.role },
    target: { type: 'open311_client', id: String(doc._id), label: doc.name },
    details: { keyPrefix: doc.keyPrefix, rateLimit: doc.rateLimit ?? null },
    ip: actor.ip,
  });
  return { ...presentClient(doc), apiKey };
}

export async function listClients(): Promise<Open311ClientDto[]> {
  const docs = await Open311ClientModel.find({}).sort({ createdAt: -1 }).limit(500).lean<Open311ClientDoc[]>();
  return docs.map(presentClient);
}

/** Revokes the client's key at once (idempotent: revoking twice keeps the first time). */
export async function revokeClient(ctx: AppContext, actor: Actor, id: string): Promise<Open311ClientDto> {
  const current = await Open311ClientModel.findById(id).lean<Open311ClientDoc>();
  if (!current) throw notFound('Open311 client', id);
  if (current.revokedAt) return presentClient(current);
  const revokedAt = ctx.clock.now();
  await Open311ClientModel.updateOne({ _id: current._id }, { $set: { revokedAt } });
  await recordAudit(ctx, {
    action: 'open311.client_revoked',
    actor: { id: actor.user.id, username: actor.user.username, role: actor.user.role },
    target: { type: 'open311_client', id, label: current.name },
    ip: actor.ip,
  });
  return presentClient({ ...current, revokedAt });
}

/** The active client owning this API key, or null. */
export async function clientForKey(apiKey: string): Promise<Open311ClientDoc | null> {
  const doc = await Open311ClientModel.findOne({ keyHash: hashKey(apiKey) }).lean<Open311ClientDoc>();
  return doc && !doc.revokedAt ? doc : null;
}
