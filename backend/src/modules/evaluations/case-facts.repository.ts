import { isDuplicateKey } from '../../core/errors';
import { InsertBatcher } from '../../core/insert-batcher';
import { eventsOf, findCase, type TimelineHooks } from '../cases';
import {
  advanceFacts, caseToWire, factsFromWire, factsOf, factsToWire, journalDelta, packChunk, unpackChunk,
  type CaseFacts, type JournalEntry, type WireFacts,
} from './case-facts.workflow';
import { FactChunkModel, FactJournalModel, FactMetaModel } from './case-facts.model';
import { streamTimelines, toFoldCase, toFoldEvent } from './indicators.repository';
import { fnv1a } from './sampling.workflow';
import { DEFAULT_SPILL } from './timeline-spill';

/**
 * The evaluation fact projection on the database (see case-facts.model.ts). Writers only insert
 * (journal entries, unique `_id`), so concurrent writers need no atomic read-modify-write; chunks
 * are written by one compaction at a time (a lease is a unique insert). Correctness never depends
 * on the projection being fresh: a case whose journal shows an event its facts lack (a writer that
 * died, or is still writing) is read from its timeline instead.
 */
export const BUCKETS = 256; // a multiple of the spill's 16 partitions: a partition fills whole buckets
export const bucketOf = (caseId: string) => fnv1a(caseId) % BUCKETS;
const chunkId = (b: number) => `b:${String(b).padStart(3, '0')}`;
const entryId = (caseId: string, seq: number) => `${caseId}:${String(seq).padStart(6, '0')}`;
/** Buckets rewritten per compaction (a quarter of the chunks: bounds its memory to their packed bytes, ~30 MB at 1M cases). */
const COMPACT_BUCKETS = 64;
const LEASE_MS = 10 * 60_000;

/** Journal entries of concurrent appends share one insertMany (group commit). */
const journalInserts = new InsertBatcher(() => FactJournalModel.collection as never);

/** The cases module's hooks (plugged in by modules/index.ts). */
export const caseFactHooks: TimelineHooks = {
  async beforeAppend(caseId, seq, at) {
    try {
      await journalInserts.insert({ _id: entryId(caseId, seq), caseId, seq, at, done: false, e: null, p: null, c: null });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err; // a concurrent writer for the same seq journaled it already
    }
  },
  async withdraw(caseId, seq) {
    // Only for a case id no other writer can hold (see TimelineHooks.withdraw). A failure leaves an
    // entry for a case that never exists: readers find no case for it and count nothing, but
    // compaction never drops it (it covers entries of cases it folded), so it stays in the journal.
    await FactJournalModel.collection.deleteOne({ _id: entryId(caseId, seq) as never }).catch(() => undefined);
  },
  async afterAppend(ev) {
    try {
      await completeEntry(String(ev.caseId), ev.seq, ev.at, { done: true, ...journalDelta(toFoldEvent(ev), ev.patch) });
    } catch {
      // The entry stays not done: readers take this case from its timeline.
    }
  },
  caseCreated(doc, firstEvent) {
    // The report path does not wait for this write: readers in this process settle it first.
    return settling(async () => {
      try {
        const c = JSON.stringify(caseToWire(toFoldCase(doc)));
        // With the first event this attempt inserted, the entry is completed in the same write.
        await completeEntry(String(doc._id), 1, doc.createdAt, firstEvent ? { done: true, c, ...journalDelta(toFoldEvent(firstEvent), firstEvent.patch) } : { done: false, c });
      } catch {
        // Without its FoldCase the new case is read from its timeline.
      }
    });
  },
};

/** Journal writes callers did not wait for (completions of new cases), still under way here. */
const unsettled = new Set<Promise<void>>();

function settling(write: () => Promise<void>): Promise<void> {
  const p = write().finally(() => unsettled.delete(p));
  unsettled.add(p);
  return p;
}

/**
 * Waits for this process's journal writes that nobody awaited, so a reader here sees every report
 * this process has answered completed. (Other processes' late completions are covered by the
 * journal's rule: an entry not done is read from the timeline.)
 */
export async function settleJournalWrites(): Promise<void> {
  while (unsettled.size > 0) await Promise.allSettled([...unsettled]);
}

/**
 * Completes a journal entry by inserting its completion `<entry id>:d` (insert-only, so it joins
 * other writers' batches; the first completion of an entry wins, a later one is ignored).
 */
