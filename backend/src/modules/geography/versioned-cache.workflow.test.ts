import { VersionedCache } from './versioned-cache.workflow';

function setup(ttlMs = 1000) {
  let now = 0;
  let version = 1;
  const reads: number[] = [];
  const builds: number[] = [];
  const cache = new VersionedCache<number, string>({
    readVersion: async () => (reads.push(version), version),
    build: async (v) => (builds.push(v), `index v${v}`),
    now: () => now,
    ttlMs,
  });
  return { cache, reads, builds, tick: (ms: number) => (now += ms), setVersion: (v: number) => (version = v) };
}

describe('VersionedCache', () => {
  test('reads the pointer at most once per ttl and builds only when the version changes', async () => {
    const s = setup();
    expect((await s.cache.get()).value).toBe('index v1');
    s.setVersion(2);
    s.tick(500);
    expect((await s.cache.get()).value).toBe('index v1');
    s.tick(600);
    expect(await s.cache.get()).toEqual({ version: 2, value: 'index v2' });
    s.tick(1001);
    await s.cache.get();
    expect(s.reads).toHaveLength(3);
    expect(s.builds).toEqual([1, 2]);
  });

  test('invalidate() makes the next get() read the pointer at once', async () => {
    const s = setup(60_000);
    await s.cache.get();
    s.setVersion(5);
    s.cache.invalidate();
    expect((await s.cache.get()).version).toBe(5);
  });

  test('concurrent callers share one read and one build', async () => {
    const s = setup();
    const all = await Promise.all([s.cache.get(), s.cache.get(), s.cache.get()]);
    expect(all.map((r) => r.value)).toEqual(['index v1', 'index v1', 'index v1']);
    expect(s.reads).toHaveLength(1);
    expect(s.builds).toEqual([1]);
  });

  test('a refresh that began before invalidate() does not stand for a fresh check', async () => {
    const s = setup(60_000);
    const early = s.cache.get();
    s.setVersion(2);
    s.cache.invalidate();
    const late = s.cache.get();
    await early;
    expect((await late).version).toBe(2);
    expect((await s.cache.get()).version).toBe(2);
  });
});
