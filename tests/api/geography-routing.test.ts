import { createCategory } from '../../backend/src/modules/catalogue';
import { routeIncident } from '../../backend/src/modules/geography';
// Internals, only to play "another API process" writing a version behind this one's back.
import { activate, claimVersion, finishLayer, writeChunk } from '../../backend/src/modules/geography/geography.repository';
import { flatten } from '../../backend/src/modules/geography/flat-geometry.workflow';
import { Types } from 'mongoose';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeam, buildZoneWithCells, rect } from '../support/geo-factories';

const category = (code: string, domain: 'city_appearance' | 'market' | 'planning_land', defaultTier: 'grid' | 'team' | 'bureau') =>
  createCategory({
    code,
    name: { zh: code, en: code },
    domain,
    defaultTier,
    deadlines: { file: 2, dispatch: 1, handle: 24, verify: 24 },
    urgentDeadlines: null,
    legalBasis: '《城市市容和环境卫生管理条例》第十四条',
    coAgencies: [],
    penaltyCapable: true,
    active: true,
  });

describe('routing: routeIncident() and GET /api/v1/geo/route', () => {
  const t = useTestApp();
  let auth: string;
  beforeAll(async () => {
    auth = bearer(t, await buildUser({ role: 'inspector' }));
    await category('r-grid', 'city_appearance', 'grid');
    await category('r-team', 'city_appearance', 'team');
    await category('r-bureau', 'planning_land', 'bureau');
    await category('r-market', 'market', 'team');
    await category('r-market-grid', 'market', 'grid');
  });
  const route = (q: string, a = auth) => t.http().get(`/api/v1/geo/route?${q}`).set('Authorization', a);

  test('without a token answers 401; unknown or missing query keys answer 400; an unknown category 422', async () => {
    expect((await t.http().get('/api/v1/geo/route?lng=106&lat=29&category=r-grid')).status).toBe(401);
    expect((await route('lng=106&lat=29&category=r-grid&zone=1')).status).toBe(400);
    expect((await route('lng=106&category=r-grid')).status).toBe(400);
    expect((await route('lng=&lat=29&category=r-grid')).status).toBe(400);
    expect((await route('lng=200&lat=29&category=r-grid')).status).toBe(400);
    expect((await route('lng=106&lat=29&category=nope')).body.error).toMatchObject({ code: 'UNKNOWN_CATEGORY' });
  });

  test('each tier finds its holder: grid → the first inspector, team → the leader, bureau → the dispatch queue', async () => {
    const leader = await buildUser({ role: 'team_leader' });
    const z = await buildZoneWithCells(t, { team: await buildTeam({ leaderId: leader._id }), cols: 2 });
    const [x, y] = z.cells[1]!.centre;
    const base = { gridId: z.cells[1]!.id, gridCode: z.cells[1]!.code, zoneId: z.zone.id, teamId: String(z.team._id), outside: false, geometryVersion: z.cellsVersion };
    expect(await routeIncident([x, y], 'r-grid')).toEqual({ ...base, tier: 'grid', holderId: z.cells[1]!.inspectorIds[0] });
    expect(await routeIncident([x, y], 'r-team')).toEqual({ ...base, tier: 'team', holderId: String(leader._id) });
    expect(await routeIncident([x, y], 'r-bureau')).toEqual({ ...base, tier: 'bureau', holderId: null });
    const res = await route(`lng=${x}&lat=${y}&category=r-grid`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({
      ...base,
      tier: 'grid',
      holderId: z.cells[1]!.inspectorIds[0],
      labels: {
        grid: { code: z.cells[1]!.code, name: { zh: '测试网格', en: 'Test cell' } },
        zone: { code: z.zone.code, name: { zh: '测试片区', en: '测试片区' } },
        team: { code: z.team.code, name: { zh: '测试中队', en: 'Test Team' } },
      },
    });
  });

  test('a point outside every cell goes to the bureau dispatch queue, flagged', async () => {
    const res = await route('lng=100.5&lat=20.5&category=r-grid');
    expect(res.body.data).toMatchObject({ gridId: null, zoneId: null, teamId: null, tier: 'bureau', holderId: null, outside: true });
    expect(res.body.data.geometryVersion).toEqual(expect.any(Number));
  });

  test('a point on the edge shared by two cells always goes to the lower code', async () => {
    const z = await buildZoneWithCells(t, { cols: 2, rows: 2 });
    const [x0, y0] = z.origin;
    const edge: [number, number] = [x0 + z.size, y0 + z.size / 2];
    const vertex: [number, number] = [x0 + z.size, y0 + z.size];
    const lowest = [...z.cells].sort((a, b) => (a.code < b.code ? -1 : 1));
    for (let i = 0; i < 3; i++) {
      expect((await routeIncident(edge, 'r-grid')).gridCode).toBe(z.cells[0]!.code);
      expect((await routeIncident(vertex, 'r-grid')).gridCode).toBe(lowest[0]!.code);
    }
  });

  test('a domain team takes its domain\'s cases anywhere; other domains stay with the zone team', async () => {
    const marketLeader = await buildUser({ role: 'team_leader' });
    const market = await buildTeam({ domains: ['market'], leaderId: marketLeader._id });
    const z = await buildZoneWithCells(t);
    const p = z.cells[0]!.centre;
    expect(await routeIncident(p, 'r-market')).toMatchObject({ teamId: String(market._id), tier: 'team', holderId: String(marketLeader._id), gridId: z.cells[0]!.id });
    expect(await routeIncident(p, 'r-market-grid')).toMatchObject({ teamId: String(market._id), tier: 'grid', holderId: z.cells[0]!.inspectorIds[0] });
    expect(await routeIncident(p, 'r-team')).toMatchObject({ teamId: String(z.team._id) });
  });

  test('a geometry update through the API is seen by the router at once, without a restart', async () => {
    const z = await buildZoneWithCells(t, { cols: 2 });
    const p = z.cells[1]!.centre;
    expect(await routeIncident(p, 'r-grid')).toMatchObject({ gridCode: z.cells[1]!.code, geometryVersion: z.cellsVersion });
    const admin = bearer(t, await buildUser({ role: 'admin' }));
    const current = await t.http().get('/api/v1/geo/grid-cells').set('Authorization', admin);
    const features = current.body.data.features.filter((f: { properties: { code: string } }) => f.properties.code !== z.cells[1]!.code);
    const res = await t.http().post('/api/v1/geo/imports').set('Authorization', admin).send({ kind: 'grid-cells', featureCollection: { type: 'FeatureCollection', features } });
    expect(res.status).toBe(202);
    for (let i = 0; i < 200 && (await t.http().get(`/api/v1/geo/imports/${res.body.data.id}`).set('Authorization', admin)).body.data.status !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await routeIncident(p, 'r-grid')).toMatchObject({ gridId: null, outside: true, geometryVersion: z.cellsVersion + 1 });
  });

  test('a version activated by another API process is noticed within the pointer check interval', async () => {
    const z = await buildZoneWithCells(t, { cols: 1 });
    const p = z.cells[0]!.centre;
    expect((await routeIncident(p, 'r-grid')).gridId).toBe(z.cells[0]!.id);
    // Another process writes and activates a version directly; this process gets no notification.
    const now = t.clock.now();
    const version = await claimVersion('grid-cells', { importId: null, createdBy: null, sourceHash: null, at: now });
    const ring = rect(p[0] - 0.0001, p[1] - 0.0001, p[0] + 0.0001, p[1] + 0.0001);
    const feature = { id: new Types.ObjectId(z.cells[0]!.id), code: z.cells[0]!.code, parentId: new Types.ObjectId(z.zone.id), ...flatten({ type: 'Polygon', coordinates: [ring] }) };
    await writeChunk('grid-cells', version, 0, [feature]);
    await finishLayer('grid-cells', version, { status: 'complete', featureCount: 1, chunkCount: 1 });
    await activate('grid-cells', version, now);
    let seen = (await routeIncident(p, 'r-grid')).geometryVersion;
    for (let i = 0; i < 60 && seen !== version; i++) {
      await new Promise((r) => setTimeout(r, 50));
      seen = (await routeIncident(p, 'r-grid')).geometryVersion;
    }
    expect(seen).toBe(version);
    expect((await routeIncident([p[0] + 0.0005, p[1]], 'r-grid')).outside).toBe(true);
  });

  test('zones added one after another all stay routable (each import carries the whole layer)', async () => {
    const a = await buildZoneWithCells(t);
    const b = await buildZoneWithCells(t);
    expect((await routeIncident(a.cells[0]!.centre, 'r-grid')).gridId).toBe(a.cells[0]!.id);
    expect((await routeIncident(b.cells[0]!.centre, 'r-grid')).gridId).toBe(b.cells[0]!.id);
  });
});
