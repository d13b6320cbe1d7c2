import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * A bounded sample of durations (ms) with percentiles: the bus's own diagnostics, logged when a
 * transport stops (the push benchmark prints them). Keeps the first `cap` values then a
 * reservoir sample, so memory stays bounded on a long-running instance.
 */
export class Sample {
  private values: number[] = [];
  private seen = 0;
  private sum = 0;

  constructor(private readonly cap = 5000) {}

  add(v: number): void {
    this.seen++;
    this.sum += v;
    if (this.values.length < this.cap) this.values.push(v);
    else {
      const i = Math.floor(Math.random() * this.seen);
      if (i < this.cap) this.values[i] = v;
    }
  }

  summary(): { n: number; mean: number; p50: number; p95: number; p99: number; max: number } | null {
    if (this.seen === 0) return null;
    const s = [...this.values].sort((a, b) => a - b);
    const at = (p: number) => Math.round(s[Math.min(s.length - 1, Math.floor(p * s.length))]! * 10) / 10;
    return { n: this.seen, mean: Math.round((this.sum / this.seen) * 10) / 10, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
  }
}

/** Where a reader's time goes: query latency, events per stored batch, lag behind the writer, fan-out, event-loop delay. */
export class BusDiagnostics {
  /** Key read round trips (hits and misses), ms. */
  readonly keyRead = new Sample();
  /** Events per batch read. */
  readonly batchSize = new Sample();
  /** Writer's store time → handed to the hub, ms (per event). */
  readonly lag = new Sample();
  /** Synchronous fan-out of one batch to every local stream, ms. */
  readonly fanOut = new Sample();
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.loop.enable();
  }

  summary(): Record<string, unknown> {
    this.loop.disable();
    const ms = (ns: number) => Math.round(ns / 1e5) / 10;
    return {
      keyRead: this.keyRead.summary(),
      batchSize: this.batchSize.summary(),
      lag: this.lag.summary(),
      fanOut: this.fanOut.summary(),
      loopDelay: { p50: ms(this.loop.percentile(50)), p99: ms(this.loop.percentile(99)), max: ms(this.loop.max) },
    };
  }
}
