import http from 'node:http';

/** One dispatched Server-Sent Event. */
export interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

export interface SseOptions {
  headers?: Record<string, string>;
  /** Connect over a Unix socket instead of TCP (the URL then only gives the path). */
  socketPath?: string;
  /** Keep every message (tests). Off for load generation: use onMessage. */
  keep?: boolean;
  onMessage?: (m: SseMessage) => void;
}

/**
 * A small EventSource for Node (tests and the push benchmark), parsing as the WHATWG spec says:
 * `id:` sets the last event id even for a message without data (which dispatches nothing),
 * comment lines are counted, `event:` defaults to "message". It does not reconnect: callers
 * reconnect explicitly with `Last-Event-ID`, which is what the tests are about.
 */
export class SseClient {
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  /** Body of a non-200 answer (JSON error). */
  errorBody = '';
  readonly messages: SseMessage[] = [];
  lastEventId: string | null = null;
  comments = 0;
  ended = false;
  private req: http.ClientRequest | null = null;
  private res: http.IncomingMessage | null = null;
  private readIndex = 0;
  private waiters: (() => void)[] = [];
  private buffer = '';
  private field = { id: null as string | null, event: '', data: [] as string[] };
  readonly closed: Promise<void>;
  private markClosed!: () => void;

  constructor(private readonly opts: SseOptions) {
    this.closed = new Promise((resolve) => {
      this.markClosed = resolve;
    });
  }

  /** Resolves once the status and headers are in (the stream keeps going). */
  connect(url: string): Promise<this> {
    const u = new URL(url);
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          socketPath: this.opts.socketPath,
          host: this.opts.socketPath ? undefined : u.hostname,
          port: this.opts.socketPath ? undefined : u.port,
          path: `${u.pathname}${u.search}`,
          headers: { Accept: 'text/event-stream', ...this.opts.headers },
          agent: false,
        },
        (res) => {
          this.res = res;
          this.status = res.statusCode ?? 0;
          this.headers = res.headers;
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (this.status === 200 ? this.feed(chunk) : (this.errorBody += chunk)));
          const finish = () => this.finish();
          res.on('end', finish);
          res.on('close', finish);
          res.on('error', finish);
          resolve(this);
        },
      );
      req.on('error', (err) => {
        this.finish();
        reject(err);
      });
      req.end();
      this.req = req;
    });
  }

  /** Stops reading from the socket (a client that cannot keep up) or resumes it. */
  pause(): void {
    this.res?.pause();
  }

  resume(): void {
    this.res?.resume();
  }

  close(): void {
    this.req?.destroy();
    this.finish();
  }

  /** The next message (after the ones already taken) matching `pred`; rejects after timeoutMs. */
  async next(pred: (m: SseMessage) => boolean = () => true, timeoutMs = 10000): Promise<SseMessage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      while (this.readIndex < this.messages.length) {
        const m = this.messages[this.readIndex++]!;
        if (pred(m)) return m;
      }
      if (this.ended) throw new Error('stream ended before the expected message');
      const left = until - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a message');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.markClosed();
    this.notify();
  }

  private feed(chunk: string): void {
    this.buffer += chunk;
    const lines = this.buffer.split(/\r\n|\r|\n/);
    this.buffer = lines.pop() ?? '';
    for (const line of lines) this.line(line);
    this.notify();
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) {
      this.comments++;
      return;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'data') this.field.data.push(value);
    else if (name === 'event') this.field.event = value;
    else if (name === 'id' && !value.includes('\0')) this.field.id = value;
  }

  private dispatch(): void {
    if (this.field.id !== null) this.lastEventId = this.field.id;
    const { event, data } = this.field;
    this.field = { id: null, event: '', data: [] };
    if (data.length === 0) return;
    const m: SseMessage = { id: this.lastEventId, event: event || 'message', data: data.join('\n') };
    if (this.opts.keep !== false) this.messages.push(m);
    this.opts.onMessage?.(m);
  }
}

/** Opens a stream; check `status` (200, or 401/429… with `errorBody`). */
export function openSse(url: string, opts: SseOptions = {}): Promise<SseClient> {
  return new SseClient(opts).connect(url);
}