async function completeEntry(caseId: string, seq: number, at: Date, fields: { done: boolean; e?: string | null; p?: string | null; c?: string }): Promise<void> {
  const id = entryId(caseId, seq);
  try {
    await journalInserts.insert({ _id: `${id}${DONE_SUFFIX}`, caseId, seq, at, e: null, p: null, c: null, ...fields });
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
}

const DONE_SUFFIX = ':d';

/** The journal's entries with their completions folded in, by entry `_id`. */
export async function readJournal(): Promise<Entry[]> {
  await settleJournalWrites();
  return (await readJournalRows()).entries;
}

/**
 * Entries with their completions folded in, and the completions whose entry is gone: written
 * after a compaction had already folded that case from its timeline (safe to delete, since an
 * entry is always inserted before its completion).
 */
async function readJournalRows(): Promise<{ entries: Entry[]; orphans: string[] }> {
  const rows = await FactJournalModel.find({}).lean<Entry[]>();
  const entries = new Map<string, Entry>();
  const orphans: string[] = [];
  for (const r of rows) if (!r._id.endsWith(DONE_SUFFIX)) entries.set(r._id, { ...r, done: false });
  for (const r of rows) {
    if (!r._id.endsWith(DONE_SUFFIX)) continue;
    const base = entries.get(r._id.slice(0, -DONE_SUFFIX.length));
    if (base) entries.set(base._id, { ...base, done: Boolean(r.done), e: r.e ?? base.e, p: r.p ?? base.p, c: r.c ?? base.c });
    else orphans.push(r._id);
  }
  return { entries: [...entries.values()], orphans };
}

/** Deletes journal rows by `_id`, 1,000 per query (the `$in` the FerretDB build pushes down). */
async function deleteJournalRows(ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await FactJournalModel.collection.deleteMany({ _id: { $in: ids.slice(i, i + 1000) as never[] } });
  }
}

type Entry = JournalEntry & { _id: string; caseId: string };

/** A case's facts from its document and timeline (the truth), null when the case does not exist. */
export async function factsFromTimeline(caseId: string): Promise<CaseFacts | null> {
  const doc = await findCase(caseId);
  if (!doc) return null;
  const events = (await eventsOf(caseId)).map(toFoldEvent);
  return factsOf(toFoldCase(doc), doc.seq, events);
}

/**
 * One builder or compactor at a time: the lease is a unique insert per 10-minute window, refused
 * while the previous window's lease is still held (a holder that died blocks two windows at most).
 */
async function takeLease(now: Date): Promise<string | null> {
  const w = Math.floor(now.getTime() / LEASE_MS);
  const id = `lease:${w}`;
  try {
    await FactMetaModel.collection.insertOne({ _id: id as never, at: now });
  } catch (err) {
    if (isDuplicateKey(err)) return null;
    throw err;
  }
  if (await FactMetaModel.exists({ _id: `lease:${w - 1}` })) {
    await releaseLease(id);
    return null;
  }
  return id;
}
async function releaseLease(id: string): Promise<void> {
  await FactMetaModel.collection.deleteOne({ _id: id as never });
}

type RawChunk = { _id: string; b: { buffer: Uint8Array } };
const rowsOf = (c: RawChunk) => unpackChunk(Buffer.from(c.b.buffer.buffer, c.b.buffer.byteOffset, c.b.buffer.byteLength));

async function readChunk(b: number): Promise<WireFacts[]> {
  const c = await FactChunkModel.collection.findOne<RawChunk>({ _id: chunkId(b) as never });
  return c ? rowsOf(c) : [];
}

export const isBuilt = async () => (await FactMetaModel.exists({ _id: 'built' })) !== null;

/**
 * Builds every chunk from the timelines (one streamed pass; the backfill for data written before
 * the projection, or around the cases module). Journal entries are kept: readers apply the newer
 * ones, compaction drops the older. Returns false when another build or compaction holds the lease.
 */
export async function buildFacts(now: Date): Promise<{ cases: number } | false> {
  const lease = await takeLease(now);
  if (!lease) return false;
  try {
    const byBucket = new Map<number, WireFacts[]>();
    const written = new Set<number>();
    let cases = 0;
    let partition = -1;
    const flush = async (buckets: number[]) => {
      for (const b of buckets) {
        let rows = byBucket.get(b) ?? [];
        // Grouped in memory the stream's order is not by partition: a bucket written already is extended, never lost.
        if (written.has(b)) rows = [...(await readChunk(b)), ...rows];
        await FactChunkModel.collection.replaceOne({ _id: chunkId(b) as never }, { n: rows.length, b: packChunk(rows), at: now }, { upsert: true });
        byBucket.delete(b);
        written.add(b);
      }
    };
    // Spilled, the stream yields one hash partition after the other: a partition's buckets are complete when the next begins.
    for await (const tl of streamTimelines(new Date(8.64e15))) {
      const b = bucketOf(tl.kase.id);
      const p = b % DEFAULT_SPILL.partitions;
      if (p > partition && partition !== -1 && cases >= 20_000) await flush([...byBucket.keys()].filter((k) => k % DEFAULT_SPILL.partitions === partition));
      partition = p;
      let list = byBucket.get(b);
      if (!list) byBucket.set(b, (list = []));
      list.push(factsToWire(factsOf(tl.kase, tl.kase.seq ?? Number.MAX_SAFE_INTEGER, tl.events)));
      cases += 1;
    }
    await flush(Array.from({ length: BUCKETS }, (_, b) => b).filter((b) => byBucket.has(b) || !written.has(b)));
    await FactMetaModel.collection.replaceOne({ _id: 'built' as never }, { at: now }, { upsert: true });
    return { cases };
  } finally {
    await releaseLease(lease);
  }
}

