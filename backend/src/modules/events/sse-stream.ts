import type { Response } from 'express';
import type { AuthUser } from '../auth';
import type { BusEvent } from './bus-event.types';
import { frameFor } from './events.policy';
import type { SharedFrames } from './shared-frames';

/** Browsers wait this long before reconnecting (EventSource `retry:`). */
const RETRY_MS = 3000;
/** A stream that receives nothing for this many bus events still learns its position (an id-only message). */
const ID_EVERY = 200;

export interface StreamSession {
  /** The token's session version: a revoked or re-scoped user's streams are closed. */
  sessionVersion: number;
  /** Token expiry (ms); the stream closes at the first heartbeat after it. */
  expiresAt: number;
}

/** The hub's ring, read by a stream that replays at its own pace. */
export interface EventSource {
  /** Up to `max` events with seq > after, oldest first. */
  eventsAfter(after: number, max: number): BusEvent[];
  /** Lowest seq the ring still holds completely from. */
  readonly floor: number;
}

export interface StreamHooks {
  bufferLimit: number;
  /** Called once when the stream ends, whatever the reason. */
  onEnd(stream: SseStream, reason: 'client' | 'dropped' | 'closed'): void;
  onWrite(bufferedBytes: number): void;
}

/**
 * One Server-Sent Events response. Live events are written as they come, and a client that
 * stops reading is dropped (socket destroyed) as soon as its unsent data passes `bufferLimit`,
 * so a slow phone cannot grow the server's memory; it resumes later with Last-Event-ID.
 * A resume replays from the hub's ring at the socket's pace (write until the socket asks to
 * drain, continue on 'drain'): a long replay is not a slow client, and it holds no copy of the
 * events, only its cursor. Live events arriving meanwhile are in the ring and come in order.
 */
export class SseStream {
  /** Last bus seq this stream has considered (delivered or filtered out). */
  cursor = 0;
  private lastIdSent = 0;
  private ended = false;
  /** Replaying from the ring: live offers are left to the pump. */
  private replaying = false;
  private source: EventSource | null = null;

  constructor(
    readonly user: AuthUser,
    readonly session: StreamSession,
    private readonly res: Response,
    private readonly hooks: StreamHooks,
  ) {
    res.on('close', () => this.end('client'));
  }

  get open(): boolean {
    return !this.ended;
  }

  /** Status line, headers and the reconnection delay; `no-transform` keeps proxies from buffering. */
  begin(): void {
    this.res.status(200);
    this.res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    this.res.setHeader('Cache-Control', 'no-cache, no-transform');
    this.res.setHeader('Connection', 'keep-alive');
    this.res.setHeader('X-Accel-Buffering', 'no');
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.send(`retry: ${RETRY_MS}\n\n`);
  }

  /** Starts at `position` without replay: tells the client where it stands. */
  startAt(position: number): void {
    this.cursor = position;
    this.lastIdSent = position;
    this.send(`id: ${position}\n\n`);
  }

  /** Replays everything after `after` from the ring, then continues live. */
  replayFrom(source: EventSource, after: number): void {
    this.source = source;
    this.cursor = after;
    this.lastIdSent = after;
    this.replaying = true;
    this.pump();
  }

  /**
   * Live events from the hub, in order (already in the ring). A client that keeps up gets them
   * as one socket write, shared with every stream that receives the same frames: at 1,000
   * streams the per-write cost (HTTP chunk framing, one writev each) was most of the fan-out.
   * When the joined write could pass the buffer limit, events go one by one so a slow client is
   * dropped exactly as before (at most one event past the limit).
   */
  offerAll(events: BusEvent[], shared: SharedFrames): void {
    if (this.replaying || this.ended) return;
    const chunks: (Buffer | string)[] = [];
    let key = '';
    let bytes = 0;
    for (const ev of events) {
      const chunk = this.frameOf(ev);
      if (chunk === null) continue;
      chunks.push(chunk);
      key += `${shared.idOf(chunk)},`;
      bytes += chunk.length;
    }
    if (chunks.length === 1) this.send(chunks[0]!, true);
    else if (chunks.length > 1 && this.res.writableLength + bytes <= this.hooks.bufferLimit) this.send(shared.join(key, chunks), true);
    else for (const chunk of chunks) this.send(chunk, true);
  }

  private pump = (): void => {
    const source = this.source;
    while (this.replaying && !this.ended && source) {
      if (this.cursor < source.floor - 1) {
        // The ring moved past what this client has not received yet: it is too slow to serve.
        this.end('dropped');
        this.res.destroy();
        return;
      }
      const batch = source.eventsAfter(this.cursor, 64);
      if (batch.length === 0) {
        this.replaying = false;
        return;
      }
      for (const ev of batch) {
        this.consider(ev);
        if (this.res.writableNeedDrain) {
          this.res.once('drain', this.pump);
          return;
        }
      }
    }
  };

  /** Replays the event if it is for this user; skips what the stream already considered. */
  private consider(ev: BusEvent): void {
    const chunk = this.frameOf(ev);
    if (chunk !== null) this.send(chunk, false);
  }

  /** What the stream writes for the event (moving its cursor), or null: not for this user, or already considered. */
  private frameOf(ev: BusEvent): Buffer | string | null {
    if (this.ended || ev.seq <= this.cursor) return null;
    this.cursor = ev.seq;
    const frame = frameFor(this.user, ev);
    if (frame !== null) {
      this.lastIdSent = ev.seq;
      return frame;
    }
    if (ev.seq - this.lastIdSent >= ID_EVERY) {
      // An id-only message moves the client's Last-Event-ID without firing an event, so a user
      // who sees little does not fall out of the replay window.
      this.lastIdSent = ev.seq;
      return `id: ${ev.seq}\n\n`;
    }
    return null;
  }

  /** The client must reload its state (missed events cannot be replayed); live events follow. */
  reset(reason: string, position: number): void {
    if (this.ended) return;
    this.cursor = Math.max(this.cursor, position);
    this.lastIdSent = this.cursor;
    this.send(`id: ${this.cursor}\nevent: reset\ndata: ${JSON.stringify({ reason })}\n\n`, !this.replaying);
  }

  /** A comment line keeps proxies from closing an idle stream; it also carries the position. */
  heartbeat(): void {
    if (this.ended) return;
    const id = this.cursor > this.lastIdSent ? `id: ${this.cursor}\n` : '';
    this.lastIdSent = this.cursor;
    this.send(`: hb\n${id}\n`, !this.replaying);
  }

  /** Ends the stream politely (shutdown, revoked session); the client reconnects elsewhere. */
  close(reason: string): void {
    if (this.ended) return;
    this.send(`event: close\ndata: ${JSON.stringify({ reason })}\n\n`, false);
    if (this.ended) return;
    this.end('closed');
    this.res.end();
  }

  /** Writes; `enforce` (live writes) drops the client when its unsent bytes pass the limit. */
  private send(chunk: string | Buffer, enforce = true): void {
    if (this.ended) return;
    this.res.write(chunk);
    const buffered = this.res.writableLength;
    this.hooks.onWrite(buffered);
    if (enforce && buffered > this.hooks.bufferLimit) {
      this.end('dropped');
      this.res.destroy();
    }
  }

  private end(reason: 'client' | 'dropped' | 'closed'): void {
    if (this.ended) return;
    this.ended = true;
    this.hooks.onEnd(this, reason);
  }
}
