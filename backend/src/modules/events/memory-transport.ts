import type { BusDraft, BusEvent } from './bus-event.types';

/** What a transport reports to the hub: new events in order, and holes it had to skip. */
export interface TransportSink {
  events(batch: BusEvent[]): void;
  gap(from: number, to: number): void;
}

/** Moves events between writers and every instance's hub, in one total order. */
export interface BusTransport {
  readonly kind: 'database' | 'memory';
  /** Starts reading. Returns the last seq already written and the recent history (oldest first). */
  start(sink: TransportSink): Promise<{ position: number; history: BusEvent[] }>;
  publish(draft: BusDraft): Promise<number>;
  /** Whether seq was ever written (a client's Last-Event-ID ahead of this instance). */
  exists(seq: number): Promise<boolean>;
  stop(): Promise<void>;
}

/**
 * One process only: events go straight from the writer to the hub. Used for a single-instance
 * deployment and as the benchmark's baseline (the same SSE delivery without the database).
 */
export class MemoryTransport implements BusTransport {
  readonly kind = 'memory' as const;
  private seq = 0;
  private sink: TransportSink | null = null;

  constructor(private readonly origin: string) {}

  async start(sink: TransportSink) {
    this.sink = sink;
    return { position: this.seq, history: [] };
  }

  async publish(draft: BusDraft): Promise<number> {
    const ev: BusEvent = { ...draft, seq: ++this.seq, publishedAt: Date.now(), origin: this.origin };
    // Delivered on the next tick, as a database round trip would be, never inside the caller.
    queueMicrotask(() => this.sink?.events([ev]));
    return ev.seq;
  }

  async exists(seq: number): Promise<boolean> {
    return seq >= 1 && seq <= this.seq;
  }

  async stop(): Promise<void> {
    this.sink = null;
  }
}
