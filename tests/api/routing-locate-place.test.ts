import { GridCellModel } from '../../backend/src/modules/org';
import { UserModel } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { buildArea, type Area } from '../support/case-factories';

/**
 * The map console's click preview (issue 4): `GET /routing/locate` also names the cell's village
 * and its inspectors, and answers without a category (the place alone: no tier, the zone's team).
 */
describe('GET /api/v1/routing/locate for the map click preview', () => {
  const t = useTestApp();
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
    await GridCellModel.updateOne({ _id: a.area.cells[1]!.id }, { $set: { village: { code: 'V-1', name: { zh: '驴溪社区', en: 'Lüxi Community' } } } });
  });
  const locate = (q: Record<string, unknown>, auth = a.dispatcher.auth) => t.http().get('/api/v1/routing/locate').query(q).set('Authorization', auth);

  test('without a category: the cell, its village, zone, the zone team, the inspectors by name, no tier', async () => {
    const cell = a.area.cells[1]!;
    const insp = (await UserModel.findById(a.inspectors[1]!.id).lean())!;
    const res = await locate({ lng: cell.centre[0], lat: cell.centre[1] });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      grid: { id: cell.id, code: cell.code },
      village: { code: 'V-1', name: { zh: '驴溪社区', en: 'Lüxi Community' } },
      zone: { id: a.area.zone.id },
      team: { id: String(a.area.team._id) },
      tier: null,
      holderId: a.inspectors[1]!.id,
      inspectorIds: [a.inspectors[1]!.id],
      inspectors: [{ id: a.inspectors[1]!.id, displayName: insp.displayName }],
      outOfGrid: false,
      queue: null,
    });
  });

  test('with a category: the route plus village (null when the cell has none) and inspectors', async () => {
    const cell = a.area.cells[0]!;
    const res = await locate({ lng: cell.centre[0], lat: cell.centre[1], category: a.minor.code });
    expect(res.body.data).toMatchObject({ grid: { id: cell.id }, village: null, tier: 'grid', inspectors: [{ id: a.inspectors[0]!.id }] });
  });

  test('outside every cell, with or without a category: out of grid, the bureau dispatch queue', async () => {
    for (const q of [{ lng: 100.5, lat: 20.5 }, { lng: 100.5, lat: 20.5, category: a.minor.code }]) {
      const res = await locate(q);
      expect(res.body.data).toMatchObject({ grid: null, village: null, inspectors: [], tier: 'bureau', outOfGrid: true, queue: 'bureau_dispatch' });
    }
  });

  test('bad input keeps the one error shape: unknown keys and an empty category are 400', async () => {
    const bad = await locate({ lng: 106, lat: 29, foo: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
    expect((await locate({ lng: 106, lat: 29, category: '' })).status).toBe(400);
    expect((await t.http().get('/api/v1/routing/locate').query({ lng: 106, lat: 29 })).status).toBe(401);
  });
});
