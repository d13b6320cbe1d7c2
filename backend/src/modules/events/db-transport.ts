import type { Logger } from '../../core/logger';
import type { BusDraft, BusEvent } from './bus-event.types';
import { contiguousFrom, contiguousTail, type BusBatch, type BusStore } from './bus.repository';
import { BusDiagnostics } from './bus-stats';
import { BusWriter } from './bus-writer';
import type { BusTransport, TransportSink } from './memory-transport';

export interface DatabaseTransportOptions {
  pollMs: number;
  gapWaitMs: number;
  /** Events kept: writers delete batches older than this many events. */
  retain: number;
  maxBytes: number;
  /** How much history to hand the hub at start (its replay window). */
  historySize: number;
  origin: string;
  logger: Logger;
  /** How long a busy writer collects events into one document (default DEFAULT_LINGER_MS). */
  lingerMs?: number;
}

/**
 * A reader whose last batch was published this long ago is behind (a stall, a restart): it then
 * reads in sorted scans (one scan costs about as much as ~30 key reads on FerretDB, so only
 * worth it for a backlog) instead of one batch per key read.
 */
const BEHIND_MS = 2000;
const BULK_LIMIT = 200;
/** With nothing known to be ahead, look past a missing seq this often (a scan) to find holes. */
const IDLE_PROBE_MS = 10_000;
/** How often a reader records its position (writers prune what every live reader has passed). */
const REPORT_MS = 1000;

/**
 * The bus over one capped collection shared by every API instance (see README.md). Readers poll
 * the exact key of the next seq — the one query FerretDB answers in SQL — and never pass a
 * missing number until it has stayed missing for `gapWaitMs` while a later one exists.
 */
export class DatabaseTransport implements BusTransport {
  readonly kind = 'database' as const;
  /** Next seq to read. */
  private next = 1;
  /** Highest seq known to exist (read, written here, or seen in another writer's batch). */
  private known = 0;
  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  private wakeUp: (() => void) | null = null;
  private behind = false;
  private missingSince: number | null = null;
  private lastProbe = 0;
  private lastReport = 0;
  private reporting: Promise<void> | null = null;
  /** The key read of the next batch, started before the previous batch fanned out. */
  private prefetch: { seq: number; read: Promise<BusBatch | null> } | null = null;
  private lastKeyReadAt = 0;
  /** Query counters (logged at stop): where an instance's database time goes. */
  readonly counters = { keyReads: 0, keyHits: 0, scans: 0, readMs: 0, events: 0 };
  readonly diagnostics = new BusDiagnostics();
  private readonly writer: BusWriter;

  constructor(
    private readonly store: BusStore,
    private readonly opts: DatabaseTransportOptions,
  ) {
    const known = { get: () => Math.max(this.known, this.next - 1), saw: (seq: number) => void (this.known = Math.max(this.known, seq)) };
    this.writer = new BusWriter(store, { retain: opts.retain, origin: opts.origin, logger: opts.logger, lingerMs: opts.lingerMs }, known, () => this.wake());
  }

  async start(sink: TransportSink) {
    await this.startWriter();
    const head = this.known;
    const size = Math.min(this.opts.historySize, this.opts.retain);
    const history = head > 0 ? contiguousTail(this.noted(await this.store.from(Math.max(1, head - size + 1), size)), head) : [];
    await this.report();
    this.running = true;
    this.loopDone = this.loop(sink);
    return { position: head, history };
  }

  /** Publishing without reading (a process that only writes, like the push benchmark's publisher). */
  async startWriter(): Promise<void> {
    await this.store.ensure(this.opts.maxBytes, this.opts.retain * 2);
    this.known = await this.store.head();
    this.next = this.known + 1;
  }

  publish(draft: BusDraft): Promise<number> {
    return this.writer.publish(draft);
  }

  /** The writer's diagnostics (a writer-only process such as the push benchmark's publisher). */
  writerDiagnostics(): unknown {
    return this.writer.diagnostics();
  }

  async exists(seq: number): Promise<boolean> {
    return seq <= this.known || (await this.store.holding(seq)) !== null;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loopDone;
    await this.writer.flush();
    await this.reporting;
    await this.store.unreport(this.opts.origin).catch(() => undefined);
    this.opts.logger.info(
      { ...this.counters, readMs: Math.round(this.counters.readMs), ...this.diagnostics.summary(), writer: this.writer.diagnostics() },
      'event bus reader stopped',
    );
  }

