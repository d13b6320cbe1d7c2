import type { Response } from 'express';
import type { Logger } from '../../core/logger';
import { tooManyRequests } from '../../core/errors';
import type { AuthUser } from '../auth';
import type { BusEvent } from './bus-event.types';
import { SharedFrames } from './shared-frames';
import { SseStream, type EventSource, type StreamSession } from './sse-stream';

export interface HubOptions {
  replayWindow: number;
  bufferLimit: number;
  maxStreamsPerUser: number;
  logger: Logger;
}

export interface HubStats {
  streams: number;
  opened: number;
  dropped: number;
  /** The most bytes ever queued for one stream (bounded by the buffer limit plus one event). */
  maxBufferedBytes: number;
  position: number;
  floor: number;
}

/** Where a new stream starts: live only, replay after a Last-Event-ID, or a reset first. */
export type StreamStart = { kind: 'live' } | { kind: 'after'; seq: number } | { kind: 'reset'; reason: string };

/**
 * This instance's side of the bus: the ring of recent events (the replay window), the open
 * streams and their per-user counts, and the fan-out of each event to every stream in order.
 * Everything here runs on the event loop without awaiting, so a stream registered between two
 * events sees each event exactly once: replayed or live, never both.
 */
export class EventHub implements EventSource {
  /** Last seq handed to the streams. */
  position = 0;
  /** Every seq from floor to position is in the ring: a resume after floor - 1 or later is complete. */
  floor = 1;
  private ring: BusEvent[] = [];
  private ringStart = 0;
  private readonly streams = new Set<SseStream>();
  private readonly perUser = new Map<string, number>();
  private readonly counters = { opened: 0, dropped: 0, maxBufferedBytes: 0 };

  constructor(private readonly opts: HubOptions) {}

  init(position: number, history: BusEvent[]): void {
    this.position = position;
    this.floor = position + 1;
    for (const ev of history) this.remember(ev);
    if (history[0]) this.floor = history[0].seq;
  }

  /** New events from the transport, in order. */
  dispatch(batch: BusEvent[]): void {
    const fresh: BusEvent[] = [];
    for (const ev of batch) {
      if (ev.seq <= this.position) continue;
      this.remember(ev);
      this.position = ev.seq;
      fresh.push(ev);
    }
    if (fresh.length === 0) return;
    // A batch goes out as one socket write per stream, its frames joined once per distinct sequence.
    const shared = new SharedFrames();
    for (const s of this.streams) s.offerAll(fresh, shared);
  }

  /** The transport skipped [from, to]: nothing before `to` can be replayed, and live streams may have missed events. */
  gap(_from: number, to: number): void {
    this.position = Math.max(this.position, to);
    this.floor = this.position + 1;
    for (const s of this.streams) s.reset('gap', this.position);
  }

  /** Throws 429 when the user already has the maximum open on this instance (checked before any lease is taken). */
  assertRoom(user: AuthUser): void {
    if ((this.perUser.get(user.id) ?? 0) >= this.opts.maxStreamsPerUser) {
      throw tooManyRequests(5, `At most ${this.opts.maxStreamsPerUser} live streams per user`);
    }
  }

  /**
   * Opens a stream for the user or throws 429 when they already have the maximum open here.
   * `onEnd` runs once when the stream ends (the events service frees its cluster-wide lease there).
   */
  open(user: AuthUser, session: StreamSession, res: Response, start: StreamStart, onEnd?: () => void): SseStream {
    this.assertRoom(user);
    const count = this.perUser.get(user.id) ?? 0;
    const stream = new SseStream(user, session, res, {
      bufferLimit: this.opts.bufferLimit,
      onWrite: (bytes) => {
        if (bytes > this.counters.maxBufferedBytes) this.counters.maxBufferedBytes = bytes;
      },
      onEnd: (s, reason) => {
        this.forget(s, reason);
        onEnd?.();
      },
    });
    this.perUser.set(user.id, count + 1);
    this.streams.add(stream);
    this.counters.opened++;
    stream.begin();
    if (start.kind === 'after' && start.seq >= this.position) {
      // Ahead of this instance (written elsewhere, not read here yet): skip up to it.
      stream.cursor = start.seq;
    } else if (start.kind === 'after' && start.seq >= this.floor - 1) {
      stream.replayFrom(this, start.seq);
    } else if (start.kind === 'after' || start.kind === 'reset') {
      stream.reset(start.kind === 'reset' ? start.reason : 'window', this.position);
    } else {
      stream.startAt(this.position);
    }
    return stream;
  }

  heartbeat(): void {
    for (const s of this.streams) s.heartbeat();
  }

  openStreams(): SseStream[] {
    return [...this.streams];
  }

  closeAll(reason: string): void {
    for (const s of [...this.streams]) s.close(reason);
  }

  stats(): HubStats {
    return { streams: this.streams.size, ...this.counters, position: this.position, floor: this.floor };
  }

  private remember(ev: BusEvent): void {
    if (this.ring.length - this.ringStart >= this.opts.replayWindow) {
      const evicted = this.ring[this.ringStart++]!;
      this.floor = Math.max(this.floor, evicted.seq + 1);
      // Compact now and then instead of shifting on every event.
      if (this.ringStart >= this.opts.replayWindow) {
        this.ring = this.ring.slice(this.ringStart);
        this.ringStart = 0;
      }
    }
    this.ring.push(ev);
  }

  /** Up to max ring events with seq > after, oldest first (binary search: the ring is in seq order). */
  eventsAfter(after: number, max: number): BusEvent[] {
    let lo = this.ringStart;
    let hi = this.ring.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ring[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    return this.ring.slice(lo, lo + max);
  }

  private forget(s: SseStream, reason: 'client' | 'dropped' | 'closed'): void {
    if (!this.streams.delete(s)) return;
    const left = (this.perUser.get(s.user.id) ?? 1) - 1;
    if (left > 0) this.perUser.set(s.user.id, left);
    else this.perUser.delete(s.user.id);
    if (reason === 'dropped') {
      this.counters.dropped++;
      this.opts.logger.warn({ userId: s.user.id, cursor: s.cursor }, 'live stream dropped: client too slow');
    }
  }
}
