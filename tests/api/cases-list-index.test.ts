import mongoose from 'mongoose';
import { CaseModel } from '../../backend/src/modules/cases';
import { useTestApp } from '../support/app';
import { buildArea, caseAt, report, type Area } from '../support/case-factories';

/**
 * GET /cases and the duplicate check are served from an in-memory case index (case-index.ts):
 * these tests change cases in every way the index has to notice and check that lists stay exact.
 */
describe('case lists stay exact when cases change behind the list', () => {
  const t = useTestApp();
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });
  const list = (q = '') => t.http().get(`/api/v1/cases${q}`).set('Authorization', a.dispatcher.auth);
  const idsOf = (res: { body: { data: { id: string }[] } }) => res.body.data.map((c) => c.id).sort();

  test('a transition moves the case between filtered lists at once', async () => {
    const id = await caseAt(t, a, 'reported', { cell: 0 });
    expect(idsOf(await list('?status=reported'))).toContain(id);
    await caseAt(t, a, 'filed', { cell: 0 }); // another one, through the API
    const res = await t.http().post(`/api/v1/cases/${id}/transitions`).set('Authorization', a.dispatcher.auth).send({ action: 'reject', note: '不属于城管职责' });
    expect(res.status).toBe(200);
    expect(idsOf(await list('?status=reported'))).not.toContain(id);
    expect(idsOf(await list('?status=rejected'))).toContain(id);
  });

  test('lists asked at the same moment, right after a write the index has to re-read, all see the write', async () => {
    const id = await caseAt(t, a, 'filed', { cell: 0 });
    expect(idsOf(await list('?status=filed'))).toContain(id);
    // Not a plain $set, so the index can't apply it and re-reads the case; the requests arriving
    // while one of them re-reads must wait for that, not answer from the old entry.
    await CaseModel.updateOne({ _id: id }, { $set: { status: 'rejected' }, $inc: { seq: 1 } });
    const lists = await Promise.all(Array.from({ length: 6 }, () => list('?status=rejected')));
    for (const res of lists) expect(idsOf(res)).toContain(id);
  });

  test('a transition is in every list asked right after it, also when several ask at once', async () => {
    const id = await caseAt(t, a, 'reported', { cell: 1 });
    const res = await t.http().post(`/api/v1/cases/${id}/transitions`).set('Authorization', a.dispatcher.auth).send({ action: 'reject', note: '重复上报' });
    expect(res.status).toBe(200);
    const lists = await Promise.all([...Array.from({ length: 4 }, () => list('?status=rejected')), list('?status=reported')]);
    for (const l of lists.slice(0, 4)) expect(idsOf(l)).toContain(id);
    expect(idsOf(lists[4]!)).not.toContain(id);
  });

  test('names on a listed case follow a rename of its holder and of its zone at once', async () => {
    const id = await caseAt(t, a, 'dispatched', { cell: 0 });
    const before = (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', a.dispatcher.auth)).body.data;
    expect(before.holder).toBeTruthy();
    const holderId = before.holder.id as string;
    const renamed = await t.http().patch(`/api/v1/users/${holderId}`).set('Authorization', a.admin.auth).send({ displayName: '改名后的队员' });
    expect(renamed.status).toBe(200);
    const zoneId = before.zone.id as string;
    const zone = await t.http().patch(`/api/v1/org/zones/${zoneId}`).set('Authorization', a.admin.auth).send({ name: { zh: '改名片区', en: 'Renamed zone' } });
    expect(zone.status).toBe(200);
    const row = (await list('?limit=200')).body.data.find((c: { id: string }) => c.id === id);
    expect(row.holder.displayName).toBe('改名后的队员');
    expect(row.zone.name.zh).toBe('改名片区');
  });

  test('the overdue list follows the clock across days, and a case leaves it when it is no longer open', async () => {
    const id = await caseAt(t, a, 'dispatched', { cell: 0 });
    const dueAt = (await t.http().get(`/api/v1/cases/${id}`).set('Authorization', a.dispatcher.auth)).body.data.stage.dueAt as string;
    const overdue = async () => idsOf(await list('?overdue=true&limit=200'));
    const started = t.clock.now();
    try {
      expect(await overdue()).not.toContain(id);
      t.clock.set(new Date(Date.parse(dueAt) + 3 * 86_400_000)); // three days past due
      expect(await overdue()).toContain(id);
      expect(idsOf(await list('?overdue=false&limit=200'))).not.toContain(id);
      await CaseModel.updateOne({ _id: id }, { $set: { status: 'closed' }, $inc: { seq: 1 } });
      expect(await overdue()).not.toContain(id);
    } finally {
      t.clock.set(started);
    }
  });

  test('a team leader\'s status list walks the team\'s cases in those statuses and still shows what they hold elsewhere', async () => {
    const id = await caseAt(t, a, 'dispatched', { cell: 1 });
    const leaderList = async (q: string) => idsOf(await t.http().get(`/api/v1/cases${q}`).set('Authorization', a.leader.auth));
    expect(await leaderList('?status=dispatched&limit=200')).toContain(id);
    expect(await leaderList('?status=filed,in_progress&limit=200')).not.toContain(id);
    // Moved to another team but held by the leader: still theirs to see.
    const other = new mongoose.Types.ObjectId();
    await CaseModel.updateOne({ _id: id }, { $set: { teamId: other, holderId: new mongoose.Types.ObjectId(a.leader.id) } });
    expect(await leaderList('?status=dispatched&limit=200')).toContain(id);
    await CaseModel.updateOne({ _id: id }, { $set: { holderId: null } });
    expect(await leaderList('?status=dispatched&limit=200')).not.toContain(id);
  });

  test('a write through the model with a filter other than _id is seen (the index reloads)', async () => {
    const id = await caseAt(t, a, 'reported', { cell: 1 });
    const { caseNo } = (await CaseModel.findById(id, { caseNo: 1 }).lean<{ caseNo: string }>())!;
    await CaseModel.updateOne({ caseNo }, { $set: { description: '索引重载测试 zebra' } });
    expect(idsOf(await list('?q=zebra'))).toEqual([id]);
  });

  test('a write that bypasses the model is never shown under a filter the case no longer matches', async () => {
    const id = await caseAt(t, a, 'filed', { cell: 1 });
    expect(idsOf(await list('?status=filed'))).toContain(id);
    await mongoose.connection.collection('cases').updateOne({ _id: new mongoose.Types.ObjectId(id) }, { $set: { status: 'closed', seq: 99 } });
    const filed = await list('?status=filed');
    expect(idsOf(filed)).not.toContain(id);
    // The list read the page by _id, found the entry behind and corrected it.
    expect(idsOf(await list('?status=closed'))).toContain(id);
    expect(filed.body.meta.total).toBe(filed.body.data.length);
  });

  test('a case deleted from the database disappears from lists', async () => {
    const id = await caseAt(t, a, 'reported', { cell: 0 });
    await mongoose.connection.collection('cases').deleteOne({ _id: new mongoose.Types.ObjectId(id) });
    expect(idsOf(await list())).not.toContain(id);
  });

  test('sorting by deadline walks every case once, cases without a deadline first ascending and last descending', async () => {
    const all = (await list('?limit=200')).body.data as { id: string; stage?: { dueAt: string | null } }[];
    for (const sort of ['dueAt', '-dueAt']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await list(`?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        seen.push(...res.body.data.map((c: { id: string }) => c.id));
        cursor = res.body.meta.nextCursor;
      } while (cursor);
      expect(seen.slice().sort()).toEqual(all.map((c) => c.id).sort());
    }
  });

  test('a closed case is no longer a possible duplicate', async () => {
    const [x, y] = a.area.cells[0]!.centre;
    const first = await report(t, a.inspectors[0]!.auth, { point: [x + 0.0001, y], category: a.minor.code, description: '第一次上报' });
    const near = await report(t, a.inspectors[0]!.auth, { point: [x + 0.0002, y], category: a.minor.code, description: '第二次上报' });
    expect(near.body.data.possibleDuplicates.map((d: { id: string }) => d.id)).toContain(first.body.data.id);
    const rejected = await t.http().post(`/api/v1/cases/${first.body.data.id}/transitions`).set('Authorization', a.dispatcher.auth).send({ action: 'reject', note: '重复' });
    expect(rejected.status).toBe(200);
    const third = await report(t, a.inspectors[0]!.auth, { point: [x + 0.0001, y], category: a.minor.code, description: '第三次上报' });
    const flagged = third.body.data.possibleDuplicates.map((d: { id: string }) => d.id);
    expect(flagged).not.toContain(first.body.data.id);
    expect(flagged).toContain(near.body.data.id);
  });
});
