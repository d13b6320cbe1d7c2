import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Types } from 'mongoose';
import { CaseEventModel } from '../../backend/src/modules/cases';
import { useTestApp } from '../support/app';
import { act, buildArea, caseAt, type Area } from '../support/case-factories';

describe('tamper-evident timeline (GET /api/v1/cases/:id/verify, npm run audit:verify)', () => {
  const t = useTestApp();
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });
  const verify = async (id: string) => (await t.http().get(`/api/v1/cases/${id}/verify`).set('Authorization', a.legal.auth)).body.data;
  const events = (id: string) => CaseEventModel.collection;
  const oid = (id: string) => new Types.ObjectId(id);

  test('an untouched case verifies', async () => {
    const id = await caseAt(t, a, 'closed');
    expect(await verify(id)).toEqual({ caseId: id, ok: true, checked: 6, problems: [] });
  });

  test('an event changed directly in the database is detected', async () => {
    const id = await caseAt(t, a, 'in_progress');
    await events(id).updateOne({ caseId: oid(id), seq: 2 }, { $set: { note: '改过的备注' } });
    expect(await verify(id)).toMatchObject({ ok: false, problems: [{ seq: 2, reason: 'changed' }] });
  });

  test('a changed actor or time is detected too', async () => {
    const id = await caseAt(t, a, 'dispatched');
    await events(id).updateOne({ caseId: oid(id), seq: 3 }, { $set: { at: new Date('2020-01-01T00:00:00Z') } });
    expect((await verify(id)).problems).toContainEqual({ seq: 3, reason: 'changed' });
  });

  test('a removed event is detected, in the middle and at the end', async () => {
    const mid = await caseAt(t, a, 'in_progress');
    await events(mid).deleteOne({ caseId: oid(mid), seq: 2 });
    expect((await verify(mid)).ok).toBe(false);
    const end = await caseAt(t, a, 'in_progress');
    await events(end).deleteOne({ caseId: oid(end), seq: 4 });
    expect(await verify(end)).toMatchObject({ ok: false, problems: expect.arrayContaining([{ seq: null, reason: 'missing' }]) });
  });

  test('reordered events (two seq numbers swapped) are detected', async () => {
    const id = await caseAt(t, a, 'in_progress');
    await events(id).updateOne({ caseId: oid(id), seq: 2 }, { $set: { seq: 99 } });
    await events(id).updateOne({ caseId: oid(id), seq: 3 }, { $set: { seq: 2 } });
    await events(id).updateOne({ caseId: oid(id), seq: 99 }, { $set: { seq: 3 } });
    expect((await verify(id)).ok).toBe(false);
  });

  test('verification is scoped like the case (404 outside scope)', async () => {
    const id = await caseAt(t, a, 'reported', { cell: 0 });
    expect((await t.http().get(`/api/v1/cases/${id}/verify`).set('Authorization', a.inspectors[1]!.auth)).status).toBe(404);
  });

  test('npm run audit:verify checks every case and fails on the tampered ones', async () => {
    const ok = await caseAt(t, a, 'filed');
    await act(t, a.dispatcher.auth, ok, { action: 'comment', note: '正常' });
    const env = { ...process.env, MONGODB_URI: process.env.TEST_MONGODB_URI!, MONGODB_DB: t.dbName, LOG_LEVEL: 'silent', NODE_ENV: 'test' };
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, '../../backend/scripts/audit-verify.ts')], { env, encoding: 'utf8', cwd: path.join(__dirname, '../../backend') });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/TAMPERED BS-\d{4}-\d{6}/);
    expect(r.stdout).toMatch(/audit:verify checked \d+ cases and \d+ events: \d+ case\(s\) FAILED/);
  });
});
