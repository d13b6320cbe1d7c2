import { Types } from 'mongoose';
import { GridCellModel } from '../../backend/src/modules/org';
import { UserModel, deriveInspectorGrids } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { bearer, buildUser, uniq } from '../support/factories';
import { buildCategory } from '../support/case-factories';
import { buildZoneWithCells } from '../support/geo-factories';

/**
 * Issue 4: who inspects which cell is stored on both sides (cell.inspectorIds for the router,
 * user.gridIds for the inspector's scope). The cells are the source of truth and the users' side
 * is derived; whichever API an admin uses, both sides agree afterwards, removals included.
 */
describe('inspector ↔ grid cell assignment stays consistent', () => {
  const t = useTestApp();
  let admin: string;
  beforeAll(async () => {
    admin = bearer(t, await buildUser({ role: 'admin' }));
  });

  const oid = () => String(new Types.ObjectId());
  const newCell = async () => String((await GridCellModel.create({ code: uniq('G-'), name: { zh: '测试网格', en: 'Test cell' }, zoneId: oid() }))._id);
  const inspectorsOf = async (cellId: string) => (await t.http().get(`/api/v1/org/cells/${cellId}`).set('Authorization', admin)).body.data.inspectorIds as string[];
  const gridsOf = async (userId: string) => ((await t.http().get(`/api/v1/users/${userId}`).set('Authorization', admin)).body.data.gridIds as string[]).sort();
  const users = {
    post: (body: object) => t.http().post('/api/v1/users').set('Authorization', admin).send(body),
    patch: (id: string, body: object) => t.http().patch(`/api/v1/users/${id}`).set('Authorization', admin).send(body),
  };
  const patchCell = (id: string, body: object) => t.http().patch(`/api/v1/org/cells/${id}`).set('Authorization', admin).send(body);

  test('users API: cells given to an inspector list them (after the current holder); moved and removed cells drop them', async () => {
    const [c1, c2, c3] = [await newCell(), await newCell(), await newCell()];
    const holder = await buildUser({ role: 'inspector' });
    expect((await patchCell(c3, { inspectorIds: [String(holder._id)] })).status).toBe(200);

    const created = await users.post({ username: uniq('insp'), displayName: '王网格', role: 'inspector', password: 'initial-pass-123', gridIds: [c1, c2] });
    expect(created.status).toBe(201);
    const id: string = created.body.data.id;
    expect(created.body.data.gridIds).toEqual([c1, c2].sort());
    expect(await inspectorsOf(c1)).toEqual([id]);
    expect(await inspectorsOf(c2)).toEqual([id]);

    const moved = await users.patch(id, { gridIds: [c2, c3] });
    expect(moved.status).toBe(200);
    expect(moved.body.data.gridIds).toEqual([c2, c3].sort());
    expect(await inspectorsOf(c1)).toEqual([]);
    expect(await inspectorsOf(c2)).toEqual([id]);
    expect(await inspectorsOf(c3)).toEqual([String(holder._id), id]);

    // No longer an inspector: out of every cell.
    const promoted = await users.patch(id, { role: 'team_leader', teamId: oid() });
    expect(promoted.status).toBe(200);
    expect(promoted.body.data.gridIds).toEqual([]);
    expect(await inspectorsOf(c2)).toEqual([]);
    expect(await inspectorsOf(c3)).toEqual([String(holder._id)]);
    expect(await gridsOf(String(holder._id))).toEqual([c3]);
  });

  test('users API: a grid id that names no cell is refused with 422 and nothing is written', async () => {
    const c1 = await newCell();
    const missing = oid();
    const username = uniq('insp');
    const res = await users.post({ username, displayName: '赵网格', role: 'inspector', password: 'initial-pass-123', gridIds: [c1, missing] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'INVALID_REFERENCE', details: { path: 'gridIds.1' } });
    expect(await UserModel.countDocuments({ username })).toBe(0);
    expect(await inspectorsOf(c1)).toEqual([]);

    const u = await users.post({ username, displayName: '赵网格', role: 'inspector', password: 'initial-pass-123', gridIds: [c1] });
    expect(u.status).toBe(201);
    const bad = await users.patch(u.body.data.id, { gridIds: [missing] });
    expect(bad.status).toBe(422);
    expect(await gridsOf(u.body.data.id)).toEqual([c1]);
    expect(await inspectorsOf(c1)).toEqual([u.body.data.id]);
  });

  test('org API: inspectors set on a cell get it in their gridIds; those taken off lose it', async () => {
    const [c1, c2] = [await newCell(), await newCell()];
    const a = (await users.post({ username: uniq('insp'), displayName: 'A', role: 'inspector', password: 'initial-pass-123', gridIds: [c2] })).body.data.id as string;
    const b = String((await buildUser({ role: 'inspector' }))._id);

    expect((await patchCell(c1, { inspectorIds: [b, a] })).status).toBe(200);
    expect(await gridsOf(a)).toEqual([c1, c2].sort());
    expect(await gridsOf(b)).toEqual([c1]);

    expect((await patchCell(c1, { inspectorIds: [b] })).status).toBe(200);
    expect(await gridsOf(a)).toEqual([c2]);
    expect(await gridsOf(b)).toEqual([c1]);

    expect((await patchCell(c1, { inspectorIds: [] })).status).toBe(200);
    expect(await gridsOf(b)).toEqual([]);
    expect(await inspectorsOf(c2)).toEqual([a]);

  });

  test('a geometry import that names inspectors puts its cells in their scope', async () => {
    const area = await buildZoneWithCells(t, { cols: 2, rows: 1 });
    for (const c of area.cells) expect(await gridsOf(c.inspectorIds[0]!)).toEqual([c.id]);
    // A cell created through the org API with an inspector is in their scope at once.
    const who = area.cells[0]!.inspectorIds[0]!;
    const made = await t.http().post('/api/v1/org/cells').set('Authorization', admin)
      .send({ code: uniq('C-'), name: { zh: '新网格', en: 'New cell' }, zoneId: area.zone.id, inspectorIds: [who] });
    expect(made.status).toBe(201);
    expect(await gridsOf(who)).toEqual([area.cells[0]!.id, made.body.data.id].sort());

    // The router sees a holder change made through the users API at once.
    const cell = area.cells[1]!;
    const cat = await buildCategory({ defaultTier: 'grid' });
    const locate = async () =>
      (await t.http().get('/api/v1/routing/locate').query({ lng: cell.centre[0], lat: cell.centre[1], category: cat.code }).set('Authorization', admin)).body.data;
    expect(await locate()).toMatchObject({ grid: { id: cell.id }, holderId: cell.inspectorIds[0], inspectorIds: cell.inspectorIds });
    const next = (await users.post({ username: uniq('insp'), displayName: '接任', role: 'inspector', password: 'initial-pass-123', gridIds: [cell.id] })).body.data.id as string;
    expect((await locate()).inspectorIds).toEqual([cell.inspectorIds[0], next]);
    expect((await users.patch(cell.inspectorIds[0]!, { role: 'team_leader', teamId: String(area.team._id) })).status).toBe(200);
    expect(await locate()).toMatchObject({ holderId: next, inspectorIds: [next] });
  });

  test('the derivation repairs a user left behind (a crash between the two writes) and is idempotent', async () => {
    const c1 = await newCell();
    const a = (await users.post({ username: uniq('insp'), displayName: 'A', role: 'inspector', password: 'initial-pass-123', gridIds: [c1] })).body.data.id as string;
    await UserModel.updateOne({ _id: a }, { $set: { gridIds: [] } });
    expect(await deriveInspectorGrids([a])).toBe(1);
    expect(await gridsOf(a)).toEqual([c1]);
    expect(await deriveInspectorGrids()).toBe(0);
    expect(await deriveInspectorGrids([a])).toBe(0);
  });
});