  private async timed<T>(q: Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await q;
    } finally {
      this.counters.readMs += performance.now() - t0;
    }
  }

  private async report(): Promise<void> {
    this.lastReport = Date.now();
    await this.store.report(this.opts.origin, this.next - 1, this.lastReport);
  }

  private async loop(sink: TransportSink): Promise<void> {
    let failures = 0;
    while (this.running) {
      try {
        const events = await this.readMore(sink);
        failures = 0;
        if (Date.now() - this.lastReport >= REPORT_MS) this.reportInBackground();
        if (events.length > 0) {
          // When more is probably there already (known, or this batch waited a poll interval), the
          // next key read travels while this batch fans out (synchronous CPU work); a reader that
          // is caught up polls as usual instead of spending a read that would miss.
          const last = events[events.length - 1]!;
          if (!this.behind && (this.known >= this.next || Date.now() - last.publishedAt > this.opts.pollMs)) {
            this.prefetch = this.keyRead(this.next);
          }
          const t0 = performance.now();
          sink.events(events);
          this.diagnostics.fanOut.add(performance.now() - t0);
          continue;
        }
        // Poll every pollMs from the start of the last key read (a prefetch counts), never back to back.
        await this.sleep(Math.max(this.opts.pollMs / 4, this.opts.pollMs - (performance.now() - this.lastKeyReadAt)));
      } catch (err) {
        failures++;
        if (failures === 1 || failures % 50 === 0) {
          this.opts.logger.warn({ err: (err as Error).message, failures }, 'event bus: read failed, retrying');
        }
        await this.sleep(Math.min(5000, this.opts.pollMs * 2 ** Math.min(failures, 8)));
      }
    }
  }

  /** Records the reader's position without holding up the reading (one report in flight at a time). */
  private reportInBackground(): void {
    if (this.reporting) return;
    this.reporting = this.report()
      .catch((err: Error) => this.opts.logger.debug({ err: err.message }, 'event bus: position report failed'))
      .finally(() => {
        this.reporting = null;
      });
  }

  /** Batches read by a scan: the writer may prune them by key later. */
  private noted(batches: BusBatch[]): BusBatch[] {
    for (const b of batches) this.writer.noteBatch(b.seq);
    return batches;
  }

  /** One key read of the batch starting at seq (the one query FerretDB answers in SQL). */
  private keyRead(seq: number): { seq: number; read: Promise<BusBatch | null> } {
    this.counters.keyReads++;
    const t0 = performance.now();
    this.lastKeyReadAt = t0;
    const read = this.store.at(seq).finally(() => {
      const ms = performance.now() - t0;
      this.counters.readMs += ms;
      this.diagnostics.keyRead.add(ms);
    });
    read.catch(() => undefined); // a prefetch dropped unread must not be an unhandled rejection
    return { seq, read };
  }

  private advance(events: BusEvent[], end: number): BusEvent[] {
    this.counters.events += events.length;
    this.diagnostics.batchSize.add(events.length);
    const now = Date.now();
    for (const ev of events) this.diagnostics.lag.add(now - ev.publishedAt);
    const last = events[events.length - 1];
    this.behind = last !== undefined && Date.now() - last.publishedAt > BEHIND_MS;
    this.next = end + 1;
    this.known = Math.max(this.known, end);
    this.missingSince = null;
    return events;
  }

  private async readMore(sink: TransportSink): Promise<BusEvent[]> {
    if (this.behind) {
      this.behind = false;
      this.prefetch = null;
      this.counters.scans++;
      const events = contiguousFrom(this.noted(await this.timed(this.store.from(this.next, BULK_LIMIT))), this.next);
      if (events.length > 0) return this.advance(events, events[events.length - 1]!.seq);
    }
    const pending = this.prefetch?.seq === this.next ? this.prefetch : this.keyRead(this.next);
    this.prefetch = null;
    const batch = await pending.read;
    if (!batch) return this.checkGap(sink);
    this.writer.noteBatch(batch.seq);
    this.counters.keyHits++;
    return this.advance(batch.events, batch.end);
  }

  /**
   * `next` is missing. Normally it simply has not been written yet. It is a hole only if a later
   * seq exists — known from our own writes, or found by an occasional probe — and `next` stays
   * missing for gapWaitMs; then the reader skips to where the log continues and reports the gap
   * (the hub resets its streams: they may have missed events).
   */
  private async checkGap(sink: TransportSink): Promise<BusEvent[]> {
    const now = Date.now();
    if (this.known < this.next) {
      if (now - this.lastProbe < IDLE_PROBE_MS) return [];
      this.lastProbe = now;
      const [first] = this.noted(await this.store.from(this.next, 1));
      if (!first) return [];
      if (first.seq === this.next) return this.advance(first.events, first.end);
      this.known = Math.max(this.known, first.seq);
    }
    if (this.missingSince === null) {
      this.missingSince = now;
      return [];
    }
    if (now - this.missingSince < this.opts.gapWaitMs) return [];
    this.missingSince = null;
    const [first] = this.noted(await this.store.from(this.next, 1));
    if (!first) return [];
    if (first.seq === this.next) return this.advance(first.events, first.end);
    this.opts.logger.warn({ from: this.next, to: first.seq - 1 }, 'event bus: skipping missing sequence numbers');
    sink.gap(this.next, first.seq - 1);
    this.next = first.seq;
    return [];
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  /** A local write wakes the local reader at once (same-instance latency is one read). */
  private wake(): void {
    this.wakeUp?.();
  }
}
