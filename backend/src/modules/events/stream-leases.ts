import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import type { Clock } from '../../core/context';
import { isDuplicateKey, tooManyRequests } from '../../core/errors';
import type { Logger } from '../../core/logger';

const COLLECTION = 'event_stream_leases';

/** One open stream somewhere in the cluster: slot `<userId>:<n>` (n < the cap), held while renewed. */
interface LeaseDoc {
  _id: string;
  userId: string;
  /** The instance (bus origin) that renews it. */
  instance: string;
  /** Identifies this holding of the slot: a release or reclaim deletes exactly this one. */
  token: string;
  expiresAt: Date;
}

export interface Lease {
  id: string;
  token: string;
}

export interface StreamLeaseOptions {
  instance: string;
  maxPerUser: number;
  /** A lease not renewed for this long is stale (its instance died) and may be taken over. */
  ttlMs: number;
  clock: Clock;
  logger: Logger;
}

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return db.collection<LeaseDoc>(COLLECTION);
}

/**
 * The cap on live streams per user across every API instance (issue 9). Each open stream holds
 * one of the user's `maxPerUser` slots, a document keyed `<userId>:<slot>` taken by an insert:
 * FerretDB has no atomic read-modify-write, so a unique `_id` is what decides between two
 * instances opening streams at once (the loser gets E11000 and tries the next slot). The holder
 * renews its leases at every heartbeat; a lease whose instance stopped renewing (crash, kill -9)
 * expires after `ttlMs` and is reclaimed by the next open: delete that exact holding (its token),
 * then insert. A closed stream deletes its lease at once.
 */
export class StreamLeases {
  /** Leases held by this instance, by token, with what to do if one is lost. */
  private readonly held = new Map<string, { id: string; onLost: () => void }>();
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly opts: StreamLeaseOptions) {}

  async ensure(): Promise<void> {
    // Renewal and release by instance: MongoDB needs the index; FerretDB scans this small collection.
    await collection().createIndex({ instance: 1 }).catch(() => undefined);
  }

  /** Takes a free (or stale) slot for the user, or throws 429 with Retry-After when all are held. */
  async acquire(userId: string): Promise<Lease> {
    const coll = collection();
    const now = this.opts.clock.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (let slot = 0; slot < this.opts.maxPerUser; slot++) {
      const lease = { id: `${userId}:${slot}`, token: randomBytes(9).toString('base64url') };
      const doc: LeaseDoc = { _id: lease.id, userId, instance: this.opts.instance, token: lease.token, expiresAt: new Date(now.getTime() + this.opts.ttlMs) };
      if (await this.insert(doc)) return this.hold(lease);
      const current = await coll.findOne({ _id: lease.id });
      if (current && current.expiresAt.getTime() > now.getTime()) {
        earliest = Math.min(earliest, current.expiresAt.getTime());
        continue;
      }
      // Released meanwhile, or stale: remove that holding (not a newer one) and try once more.
      if (current) {
        await coll.deleteOne({ _id: lease.id, token: current.token });
        this.opts.logger.info({ lease: lease.id, instance: current.instance }, 'live stream lease reclaimed (its instance stopped renewing)');
      }
      if (await this.insert(doc)) return this.hold(lease);
    }
    const wait = Number.isFinite(earliest) ? (earliest - now.getTime()) / 1000 : 1;
    throw tooManyRequests(Math.min(60, Math.max(1, wait)), `At most ${this.opts.maxPerUser} live streams per user`);
  }

  /** What to do when a lease of this instance turns out to be gone (it was reclaimed as stale). */
  onLost(lease: Lease, handler: () => void): void {
    const h = this.held.get(lease.token);
    if (h) h.onLost = handler;
  }

  /** Frees the slot (best effort: an undeleted lease expires by itself). */
  release(lease: Lease): void {
    if (!this.held.delete(lease.token)) return;
    this.track(collection().deleteOne({ _id: lease.id, token: lease.token }));
  }

  /**
   * Called at every heartbeat: pushes the expiry of every lease of this instance forward in one
   * update. If fewer matched than are held, another instance reclaimed some (this one was too
   * slow to renew): their streams are told, so the cap holds.
   */
  async renew(): Promise<void> {
    if (this.held.size === 0) return;
    const coll = collection();
    const expiresAt = new Date(this.opts.clock.now().getTime() + this.opts.ttlMs);
    const heldBefore = this.held.size;
    const r = await coll.updateMany({ instance: this.opts.instance }, { $set: { expiresAt } });
    if (r.matchedCount >= heldBefore) return;
    const present = new Set((await coll.find({ instance: this.opts.instance }, { projection: { token: 1 } }).toArray()).map((d) => d.token));
    for (const [token, h] of [...this.held]) {
      if (present.has(token)) continue;
      this.held.delete(token);
      this.opts.logger.warn({ lease: h.id }, 'live stream lease lost: closing its stream');
      h.onLost();
    }
  }

  /** At shutdown, after the streams are closed: every lease of this instance goes. */
  async stop(): Promise<void> {
    this.held.clear();
    await Promise.allSettled([...this.pending]);
    await collection().deleteMany({ instance: this.opts.instance }).catch(() => undefined);
  }

  get size(): number {
    return this.held.size;
  }

  private hold(lease: Lease): Lease {
    this.held.set(lease.token, { id: lease.id, onLost: () => undefined });
    return lease;
  }

  private async insert(doc: LeaseDoc): Promise<boolean> {
    try {
      await collection().insertOne(doc);
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  private track(p: Promise<unknown>): void {
    const q = p
      .catch((err) => this.opts.logger.warn({ err: (err as Error).message }, 'live stream lease: release failed (it will expire)'))
      .finally(() => this.pending.delete(q));
    this.pending.add(q);
  }
}
