import { useTimelineHooks } from '../../backend/src/modules/cases';
import { caseFactHooks, computeTally, DEFAULT_CONFIG, maintainFacts, parsePeriod } from '../../backend/src/modules/evaluations';
import { FactChunkModel, FactJournalModel, FactMetaModel } from '../../backend/src/modules/evaluations/case-facts.model';
import { readJournal } from '../../backend/src/modules/evaluations/case-facts.repository';
import { useTestApp } from '../support/app';
import { act, buildArea, caseAt, type Area } from '../support/case-factories';

/**
 * The evaluation fact projection (issue 8 performance): the indicators read from it equal the
 * indicators read from every case and event, after cases move on through the API, and when a
 * writer stopped half-way (event written, its journal entry not completed; journal entry written,
 * event never inserted) — correctness never depends on the projection being fresh.
 */
describe('evaluation fact projection', () => {
  const t = useTestApp();
  let a: Area;
  const period = parsePeriod('2026-H1')!;

  /** Every tally of the period, sorted, from one source. */
  const figures = async (source: 'facts' | 'stream') => {
    const { tally, cases } = await computeTally(period, { config: DEFAULT_CONFIG, now: t.clock.now(), source });
    const sorted = <V>(m: Map<string, V>) => [...m].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
    return {
      cases,
      levels: sorted(tally.levels as Map<string, Map<string, Map<string, { num: number; den: number }>>>).map(([level, keys]) => [
        level,
        sorted(keys).map(([k, inds]) => [k, sorted(inds).map(([i, v]) => [i, v.num, v.den])]),
      ]),
    };
  };
  // Entries with their completions folded in, as the readers see them.
  const journal = async () => (await readJournal()).sort((x, y) => x._id.localeCompare(y._id));

  beforeAll(async () => {
    t.clock.set('2026-03-02T01:00:00Z');
    a = await buildArea(t);
  });

  afterEach(() => useTimelineHooks(caseFactHooks));

  test('built on first use from the timelines, then kept current by the cases module: same figures as reading every event', async () => {
    const ids: string[] = [];
    for (const status of ['reported', 'filed', 'dispatched', 'resolved', 'closed'] as const) ids.push(await caseAt(t, a, status, { cell: ids.length % 2 }));
    expect(await FactMetaModel.exists({ _id: 'built' })).toBeNull();

    const first = await figures('facts');
    expect(first.cases).toBe(5);
    expect(first).toEqual(await figures('stream'));
    expect(await FactMetaModel.exists({ _id: 'built' })).not.toBeNull();
    expect(await FactChunkModel.countDocuments({})).toBe(256);

    // Cases move on (a late resolution among them) and a new one is reported: the journal records each event.
    t.clock.advance(60 * 3_600_000);
    expect((await act(t, a.inspectors[0]!.auth, ids[2]!, { action: 'accept' })).status).toBe(200);
    expect((await act(t, a.inspectors[0]!.auth, ids[2]!, { action: 'resolve', note: '已清理' })).status).toBe(200);
    expect((await act(t, a.dispatcher.auth, ids[3]!, { action: 'verify', note: '核查通过' })).status).toBe(200);
    ids.push(await caseAt(t, a, 'filed', { cell: 1 }));
    expect((await journal()).length).toBeGreaterThanOrEqual(5);
    expect((await journal()).every((e) => e.done)).toBe(true);

    const second = await figures('facts');
    expect(second.cases).toBe(6);
    expect(second).toEqual(await figures('stream'));
    expect(second).not.toEqual(first);
    // The evaluation folded the journal into the chunks, entries and their completions.
    expect(await journal()).toEqual([]);
    expect(await FactJournalModel.countDocuments({})).toBe(0);
    expect(await figures('facts')).toEqual(second);
  });

  test('a writer that stopped after writing the event: the case is read from its timeline, then folded in', async () => {
    const id = await caseAt(t, a, 'dispatched');
    await figures('facts');
    // The journal entry is written, the event too, but the entry is never completed.
    useTimelineHooks({ ...caseFactHooks, afterAppend: async () => undefined });
    expect((await act(t, a.inspectors[0]!.auth, id, { action: 'accept' })).status).toBe(200);
    useTimelineHooks(caseFactHooks);
    expect((await journal()).map((e) => e.done)).toEqual([false]);

    const facts = await figures('facts');
    expect(facts).toEqual(await figures('stream'));
    expect(await journal()).toEqual([]);
  });

  test('a writer that stopped before inserting the event leaves an entry that vouches for nothing; the next writer of that seq completes it', async () => {
    const id = await caseAt(t, a, 'dispatched');
    await figures('facts');
    const head = (await journal()).length;
    await caseFactHooks.beforeAppend(id, 4, t.clock.now());
    expect((await journal()).length).toBe(head + 1);
    expect(await figures('facts')).toEqual(await figures('stream'));
    // Still there (the event may yet come), and reused by the next transition of the case.
    expect((await journal()).map((e) => e._id)).toContain(`${id}:000004`);
    expect((await act(t, a.inspectors[0]!.auth, id, { action: 'accept' })).status).toBe(200);
    expect(await figures('facts')).toEqual(await figures('stream'));
    expect(await journal()).toEqual([]);
  });

  test('a completion that arrives after a compaction folded its case is ignored, then deleted', async () => {
    const id = await caseAt(t, a, 'filed');
    await figures('facts');
    expect(await FactJournalModel.countDocuments({})).toBe(0);
    // A slow writer completes an entry the compaction already folded (from the timeline).
    await FactJournalModel.collection.insertOne({ _id: `${id}:000002:d` as never, caseId: id, seq: 2, at: t.clock.now(), done: true, e: null, p: '{}', c: null });
    expect(await journal()).toEqual([]);
    expect(await figures('facts')).toEqual(await figures('stream'));
    expect(await FactJournalModel.countDocuments({})).toBe(0);
  });

  test('maintenance builds the projection of a database that never had one, and folds the journal without an evaluation', async () => {
    await FactMetaModel.deleteOne({ _id: 'built' });
    await FactChunkModel.deleteMany({});
    const id = await caseAt(t, a, 'filed');
    expect(await maintainFacts(t.clock.now())).toBe('built');
    expect(await figures('facts')).toEqual(await figures('stream'));
    expect((await act(t, a.dispatcher.auth, id, { action: 'dispatch' })).status).toBe(200);
    expect((await journal()).length).toBe(1);
    expect(await maintainFacts(t.clock.now())).toBe('compacted');
    expect(await journal()).toEqual([]);
    expect(await maintainFacts(t.clock.now())).toBe('idle');
    expect(await figures('facts')).toEqual(await figures('stream'));
  });
});
