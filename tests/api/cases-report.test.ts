import { randomUUID } from 'node:crypto';
import { FactJournalModel } from '../../backend/src/modules/evaluations/case-facts.model';
import { readJournal } from '../../backend/src/modules/evaluations/case-facts.repository';
import { useTestApp } from '../support/app';
import { buildArea, buildCategory, report, type Area } from '../support/case-factories';
import { bearer, buildUser } from '../support/factories';

describe('POST /api/v1/incidents', () => {
  const t = useTestApp();
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });

  test('an inspector’s patrol report is routed on creation to the cell, zone, team and inspector', async () => {
    const cell = a.area.cells[1]!;
    const res = await report(t, a.inspectors[1]!.auth, { point: cell.centre, category: a.minor.code });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      caseNo: expect.stringMatching(/^BS-\d{4}-\d{6}$/),
      status: 'reported',
      tier: 'grid',
      source: 'patrol',
      outside: false,
      grid: { id: cell.id, code: cell.code },
      zone: { id: a.area.zone.id, code: a.area.zone.code },
      team: { id: String(a.area.team._id) },
      holder: { id: a.inspectors[1]!.id, role: 'inspector' },
      reporter: { id: a.inspectors[1]!.id },
      category: { code: a.minor.code, domain: 'city_appearance', penaltyCapable: false },
      stage: { name: 'file', overdue: false },
      location: { type: 'Point', coordinates: cell.centre },
    });
    expect(res.body.data.allowedActions).toEqual(expect.arrayContaining(['handle_on_spot', 'escalate', 'comment']));
  });

  test('a team-tier category goes to the team leader; a point outside every cell to the bureau queue, flagged', async () => {
    const team = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: a.penalty.code });
    expect(team.body.data).toMatchObject({ tier: 'team', holder: { id: a.leader.id } });
    const outside = await report(t, a.dispatcher.auth, { point: [100.5, 20.5], category: a.minor.code, source: 'hotline' });
    expect(outside.status).toBe(201);
    expect(outside.body.data).toMatchObject({ tier: 'bureau', outside: true, grid: null, zone: null, team: null, holder: null });
  });

  test('without a token → 401; admin and legal officer → 403; an inspector may not enter hotline reports → 403', async () => {
    const body = { point: a.area.cells[0]!.centre, category: a.minor.code };
    expect((await report(t, '', body)).status).toBe(401);
    expect((await report(t, a.admin.auth, body)).status).toBe(403);
    expect((await report(t, a.legal.auth, body)).status).toBe(403);
    const hotline = await report(t, a.inspectors[0]!.auth, { ...body, source: 'hotline' });
    expect(hotline.status).toBe(403);
    expect(hotline.body.error.code).toBe('FORBIDDEN');
  });

  test.each([
    ['latitude out of range', { type: 'Point', coordinates: [106.1, 91] }],
    ['longitude not a number', { type: 'Point', coordinates: ['106.1', 29] }],
    ['not a Point', { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [0, 1], [0, 0]]] }],
    ['three coordinates', { type: 'Point', coordinates: [106.1, 29, 5] }],
    ['missing', undefined],
  ])('a bad location (%s) → 400 VALIDATION_FAILED naming the field', async (_name, location) => {
    const res = await t
      .http()
      .post('/api/v1/incidents')
      .set('Authorization', a.inspectors[0]!.auth)
      .send({ location, category: a.minor.code, description: 'x', source: 'patrol' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details[0].path).toMatch(/^location/);
  });

  test('an unknown category, an inactive one, or an unknown field → 400', async () => {
    const unknown = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: 'no-such-thing' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0]).toMatchObject({ path: 'category' });
    const extra = await t
      .http()
      .post('/api/v1/incidents')
      .set('Authorization', a.inspectors[0]!.auth)
      .send({ location: { type: 'Point', coordinates: a.area.cells[0]!.centre }, category: a.minor.code, description: 'x', status: 'closed' });
    expect(extra.status).toBe(400);
  });

  test('a retry with the same Idempotency-Key returns the same case, never a second one', async () => {
    const key = randomUUID();
    const body = { point: a.area.cells[0]!.centre, category: a.minor.code, description: 'retry after a lost response' };
    const first = await report(t, a.inspectors[0]!.auth, body, key);
    const again = await report(t, a.inspectors[0]!.auth, body, key);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.data.id).toBe(first.body.data.id);
    const list = await t.http().get('/api/v1/cases?q=retry%20after').set('Authorization', a.dispatcher.auth);
    expect(list.body.meta.total).toBe(1);
  });

  test('concurrent retries with one key create exactly one case', async () => {
    const key = randomUUID();
    const body = { point: a.area.cells[0]!.centre, category: a.minor.code, description: 'concurrent retries of one report' };
    const journalIds = async () => {
      await readJournal(); // settles this process's journal writes that requests did not wait for
      return (await FactJournalModel.find({}, { _id: 1 }).lean<{ _id: string }[]>()).map((r) => r._id);
    };
    const before = new Set(await journalIds());
    const results = await Promise.all(Array.from({ length: 6 }, () => report(t, a.inspectors[0]!.auth, body, key)));
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(new Set(results.map((r) => r.body.data.id)).size).toBe(1);
    const list = await t.http().get('/api/v1/cases?q=concurrent%20retries').set('Authorization', a.dispatcher.auth);
    expect(list.body.meta.total).toBe(1);
    // Each attempt journaled its own case id's first event with its key; the losers took theirs back:
    // the evaluation journal holds the one case's entry and its completion, nothing else.
    const id = results[0]!.body.data.id as string;
    const added = (await journalIds()).filter((j) => !before.has(j)).sort();
    expect(added).toEqual([`${id}:000001`, `${id}:000001:d`]);
  });

  test('the same key with a different body → 422; a malformed key → 400; keys are per reporter', async () => {
    const key = randomUUID();
    await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: a.minor.code, description: 'one' }, key);
    const other = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: a.minor.code, description: 'two' }, key);
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const bad = await report(t, a.inspectors[0]!.auth, { point: a.area.cells[0]!.centre, category: a.minor.code }, 'bad key!');
    expect(bad.status).toBe(400);
    const sameKeyOtherUser = await report(t, a.inspectors[1]!.auth, { point: a.area.cells[1]!.centre, category: a.minor.code, description: 'one' }, key);
    expect(sameKeyOtherUser.status).toBe(201);
    expect(sameKeyOtherUser.headers['idempotent-replayed']).toBeUndefined();
  });

  test('case numbers stay unique and readable under concurrent reports', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => report(t, a.dispatcher.auth, { point: a.area.cells[1]!.centre, category: a.minor.code, source: 'hotline', description: `burst ${i}` })),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    const numbers = results.map((r) => r.body.data.caseNo as string);
    expect(new Set(numbers).size).toBe(8);
    numbers.forEach((n) => expect(n).toMatch(/^BS-2026-\d{6}$/));
  });

  test('a report within 50 m and 72 h of an open case of the same category is flagged as a possible duplicate', async () => {
    const cat = await buildCategory();
    const [x, y] = a.area.cells[0]!.centre;
    const first = await report(t, a.inspectors[0]!.auth, { point: [x, y], category: cat.code });
    const near = await report(t, a.inspectors[0]!.auth, { point: [x + 0.0002, y], category: cat.code }); // ≈ 19 m east
    const far = await report(t, a.inspectors[0]!.auth, { point: [x + 0.0008, y], category: cat.code }); // ≈ 78 m east
    expect(near.body.data.possibleDuplicates).toEqual([{ id: first.body.data.id, caseNo: first.body.data.caseNo, distanceM: expect.any(Number) }]);
    expect(near.body.data.possibleDuplicates[0].distanceM).toBeGreaterThan(15);
    expect(near.body.data.possibleDuplicates[0].distanceM).toBeLessThan(25);
    expect(far.body.data.possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(first.body.data.id);
    t.clock.advance(73 * 3600_000);
    const later = await report(t, a.inspectors[0]!.auth, { point: [x, y], category: cat.code });
    t.clock.reset();
    expect(later.body.data.possibleDuplicates).toEqual([]);
  });

  test('duplicate hints only name cases the viewer may see', async () => {
    const cat = await buildCategory();
    // Two cells side by side: a report just inside cell 1, next to a case just inside cell 0.
    const [x, y] = a.area.cells[1]!.centre;
    const edge = x - a.area.size / 2;
    const theirs = await report(t, a.inspectors[0]!.auth, { point: [edge - 0.00005, y], category: cat.code });
    const mine = await report(t, a.inspectors[1]!.auth, { point: [edge + 0.00005, y], category: cat.code });
    expect(mine.status).toBe(201);
    expect(mine.body.data.grid.id).toBe(a.area.cells[1]!.id);
    expect(mine.body.data.possibleDuplicates).toEqual([]);
    const asDispatcher = await t.http().get(`/api/v1/cases/${mine.body.data.id}`).set('Authorization', a.dispatcher.auth);
    expect(asDispatcher.body.data.possibleDuplicates.map((d: { id: string }) => d.id)).toEqual([theirs.body.data.id]);
  });

  test('a disabled reporter’s token is refused', async () => {
    const u = await buildUser({ role: 'inspector', gridIds: [a.area.cells[0]!.id], disabled: true });
    expect((await report(t, bearer(t, u), { point: a.area.cells[0]!.centre, category: a.minor.code })).status).toBe(401);
  });
});
