import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeam, buildZoneWithCells, polygonFeature, rect, waitForImport } from '../support/geo-factories';

describe('geometry imports: POST /api/v1/geo/imports, GET /api/v1/geo/imports/:id', () => {
  // A small global body limit proves that the import route has its own, larger one.
  const t = useTestApp({ BODY_LIMIT_BYTES: '4096' });
  let admin: string;
  let dispatcher: string;
  beforeAll(async () => {
    admin = bearer(t, await buildUser({ role: 'admin' }));
    dispatcher = bearer(t, await buildUser({ role: 'dispatcher' }));
  });
  const post = (body: unknown, auth = admin) => t.http().post('/api/v1/geo/imports').set('Authorization', auth).send(body as object);
  const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });
  const importOk = async (kind: string, features: unknown[]) => {
    const res = await post({ kind, featureCollection: fc(features) });
    expect(res.status).toBe(202);
    return waitForImport(t, admin, res.body.data.id);
  };

  test('without a token answers 401, for a dispatcher 403', async () => {
    const body = { kind: 'zones', featureCollection: fc([]) };
    expect((await t.http().post('/api/v1/geo/imports').send(body)).status).toBe(401);
    expect((await post(body, dispatcher)).status).toBe(403);
    expect((await t.http().get('/api/v1/geo/imports/64b7f0c2a1b2c3d4e5f60718').set('Authorization', dispatcher)).status).toBe(403);
  });

  test('an envelope that is not a FeatureCollection, or not WGS84, answers 400', async () => {
    expect((await post({ kind: 'zones', featureCollection: { type: 'Feature' } })).body.error.code).toBe('VALIDATION_FAILED');
    expect((await post({ kind: 'parcels', featureCollection: fc([{}]) })).status).toBe(400);
    const crs = { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } };
    expect((await post({ kind: 'zones', featureCollection: { ...fc([{}]), crs } })).status).toBe(400);
  });

  test('an unknown import answers 404', async () => {
    expect((await t.http().get('/api/v1/geo/imports/64b7f0c2a1b2c3d4e5f60718').set('Authorization', admin)).status).toBe(404);
  });

  test('a zone import larger than the global body limit is accepted, runs and reports progress', async () => {
    const team = await buildTeam();
    // ~300 vertices: well over the 4 KB global limit.
    const ring: [number, number][] = [];
    for (let i = 0; i < 300; i++) {
      const a = (2 * Math.PI * i) / 300;
      ring.push([106.5 + 0.01 * Math.cos(a), 29.5 + 0.01 * Math.sin(a)]);
    }
    ring.push(ring[0]!);
    const res = await post({ kind: 'zones', featureCollection: fc([polygonFeature([ring], { code: 'BIG-1', name: '大片区', teamId: String(team._id) })]) });
    expect(res.status).toBe(202);
    expect(res.body.data).toMatchObject({ id: expect.any(String), status: 'validating', total: 1, processed: 0 });
    const done = await waitForImport(t, admin, res.body.data.id);
    expect(done).toMatchObject({ status: 'done', processed: 1, total: 1, errors: [], version: expect.any(Number) });
    const other = await t.http().post('/api/v1/org/agencies').set('Authorization', admin).send({ code: 'x', name: { zh: 'x'.repeat(5000), en: 'x' }, kind: 'district' });
    expect(other.status).toBe(413);
  });

  test('a bad cell import reports every bad feature and changes nothing (all-or-nothing)', async () => {
    const z = await buildZoneWithCells(t, { cols: 2, rows: 2 });
    const before = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    const [x0, y0] = z.origin;
    const s = z.size;
    const inspector = await buildUser({ role: 'inspector' });
    const notInspector = await buildUser({ role: 'dispatcher' });
    const ok = (code: string, ring: [number, number][], extra: object = {}) => polygonFeature([ring], { code, name: '网格', zoneId: z.zone.id, ...extra });
    const open = rect(x0, y0, x0 + s, y0 + s).slice(0, 4);
    const features = [
      ok('OK-1', rect(x0, y0, x0 + s, y0 + s), { inspectorIds: [String(inspector._id)] }),
      ok('UNCLOSED', open),
      ok('SHORT', [[x0, y0], [x0 + s, y0], [x0, y0]]),
      ok('RANGE', [[x0, y0], [x0 + s, y0], [190, y0 + s], [x0, y0]]),
      ok('NAN', [[x0, y0], [x0 + s, y0], ['a', y0 + s], [x0, y0]] as never),
      ok('KINK', [[x0, y0], [x0 + s, y0 + s], [x0 + s, y0], [x0, y0 + 2 * s], [x0, y0]]),
      ok('OUTSIDE', rect(x0 + 1.5 * s, y0, x0 + 2.5 * s, y0 + s)),
      ok('OVERLAP', rect(x0 + 0.5 * s, y0, x0 + 1.5 * s, y0 + s)),
      polygonFeature([rect(x0, y0 + s, x0 + s, y0 + 2 * s)], { code: 'NOZONE', name: '网格', zoneCode: 'NO-SUCH-ZONE' }),
      ok('NOTINSP', rect(x0 + s, y0 + s, x0 + 2 * s, y0 + 2 * s), { inspectorIds: [String(notInspector._id)] }),
      ok('OK-1', rect(x0, y0 + s, x0 + s, y0 + 2 * s)),
    ];
    const job = await importOk('grid-cells', features);
    expect(job.status).toBe('failed');
    const errors = job.errors as { index: number; property: string; code: string; reason: string }[];
    const pick = (i: number) => errors.filter((e) => e.index === i).map(({ property, code }) => ({ property, code }));
    expect(pick(0)).toEqual([{ property: 'geometry', code: 'OVERLAP' }]);
    expect(pick(1)).toEqual([{ property: 'geometry.coordinates[0]', code: 'RING_NOT_CLOSED' }]);
    expect(pick(2)).toEqual([{ property: 'geometry.coordinates[0]', code: 'RING_TOO_SHORT' }]);
    expect(pick(3)).toEqual([{ property: 'geometry.coordinates[0][2]', code: 'COORDINATE_OUT_OF_RANGE' }]);
    expect(pick(4)).toEqual([{ property: 'geometry.coordinates[0][2]', code: 'COORDINATE_NOT_NUMBER' }]);
    expect(pick(5)).toEqual([{ property: 'geometry.coordinates', code: 'SELF_INTERSECTION' }]);
    expect(pick(6)).toEqual([{ property: 'properties.zoneId', code: 'OUTSIDE_ZONE' }]);
    expect(pick(7)).toEqual([{ property: 'geometry', code: 'OVERLAP' }]);
    expect(errors.find((e) => e.index === 7)!.reason).toMatch(/^overlaps feature 0 \(OK-1\) by \d+ m² \(50\.0% of the smaller\)$/);
    expect(pick(8)).toEqual([{ property: 'properties.zoneCode', code: 'UNKNOWN_ZONE' }]);
    expect(pick(9)).toEqual([{ property: 'properties.inspectorIds[0]', code: 'UNKNOWN_INSPECTOR' }]);
    expect(pick(10)).toEqual([{ property: 'properties.code', code: 'DUPLICATE_CODE' }]);
    expect(errors.find((e) => e.index === 6 && e.code === 'OUTSIDE_ZONE')!.reason).toMatch(/50\.0% of the cell lies inside its zone/);
    expect(job).toMatchObject({ errorCount: errors.length, version: null });
    const after = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    expect(after.body.data).toEqual(before.body.data);
  });

  test('zones naming an unknown or a domain team are refused', async () => {
    const domain = await buildTeam({ domains: ['market'] });
    const job = await importOk('zones', [
      polygonFeature([rect(107, 30, 107.01, 30.01)], { code: 'ZZ-1', name: 'z', teamCode: 'NO-SUCH-TEAM' }),
      polygonFeature([rect(107.02, 30, 107.03, 30.01)], { code: 'ZZ-2', name: 'z', teamId: String(domain._id) }),
    ]);
    expect(job.errors).toEqual([
      { index: 0, property: 'properties.teamCode', code: 'UNKNOWN_TEAM', reason: 'no team NO-SUCH-TEAM' },
      { index: 1, property: 'properties.teamId', code: 'UNKNOWN_TEAM', reason: expect.stringContaining('domain team') },
    ]);
  });

  test('a re-import is a new version; the old one stays resolvable with the same cell ids', async () => {
    const z = await buildZoneWithCells(t, { cols: 2, rows: 1 });
    const v1 = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    const [a, b] = z.cells;
    const [x0, y0] = z.origin;
    // Version 2: the zone's two cells merge into one keeping A's code; B is gone.
    const merged = v1.body.data.features
      .filter((f: { properties: { code: string } }) => f.properties.code !== a!.code && f.properties.code !== b!.code)
      .concat([polygonFeature([rect(x0, y0, x0 + 2 * z.size, y0 + z.size)], { code: a!.code, name: '合并网格', zoneId: z.zone.id })]);
    const job = await importOk('grid-cells', merged);
    expect(job).toMatchObject({ status: 'done', version: v1.body.data.geometryVersion + 1 });

    const now = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    const old = await t.http().get(`/api/v1/geo/grid-cells?version=${v1.body.data.geometryVersion}`).set('Authorization', admin);
    const byCode = (res: { body: { data: { features: { id: string; properties: { code: string } }[] } } }, code: string) =>
      res.body.data.features.find((f) => f.properties.code === code);
    expect(byCode(now, a!.code)).toMatchObject({ id: a!.id, properties: { name: { zh: '合并网格' } } });
    expect(byCode(now, b!.code)).toBeUndefined();
    expect(byCode(old, a!.code)).toMatchObject({ id: a!.id, geometry: { type: 'Polygon', coordinates: [a!.ring] } });
    expect(byCode(old, b!.code)).toMatchObject({ id: b!.id, properties: { zoneId: z.zone.id, teamId: String(z.team._id) } });

    const versions = await t.http().get('/api/v1/geo/versions?kind=grid-cells').set('Authorization', admin);
    expect(versions.body.data[0]).toMatchObject({ version: job.version, active: true, status: 'complete' });
    expect(versions.body.data[1]).toMatchObject({ version: v1.body.data.geometryVersion, active: false, status: 'complete' });
    expect((await t.http().get('/api/v1/geo/grid-cells?version=999').set('Authorization', admin)).status).toBe(404);
  });

  test('an export imports back unchanged as a new version (round trip)', async () => {
    await buildZoneWithCells(t, { cols: 3, rows: 1 });
    const exported = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    const job = await importOk('grid-cells', exported.body.data.features);
    expect(job.status).toBe('done');
    const again = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    expect(again.body.data.features).toEqual(exported.body.data.features);
    expect(again.body.data.geometryVersion).toBe(exported.body.data.geometryVersion + 1);
  });
});
