import { caseChanged, whenProjected } from './case-changes';

/** The projection waiters the live push uses instead of polling the case document. */
describe('whenProjected', () => {
  test('a created document at the seq wakes the waiter with that document', async () => {
    const waiting = whenProjected('c1', 1, 5000);
    const doc = { _id: 'c1', seq: 1, status: 'reported' };
    caseChanged({ kind: 'doc', doc });
    await expect(waiting).resolves.toBe(doc);
  });

  test('a $set that reaches the seq wakes it; one below the seq or of another case does not', async () => {
    let seen: unknown = 'pending';
    const waiting = whenProjected('c2', 3, 5000).then((s) => (seen = s));
    caseChanged({ kind: 'set', id: 'c2', set: { seq: 2, status: 'filed' } });
    caseChanged({ kind: 'set', id: 'other', set: { seq: 9 } });
    caseChanged({ kind: 'id', id: 'c2' });
    caseChanged({ kind: 'unknown' });
    await new Promise((r) => setImmediate(r));
    expect(seen).toBe('pending');
    caseChanged({ kind: 'set', id: 'c2', set: { seq: 4, status: 'dispatched' } });
    await waiting;
    expect(seen).toBe(true);
  });

  test('every waiter of a case is woken, each once', async () => {
    const a = whenProjected('c3', 2, 5000);
    const b = whenProjected('c3', 2, 5000);
    caseChanged({ kind: 'set', id: 'c3', set: { seq: 2 } });
    caseChanged({ kind: 'set', id: 'c3', set: { seq: 3 } });
    await expect(Promise.all([a, b])).resolves.toEqual([true, true]);
  });

  test('nothing in time → null; a write reported before the waiter registered is not seen', async () => {
    caseChanged({ kind: 'set', id: 'c4', set: { seq: 5 } });
    await expect(whenProjected('c4', 5, 20)).resolves.toBeNull();
  });
});
