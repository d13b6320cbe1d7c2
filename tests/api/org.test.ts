import { useTestApp } from '../support/app';
import { bearer, buildUser, uniq } from '../support/factories';
import { buildTeam } from '../support/geo-factories';

describe('organisation reference data: /api/v1/org/{teams,zones,cells,agencies}', () => {
  const t = useTestApp();
  let admin: string;
  let inspector: string;
  let dispatcher: string;
  beforeAll(async () => {
    admin = bearer(t, await buildUser({ role: 'admin' }));
    inspector = bearer(t, await buildUser({ role: 'inspector' }));
    dispatcher = bearer(t, await buildUser({ role: 'dispatcher' }));
  });
  const name = { zh: '第一执法中队', en: 'Team 1' };
  const post = (path: string, body: object, auth = admin) => t.http().post(`/api/v1/org/${path}`).set('Authorization', auth).send(body);
  const patch = (path: string, body: object, auth = admin) => t.http().patch(`/api/v1/org/${path}`).set('Authorization', auth).send(body);
  const get = (path: string, auth = inspector) => t.http().get(`/api/v1/org/${path}`).set('Authorization', auth);

  test.each(['teams', 'zones', 'cells', 'agencies'])('/org/%s: 401 without a token, 403 for non-admin writes, readable by all', async (kind) => {
    expect((await t.http().get(`/api/v1/org/${kind}`)).status).toBe(401);
    expect((await t.http().post(`/api/v1/org/${kind}`).send({})).status).toBe(401);
    expect((await post(kind, {}, dispatcher)).status).toBe(403);
    expect((await patch(`${kind}/64b7f0c2a1b2c3d4e5f60718`, {}, inspector)).status).toBe(403);
    const list = await get(kind);
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ data: expect.any(Array), meta: { nextCursor: null } });
    expect((await get(`${kind}/64b7f0c2a1b2c3d4e5f60718`)).status).toBe(404);
  });

  test('teams: an admin creates zone and domain teams; leaders must be team leaders; codes are unique', async () => {
    const leader = await buildUser({ role: 'team_leader' });
    const zoneTeam = await post('teams', { code: 'T-1', name, kind: 'zone', leaderId: String(leader._id), colour: '#1f77b4' });
    expect(zoneTeam.status).toBe(201);
    expect(zoneTeam.body.data).toEqual({ id: expect.any(String), code: 'T-1', name, kind: 'zone', domains: [], leaderId: String(leader._id), colour: '#1f77b4', active: true });
    const domain = await post('teams', { code: 'T-M', name, kind: 'domain', domains: ['market'] });
    expect(domain.body.data).toMatchObject({ kind: 'domain', domains: ['market'], leaderId: null });
    expect((await post('teams', { code: 'T-X', name, kind: 'domain' })).status).toBe(400);
    expect((await post('teams', { code: 'T-1', name, kind: 'zone' })).body.error).toMatchObject({ code: 'CODE_TAKEN' });
    const notLeader = await buildUser({ role: 'inspector' });
    expect((await post('teams', { code: 'T-2', name, kind: 'zone', leaderId: String(notLeader._id) })).body.error).toMatchObject({
      code: 'INVALID_REFERENCE',
      details: { path: 'leaderId' },
    });
    const renamed = await patch(`teams/${zoneTeam.body.data.id}`, { name: { zh: '一中队', en: 'First' }, leaderId: null });
    expect(renamed.body.data).toMatchObject({ name: { zh: '一中队', en: 'First' }, leaderId: null });
    expect((await patch(`teams/${domain.body.data.id}`, { domains: [] })).status).toBe(422);
    const domains = await get('teams?kind=domain');
    expect(domains.body.data.map((x: { code: string }) => x.code)).toEqual(['T-M']);
  });

  test('zones belong to zone teams; cells to zones, with inspectors who are inspectors', async () => {
    const team = await buildTeam();
    const domainTeam = await buildTeam({ domains: ['environment'] });
    expect((await post('zones', { code: 'Z-D', name, teamId: String(domainTeam._id) })).body.error).toMatchObject({ code: 'INVALID_REFERENCE' });
    const zone = await post('zones', { code: uniq('Z-'), name: { zh: '老街片区', en: 'Old Town' }, teamId: String(team._id) });
    expect(zone.status).toBe(201);
    const insp = await buildUser({ role: 'inspector' });
    const cell = await post('cells', { code: uniq('C-'), name: { zh: '第1网格', en: 'Grid 1' }, zoneId: zone.body.data.id, inspectorIds: [String(insp._id)] });
    expect(cell.status).toBe(201);
    expect(cell.body.data).toEqual({ id: expect.any(String), code: expect.any(String), name: { zh: '第1网格', en: 'Grid 1' }, zoneId: zone.body.data.id, inspectorIds: [String(insp._id)], village: null });
    const leader = await buildUser({ role: 'team_leader' });
    expect((await patch(`cells/${cell.body.data.id}`, { inspectorIds: [String(leader._id)] })).body.error).toMatchObject({ details: { path: 'inspectorIds.0' } });
    expect((await patch(`cells/${cell.body.data.id}`, { zoneId: zone.body.data.id })).status).toBe(400);
    const mine = await get(`cells?inspectorId=${insp._id}`);
    expect(mine.body.data.map((c: { id: string }) => c.id)).toEqual([cell.body.data.id]);
    const byTeam = await get(`zones?teamId=${team._id}`);
    expect(byTeam.body.data).toEqual([zone.body.data]);
    expect((await post('cells', { code: uniq('C-'), name, zoneId: '64b7f0c2a1b2c3d4e5f60718' })).status).toBe(422);
  });

  test('agencies: stationed and district, paged by code', async () => {
    for (const code of ['ag-a', 'ag-b', 'ag-c']) expect((await post('agencies', { code, name, kind: code === 'ag-c' ? 'district' : 'stationed' })).status).toBe(201);
    const page = await get('agencies?limit=2');
    expect(page.body.data.map((a: { code: string }) => a.code)).toEqual(['ag-a', 'ag-b']);
    const rest = await get(`agencies?limit=2&cursor=${page.body.meta.nextCursor}`);
    expect(rest.body).toMatchObject({ data: [{ code: 'ag-c', kind: 'district' }], meta: { nextCursor: null } });
    const off = await patch(`agencies/${rest.body.data[0].id}`, { active: false });
    expect(off.body.data).toMatchObject({ active: false });
    expect((await get('agencies?kind=district&sort=1')).status).toBe(400);
  });
});
