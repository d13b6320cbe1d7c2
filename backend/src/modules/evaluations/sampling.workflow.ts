/**
 * Reproducible random samples for the case-file review (案卷评查), pure. The batch stores its seed;
 * with the seed and the population (closed cases of the period per team, sorted by id, a fact fixed
 * by the append-only timelines) anyone can recompute exactly the same sample.
 */

/** mulberry32: a small, well-known 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a 32-bit hash of a string (derives a per-team stream from the batch seed). */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The seed of one team's stream: independent of which other teams exist. */
export function teamSeed(seed: number, teamKey: string): number {
  return (seed ^ fnv1a(teamKey)) >>> 0;
}

/**
 * Draws `size` ids without replacement: the population is sorted first (so the database's order
 * does not matter), then a partial Fisher–Yates shuffle driven by the seed; the sample keeps draw order.
 */
export function drawSample(population: readonly string[], size: number, seed: number): string[] {
  const pool = [...new Set(population)].sort();
  const n = Math.min(Math.max(0, Math.floor(size)), pool.length);
  const rand = mulberry32(seed);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rand() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, n);
}

/** Samples per team: `{ teamKey → population }` → `{ teamKey → sample }`. */
export function sampleByTeam(populations: ReadonlyMap<string, readonly string[]>, size: number, seed: number): Map<string, string[]> {
  return new Map([...populations].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([team, ids]) => [team, drawSample(ids, size, teamSeed(seed, team))]));
}
