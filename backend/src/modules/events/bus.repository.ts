import mongoose from 'mongoose';
import { isDuplicateKey } from '../../core/errors';
import type { BusDraft, BusEvent } from './bus-event.types';

const COLLECTION = 'bus_events';
/** One small document per running instance: the last seq its reader passed. */
const READERS = 'bus_readers';

/**
 * `_id` is the first sequence number as a zero-padded string: string order is number order, the
 * key is unique (the insert that wins allocates the numbers), and — measured on FerretDB
 * 1.24/SQLite — an exact `{_id: "<string>"}` filter is answered in SQL while every other filter
 * decodes each stored document in Go (and a numeric `_id` is not pushed down).
 */
export const seqKey = (seq: number) => String(seq).padStart(15, '0');

/** One stored document: `count` consecutive events from `seq` (a writer's batch). */
interface BusDoc {
  _id: string;
  seq: number;
  count: number;
  events: (BusDraft & { publishedAt: number; origin: string })[];
}

/** A stored batch, as read back. */
export interface BusBatch {
  seq: number;
  /** Last seq in the batch. */
  end: number;
  events: BusEvent[];
}

/** The leading batches that continue exactly from `first`, flattened. */
export function contiguousFrom(batches: BusBatch[], first: number): BusEvent[] {
  const out: BusEvent[] = [];
  let next = first;
  for (const b of batches) {
    if (b.seq !== next) break;
    out.push(...b.events);
    next = b.end + 1;
  }
  return out;
}

/** The newest unbroken run of events ending at head (older events before a hole cannot be replayed). */
export function contiguousTail(batches: BusBatch[], head: number): BusEvent[] {
  let i = batches.length;
  let expectEnd = head;
  while (i > 0 && batches[i - 1]!.end === expectEnd) {
    expectEnd = batches[i - 1]!.seq - 1;
    i--;
  }
  return batches.slice(i).flatMap((b) => b.events);
}

function collection() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return db.collection<BusDoc>(COLLECTION);
}

function readers() {
  const db = mongoose.connection.db;
  if (!db) throw new Error('database not connected');
  return db.collection<{ _id: string; position: number; at: number }>(READERS);
}

function toBatch(d: BusDoc): BusBatch {
  const events = (d.events ?? []).map((e, i) => ({
    seq: d.seq + i,
    type: e.type,
    audience: e.audience,
    data: e.data ?? {},
    publishedAt: e.publishedAt,
    origin: e.origin,
  }));
  return { seq: d.seq, end: d.seq + Math.max(d.count, 1) - 1, events };
}

/** The bus collection: raw driver access (a Mongoose model would be created uncapped at connect). */
export const busStore = {
  /** Creates the capped collection once; an existing one is kept as it is. */
  async ensure(maxBytes: number, maxDocs: number): Promise<void> {
    const db = mongoose.connection.db;
    if (!db) throw new Error('database not connected');
    const existing = await db.listCollections({ name: COLLECTION }, { nameOnly: true }).toArray();
    if (existing.length > 0) return;
    await db.createCollection(COLLECTION, { capped: true, size: maxBytes, max: maxDocs }).catch((err: { code?: number }) => {
      if (err.code !== 48) throw err; // NamespaceExists: another instance created it first
    });
  },

  /** Stores the events as seq, seq+1, …; false when a batch already starts at seq. */
  async insert(seq: number, events: BusDoc['events']): Promise<boolean> {
    try {
      await collection().insertOne({ _id: seqKey(seq), seq, count: events.length, events });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  },

  /** The batch starting at seq (the one query FerretDB answers in SQL). */
  async at(seq: number): Promise<BusBatch | null> {
    const d = await collection().findOne({ _id: seqKey(seq) });
    return d ? toBatch(d) : null;
  },

  /** Batches starting at seq or later, in order (a scan on FerretDB: catch-up, probes, start-up). */
  async from(seq: number, limit: number): Promise<BusBatch[]> {
    const docs = await collection().find({ _id: { $gte: seqKey(seq) } }).sort({ _id: 1 }).limit(limit).toArray();
    return docs.map(toBatch);
  },

  /** The batch holding seq, if any (a scan: only for a client's Last-Event-ID ahead of this instance). */
  async holding(seq: number): Promise<BusBatch | null> {
    const [d] = await collection().find({ _id: { $lte: seqKey(seq) } }).sort({ _id: -1 }).limit(1).toArray();
    const b = d ? toBatch(d) : null;
    return b && b.end >= seq ? b : null;
  },

  /** The highest stored seq, 0 when empty (a scan: start-up and allocation fallback only). */
  async head(): Promise<number> {
    const [last] = await collection().find({}, { projection: { seq: 1, count: 1 } }).sort({ _id: -1 }).limit(1).toArray();
    return last ? last.seq + Math.max(last.count, 1) - 1 : 0;
  },

  /** Records how far this instance's reader got (writers keep what a live reader still needs). */
  async report(origin: string, position: number, at: number): Promise<void> {
    await readers().updateOne({ _id: origin }, { $set: { position, at } }, { upsert: true });
  },

  async unreport(origin: string): Promise<void> {
    await readers().deleteOne({ _id: origin });
  },

  /** Positions of readers that reported since `since` (ms). */
  async readerPositions(since: number): Promise<number[]> {
    const rows = await readers().find({}).toArray();
    return rows.filter((r) => r.at >= since).map((r) => r.position);
  },

  /** Deletes the batch starting at seq (by key: answered in SQL on FerretDB). */
  async removeBatch(seq: number): Promise<void> {
    await collection().deleteOne({ _id: seqKey(seq) });
  },

  /** Deletes every batch starting below seq (a scan on FerretDB: pruning's periodic sweep). */
  async removeBelow(seq: number): Promise<void> {
    await collection().deleteMany({ _id: { $lt: seqKey(seq) } });
  },
};

export type BusStore = typeof busStore;
