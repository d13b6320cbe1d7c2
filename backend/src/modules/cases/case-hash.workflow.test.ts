import { canonicalJson, eventHash, GENESIS_HASH, verifyChain, type HashedEvent } from './case-hash.workflow';

function chain(n: number): (HashedEvent & { hash: string })[] {
  const out: (HashedEvent & { hash: string })[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const e: HashedEvent = {
      caseId: 'c1',
      seq,
      action: seq === 1 ? 'report' : 'comment',
      from: 'reported',
      to: 'reported',
      actorId: 'u1',
      actorRole: 'inspector',
      at: new Date(Date.UTC(2026, 0, 1, 0, seq)),
      note: `note ${seq}`,
      data: { b: 1, a: [1, 'x'] },
      patch: {},
      attachments: [],
      prevHash: prev,
    };
    const hash = eventHash(e);
    out.push({ ...e, hash });
    prev = hash;
  }
  return out;
}

describe('timeline hash chain', () => {
  test('canonical JSON sorts keys and skips undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: new Date(0) } })).toBe('{"a":{"c":"1970-01-01T00:00:00.000Z"},"b":1}');
  });

  test('an intact chain verifies', () => {
    expect(verifyChain(chain(4), 4)).toEqual({ ok: true, checked: 4, problems: [] });
  });

  test('a changed note is detected on that event', () => {
    const c = chain(4);
    c[2] = { ...c[2]!, note: 'edited' };
    expect(verifyChain(c, 4).problems).toContainEqual({ seq: 3, reason: 'changed' });
  });

  test('a removed middle event is detected as missing and breaks the link', () => {
    const c = chain(4);
    c.splice(1, 1);
    const r = verifyChain(c, 4);
    expect(r.ok).toBe(false);
    expect(r.problems).toEqual(expect.arrayContaining([{ seq: 3, reason: 'missing' }, { seq: 3, reason: 'broken_link' }]));
  });

  test('a removed last event is detected against the case head', () => {
    expect(verifyChain(chain(4).slice(0, 3), 4).problems).toEqual([{ seq: null, reason: 'missing' }]);
  });

  test('swapped events are detected', () => {
    const c = chain(4);
    [c[1], c[2]] = [c[2]!, c[1]!];
    expect(verifyChain(c, 4).ok).toBe(false);
  });
});
