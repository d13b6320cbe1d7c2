/**
 * A bounded map whose entries expire `ttlMs` after they were set (times from the caller, a
 * monotonic clock such as performance.now(): a cache age, not business time). Past `maxEntries`
 * the oldest entries go first.
 */
export class TtlCache<V> {
  private map = new Map<string, { at: number; value: V }>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
  ) {}
  get(id: string, now: number): { value: V } | undefined {
    const hit = this.map.get(id);
    return hit && now - hit.at < this.ttlMs ? hit : undefined;
  }
  set(id: string, value: V, at: number): void {
    this.map.delete(id);
    this.map.set(id, { at, value });
    // Oldest first in insertion order: trim from the front.
    for (const key of this.map.keys()) {
      if (this.map.size <= this.maxEntries) break;
      this.map.delete(key);
    }
  }
  forget(id: string | null): void {
    if (id === null) this.map.clear();
    else this.map.delete(id);
  }
}
