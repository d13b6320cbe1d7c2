/**
 * A value derived from a versioned source (the router's cell index from the active geometry
 * version). The version pointer is cheap to read, the value expensive to build, so:
 * - the pointer is read at most once per `ttlMs` (other API processes' imports are seen within it),
 * - `invalidate()` forces the next `get()` to read it (this process's own imports are seen at once),
 * - the value is rebuilt only when the version changed; concurrent callers share one read/build.
 * `now` is a monotonic clock: this is cache age, not business time.
 */
export class VersionedCache<V, T> {
  private current: { version: V; value: T } | null = null;
  private checkedAt = -Infinity;
  /** Bumped by invalidate(): a refresh begun before it must not count as a fresh check. */
  private epoch = 0;
  private pending: { epoch: number; promise: Promise<{ version: V; value: T }> } | null = null;

  constructor(
    private readonly opts: {
      readVersion: () => Promise<V>;
      build: (version: V) => Promise<T>;
      now: () => number;
      ttlMs: number;
    },
  ) {}

  invalidate(): void {
    this.epoch++;
    this.checkedAt = -Infinity;
  }

  async get(): Promise<{ version: V; value: T }> {
    if (this.current && this.opts.now() - this.checkedAt < this.opts.ttlMs) return this.current;
    if (!this.pending || this.pending.epoch !== this.epoch) {
      const epoch = this.epoch;
      const promise = this.refresh(epoch).finally(() => {
        if (this.pending?.promise === promise) this.pending = null;
      });
      this.pending = { epoch, promise };
    }
    return this.pending.promise;
  }

  private async refresh(epoch: number): Promise<{ version: V; value: T }> {
    const startedAt = this.opts.now();
    const version = await this.opts.readVersion();
    const fresh = this.current && this.current.version === version ? this.current : { version, value: await this.opts.build(version) };
    if (epoch === this.epoch) {
      this.current = fresh;
      this.checkedAt = startedAt;
    }
    return fresh;
  }
}
