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
/** …at most this often. */
const PRUNE_MIN_INTERVAL_MS = 1000;
/**
 * A prune deletes the batches this instance knows (written or read here) one by one by `_id`
 * (~0.5 ms each on FerretDB/SQLite); a range delete decodes every stored document in Go and holds
 * the one write lock meanwhile (measured: 40 ms at 60 documents, 90 ms at 200; 60–140 ms under
 * load, inserts meanwhile ~2× slower), so it only runs as a sweep this often, and at the first
 * prune (batches stored before this instance started, or by a writer whose reads it missed).
 */
const SWEEP_MS = 30_000;
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
  private lastSweep = Number.NEGATIVE_INFINITY;
  /** First seqs of the stored batches this instance knows of (written or read here), until pruned. */
  private readonly batches = new Set<number>();

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
      this.kick();
    });
  }

  /**
   * Starts draining unless a drain runs. A draft queued after the drain's last look at the queue
   * but before its promise settled (a caller that publishes again as soon as its previous publish
   * resolved) would otherwise wait for the next publish: the drain restarts when it finds one.
   */
  private kick(): void {
    if (this.writing) return;
    this.writing = this.drain().finally(() => {
      this.writing = null;
      if (this.queue.length > 0) this.kick();
    });
  }

  /** A batch starting at seq is stored (the reader saw it): a prune may delete it by key. */
  noteBatch(seq: number): void {
    if (!this.pruneEnabled) return;
    this.batches.add(seq);
    // An instance that reads but never writes never prunes: forget what lies more than `retain`
    // behind (any writer's next prune covers it by range or by its own keys, the sweep at the latest).
    if (this.batches.size > 2 * this.opts.retain) for (const s of this.batches) if (s < seq - this.opts.retain) this.batches.delete(s);
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
        this.noteBatch(seq);
        this.known.saw(end);
        this.written();
        if (Math.floor(end / PRUNE_EVERY) > Math.floor((seq - 1) / PRUNE_EVERY)) this.prune(end);
        return seq;
      }
      // Someone else's batch starts here: continue after it (or after the head if it is gone already).
      const theirs = await this.store.at(seq);
      if (theirs) this.noteBatch(theirs.seq);
      const next = theirs ? theirs.end + 1 : (await this.store.head()) + 1;
      this.known.saw(next - 1);
      seq = Math.max(seq + 1, next);
    }
    throw new Error('event bus: could not allocate a sequence number');
  }

  /**
   * FerretDB trims capped collections only once a minute (measured) and every query's cost grows
   * with the documents stored (a key read scans them in SQL, a range read decodes them all), so
   * writers delete old batches themselves every PRUNE_EVERY events (at most once a second): whatever
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
      const sweep = performance.now() - this.lastSweep >= SWEEP_MS;
      if (sweep) this.lastSweep = performance.now();
      const old = sweep ? [] : [...this.batches].filter((s) => s < below).sort((a, b) => a - b);
      try {
        if (sweep) await this.store.removeBelow(below);
        for (const s of old) {
          await this.store.removeBatch(s);
          this.batches.delete(s);
        }
        if (sweep) for (const s of this.batches) if (s < below) this.batches.delete(s);
      } catch (err) {
        if (/capped/i.test((err as Error).message)) {
          this.pruneEnabled = false;
          this.batches.clear();
          this.opts.logger.info('event bus: the server trims the capped collection itself; pruning off');
        } else this.opts.logger.debug({ err: (err as Error).message, below }, 'event bus: prune failed');
      }
      this.stats.prune.add(performance.now() - t0);
    }).catch((err: Error) => this.opts.logger.debug({ err: err.message }, 'event bus: prune failed'))
      .finally(() => {
        this.pruneRunning = false;
      });
  }
}
