import { useTestApp } from '../support/app';
import { buildArea, type Area } from '../support/case-factories';

describe('GET /api/v1/routing/locate', () => {
  const t = useTestApp();
  let a: Area;
  beforeAll(async () => {
    a = await buildArea(t);
  });
  const locate = (auth: string, q: Record<string, unknown>) => t.http().get('/api/v1/routing/locate').query(q).set('Authorization', auth);

  test('a point in a cell: the cell, its zone and team, the tier and the responsible inspector', async () => {
    const cell = a.area.cells[1]!;
    const res = await locate(a.inspectors[0]!.auth, { lng: cell.centre[0], lat: cell.centre[1], category: a.minor.code });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      grid: { id: cell.id, code: cell.code },
      zone: { id: a.area.zone.id, code: a.area.zone.code },
      team: { id: String(a.area.team._id) },
      tier: 'grid',
      holderId: a.inspectors[1]!.id,
      inspectorIds: [a.inspectors[1]!.id],
      outOfGrid: false,
      queue: null,
    });
  });

  test('outside every cell: outOfGrid and the bureau dispatch queue', async () => {
    const res = await locate(a.dispatcher.auth, { lng: 100.5, lat: 20.5, category: a.minor.code });
    expect(res.body.data).toMatchObject({ grid: null, zone: null, team: null, tier: 'bureau', holderId: null, outOfGrid: true, queue: 'bureau_dispatch' });
  });

  test('401 without a token; 400 for bad coordinates or unknown keys; 422 for an unknown category', async () => {
    expect((await t.http().get('/api/v1/routing/locate').query({ lng: 106, lat: 29, category: a.minor.code })).status).toBe(401);
    expect((await locate(a.dispatcher.auth, { lng: 200, lat: 29, category: a.minor.code })).status).toBe(400);
    expect((await locate(a.dispatcher.auth, { lng: 106, lat: 29, category: a.minor.code, x: 1 })).status).toBe(400);
    expect((await locate(a.dispatcher.auth, { lng: 106, lat: 29, category: 'no-such' })).status).toBe(422);
  });
});