/**
 * Every case's facts, current: chunks advanced by the journal (read first, so an entry folded into
 * a chunk meanwhile is seen in one or the other), cases the journal cannot vouch for read from
 * their timelines. Then folds up to COMPACT_BUCKETS touched buckets into their chunks (one
 * compaction at a time) and drops the journal entries they now cover.
 */
export async function* currentFacts(now: Date): AsyncGenerator<CaseFacts> {
  await settleJournalWrites();
  // The lease first: only its holder rewrites chunks, from chunks read while holding it.
  const lease = (await FactJournalModel.exists({})) ? await takeLease(now) : null;
  let cursor: ReturnType<typeof FactChunkModel.collection.find<RawChunk>> | null = null;
  let pending: Promise<RawChunk | null> | null = null;
  try {
    const journal = new Map<string, Entry[]>();
    const { entries, orphans } = await readJournalRows();
    for (const en of entries) {
      const list = journal.get(en.caseId);
      if (list) list.push(en);
      else journal.set(en.caseId, [en]);
    }
    for (const list of journal.values()) list.sort((a, b) => a.seq - b.seq);
    const touched = [...new Set([...journal.keys()].map(bucketOf))].sort((a, b) => a - b);
    const compactable = new Set(lease ? touched.slice(0, COMPACT_BUCKETS) : []);
    const resolve = async (id: string, base: CaseFacts | null): Promise<CaseFacts | null> => {
      const entries = journal.get(id);
      if (!entries) return base;
      return advanceFacts(base, entries) ?? (await factsFromTimeline(id));
    };
    const covered = (id: string, f: CaseFacts | null) =>
      f ? (journal.get(id) ?? []).filter((en) => en.seq <= f.seq).flatMap((en) => [en._id, `${en._id}${DONE_SUFFIX}`]) : [];
    // Rewritten chunks are held packed; cases new to a bucket are added to its packed rows at the end.
    const rewrites = new Map<number, { packed: Buffer | null; n: number; rows: WireFacts[]; covered: string[] }>();
    const slot = (b: number) => {
      let r = rewrites.get(b);
      if (!r) rewrites.set(b, (r = { packed: null, n: 0, rows: [], covered: [] }));
      return r;
    };

    const seen = new Set<string>();
    // Read-ahead: the next chunk is requested before this one is handed on, so the database decodes it while the caller computes.
    cursor = FactChunkModel.collection.find<RawChunk>({}, { batchSize: 2 });
    let next = cursor.next();
    pending = next;
    for (let chunk = await next; chunk; chunk = await next) {
      pending = next = cursor.next();
      const bucket = Number(chunk._id.slice(2));
      const keep = compactable.has(bucket);
      for (const w of rowsOf(chunk)) {
        const id = w[1][0];
        let f: CaseFacts | null = factsFromWire(w);
        if (journal.has(id)) {
          seen.add(id);
          f = await resolve(id, f);
          if (keep) slot(bucket).covered.push(...covered(id, f));
        }
        if (keep && f) slot(bucket).rows.push(journal.has(id) ? factsToWire(f) : w);
        if (f) yield f;
      }
      if (keep) {
        const r = slot(bucket);
        r.packed = packChunk(r.rows);
        r.n = r.rows.length;
        r.rows = [];
      }
    }
    // Cases new since the last compaction (in no chunk yet).
    for (const id of journal.keys()) {
      if (seen.has(id)) continue;
      const f = await resolve(id, null);
      const b = bucketOf(id);
      if (compactable.has(b)) {
        if (f) slot(b).rows.push(factsToWire(f));
        slot(b).covered.push(...covered(id, f));
      }
      if (f) yield f;
    }
    if (lease && (await isBuilt())) {
      for (const [b, { packed, n, rows: added, covered: ids }] of rewrites) {
        const b2 = packed && !added.length ? packed : packChunk([...(packed ? unpackChunk(packed) : []), ...added]);
        await FactChunkModel.collection.replaceOne({ _id: chunkId(b) as never }, { n: n + added.length, b: b2, at: now }, { upsert: true });
        await deleteJournalRows(ids);
      }
      await deleteJournalRows(orphans);
    }
  } finally {
    // Stopped early (the caller threw): the read-ahead may still settle; close the cursor.
    pending?.catch(() => undefined);
    await cursor?.close().catch(() => undefined);
    if (lease) await releaseLease(lease);
  }
}
