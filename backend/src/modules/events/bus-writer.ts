import type { Logger } from '../../core/logger';
import type { BusDraft } from './bus-event.types';
import type { BusStore } from './bus.repository';
import { Sample } from './bus-stats';

/** At most this many events per stored document. */
const MAX_BATCH = 50;
/**
 * While events keep coming (a write started less than ACTIVE_MS ago), a batch waits until its
 * oldest draft is this old before it is written: every stored document costs one insert and one
 * key read per reader (~5–10 ms each on a loaded FerretDB/SQLite box) and one socket write per
 * stream, whatever its size, so at 100 events/s single-event documents kept the readers saturated
 * (measured: 1.2 events per document, readers seconds behind). An idle bus writes at once.
 */
export const DEFAULT_LINGER_MS = 25;
const ACTIVE_MS = 250;
/** Old batches are deleted each time the sequence crosses a multiple of this… */
const PRUNE_EVERY = 32;
/**
 * …at most this often: a range delete decodes every stored document on FerretDB/SQLite and holds
 * the database's one write lock (measured: ~60 ms each, three a second at 100 events/s, inserts
 * meanwhile ~2× slower).
 */
const PRUNE_MIN_INTERVAL_MS = 1000;
/** Always kept (a starting instance's history, a client's id from a moment ago). */
const RETAIN_MIN = 64;
/** A reader that has not reported for this long is gone (its instance stopped or died). */
export const READER_TTL_MS = 15_000;
const MAX_ALLOCATION_ATTEMPTS = 256;

interface Pending {
  draft: BusDraft;
  at: number;
  resolve(seq: number): void;
  reject(err: unknown): void;
}

/**
 * Writes events for one instance. Drafts queue while a write is in flight and go out together
 * as one document (natural batching: under load fewer, bigger writes and reads; idle, one event
 * per document). The document's `_id` is its first seq: the insert that wins owns the numbers,
 * a writer that loses reads the winner's batch and tries right after its end, so batches never
 * overlap and the sequence has no holes.
 */
export class BusWriter {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private pruning: Promise<void> = Promise.resolve();
  private pruneEnabled = true;
  /** When the last insert started (performance.now()). */
  private lastWrite = Number.NEGATIVE_INFINITY;
  /** Diagnostics (ms, or events per document): where a writer's time goes. */
  private readonly stats = {
    queued: new Sample(),
    insert: new Sample(),
    perDoc: new Sample(),
    prune: new Sample(),
    insertDuringPrune: new Sample(),
  };
  private pruneRunning = false;
  private lastPrune = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly store: BusStore,
    private readonly opts: { retain: number; origin: string; logger: Logger; lingerMs?: number },
    /** Highest seq known to exist (shared with the instance's reader). */
    private readonly known: { get(): number; saw(seq: number): void },
    private readonly written: () => void,
  ) {}

  publish(draft: BusDraft): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ draft, at: performance.now(), resolve, reject });
      this.writing ??= this.drain().finally(() => {
        this.writing = null;
      });
    });
  }

  diagnostics() {
    return Object.fromEntries(Object.entries(this.stats).map(([k, v]) => [k, v.summary()]));
  }

  /** Resolves when every queued write and prune is done. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    await this.pruning;
  }

  private async drain(): Promise<void> {
    const linger = this.opts.lingerMs ?? DEFAULT_LINGER_MS;
    while (this.queue.length > 0) {
      const oldest = this.queue[0]!.at;
      const wait = oldest + linger - performance.now();
      if (wait > 0 && this.queue.length < MAX_BATCH && oldest - this.lastWrite < ACTIVE_MS) {
        await new Promise((r) => setTimeout(r, wait));
      }
      const batch = this.queue.splice(0, MAX_BATCH);
      const t0 = performance.now();
      this.lastWrite = t0;
      for (const p of batch) this.stats.queued.add(t0 - p.at);
      this.stats.perDoc.add(batch.length);
      try {
        const first = await this.insert(batch.map((p) => p.draft));
        (this.pruneRunning ? this.stats.insertDuringPrune : this.stats.insert).add(performance.now() - t0);
        batch.forEach((p, i) => p.resolve(first + i));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
  }

  private async insert(drafts: BusDraft[]): Promise<number> {
    const publishedAt = Date.now();
    const events = drafts.map((d) => ({ ...d, publishedAt, origin: this.opts.origin }));
    let seq = this.known.get() + 1;
    for (let attempt = 1; attempt <= MAX_ALLOCATION_ATTEMPTS; attempt++) {
      if (await this.store.insert(seq, events)) {
        const end = seq + events.length - 1;
        this.known.saw(end);
        this.written();
        if (Math.floor(end / PRUNE_EVERY) > Math.floor((seq - 1) / PRUNE_EVERY)) this.prune(end);
        return seq;
      }
      // Someone else's batch starts here: continue after it (or after the head if it is gone already).
      const theirs = await this.store.at(seq);
      const next = theirs ? theirs.end + 1 : (await this.store.head()) + 1;
      this.known.saw(next - 1);
      seq = Math.max(seq + 1, next);
    }
    throw new Error('event bus: could not allocate a sequence number');
  }

  /**
   * FerretDB trims capped collections only once a minute (measured) and every query's cost grows
   * with the documents stored (a key read scans them in SQL, a range read decodes them all), so
   * writers delete old batches themselves, one range delete every PRUNE_EVERY events: whatever
   * every live reader has passed, keeping at least RETAIN_MIN and at most `retain` events. In the
   * steady state the collection holds ~RETAIN_MIN events; a lagging instance keeps up to `retain`
   * for itself, and one further behind than that finds a gap (its streams are reset). A server
   * that refuses deletes on capped collections trims them itself: pruning then switches off.
   */
  private prune(end: number): void {
    if (!this.pruneEnabled || performance.now() - this.lastPrune < PRUNE_MIN_INTERVAL_MS) return;
    this.lastPrune = performance.now();
    this.pruning = this.pruning.then(async () => {
      const t0 = performance.now();
      this.pruneRunning = true;
      const positions = await this.store.readerPositions(Date.now() - READER_TTL_MS);
      const slowest = positions.length ? Math.min(...positions) : end;
      const below = Math.max(end - this.opts.retain + 1, Math.min(end - Math.min(RETAIN_MIN, this.opts.retain) + 1, slowest + 1));
      if (below <= 1) return;
      await this.store.removeBelow(below).catch((err: Error) => {
        if (/capped/i.test(err.message)) {
          this.pruneEnabled = false;
          this.opts.logger.info('event bus: the server trims the capped collection itself; pruning off');
        } else this.opts.logger.debug({ err: err.message, below }, 'event bus: prune failed');
      });
      this.stats.prune.add(performance.now() - t0);
    }).catch((err: Error) => this.opts.logger.debug({ err: err.message }, 'event bus: prune failed'))
      .finally(() => {
        this.pruneRunning = false;
      });
  }
}
