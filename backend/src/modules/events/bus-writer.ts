import type { Logger } from '../../core/logger';
import type { BusDraft } from './bus-event.types';
import type { BusStore } from './bus.repository';

/** At most this many events per stored document. */
const MAX_BATCH = 50;
/** Old batches are deleted each time the sequence crosses a multiple of this. */
const PRUNE_EVERY = 32;
/** Always kept (a starting instance's history, a client's id from a moment ago). */
const RETAIN_MIN = 64;
/** A reader that has not reported for this long is gone (its instance stopped or died). */
export const READER_TTL_MS = 15_000;
const MAX_ALLOCATION_ATTEMPTS = 256;

interface Pending {
  draft: BusDraft;
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

  constructor(
    private readonly store: BusStore,
    private readonly opts: { retain: number; origin: string; logger: Logger },
    /** Highest seq known to exist (shared with the instance's reader). */
    private readonly known: { get(): number; saw(seq: number): void },
    private readonly written: () => void,
  ) {}

  publish(draft: BusDraft): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ draft, resolve, reject });
      this.writing ??= this.drain().finally(() => {
        this.writing = null;
      });
    });
  }

  /** Resolves when every queued write and prune is done. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    await this.pruning;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        const first = await this.insert(batch.map((p) => p.draft));
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
    if (!this.pruneEnabled) return;
    this.pruning = this.pruning.then(async () => {
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
    }).catch((err: Error) => this.opts.logger.debug({ err: err.message }, 'event bus: prune failed'));
  }
}
