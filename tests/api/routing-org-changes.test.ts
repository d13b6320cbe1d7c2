import type { Domain, Tier } from '../../backend/src/contracts';
import { OrgStampModel, TeamModel } from '../../backend/src/modules/org';
import { useTestApp } from '../support/app';
import { bearer, buildUser, uniq } from '../support/factories';
import { buildTeam, buildZoneWithCells } from '../support/geo-factories';

/**
 * The router keeps teams, zones and cells in memory (route-facts.service.ts). Every change made
 * through the API must be seen by the very next routing call, and a change made by another API
 * process (which only moves the shared org stamp) within the org check interval.
 */
describe('routing sees organisation and catalogue changes at once', () => {
  const t = useTestApp();
  let admin: string;
  let auth: string;
  beforeAll(async () => {
    admin = bearer(t, await buildUser({ role: 'admin' }));
    auth = bearer(t, await buildUser({ role: 'dispatcher' }));
  });
  const category = async (domain: Domain, defaultTier: Tier) => {
    const code = uniq('oc-');
    const res = await t.http().post('/api/v1/categories').set('Authorization', admin).send({
      code,
      name: { zh: code, en: code },
      domain,
      defaultTier,
      deadlines: { file: 2, dispatch: 1, handle: 24, verify: 24 },
      urgentDeadlines: null,
      legalBasis: '《城市市容和环境卫生管理条例》第十四条',
      coAgencies: [],
      penaltyCapable: true,
    });
    expect(res.status).toBe(201);
    return code;
  };
  const route = async (p: [number, number], code: string) => {
    const res = await t.http().get('/api/v1/geo/route').query({ lng: p[0], lat: p[1], category: code }).set('Authorization', auth);
    expect(res.status).toBe(200);
    return res.body.data as { teamId: string | null; tier: Tier; holderId: string | null; labels: { team: { code: string } | null } };
  };
  const locate = async (p: [number, number], code: string) =>
    (await t.http().get('/api/v1/routing/locate').query({ lng: p[0], lat: p[1], category: code }).set('Authorization', auth)).body.data as {
      inspectorIds: string[];
      holderId: string | null;
    };
  const patch = (path: string, body: object) => t.http().patch(`/api/v1/${path}`).set('Authorization', admin).send(body);

  test('a new team leader holds the next team-tier case', async () => {
    const z = await buildZoneWithCells(t, { team: await buildTeam({ leaderId: (await buildUser({ role: 'team_leader' }))._id }) });
    const code = await category('city_appearance', 'team');
    const p = z.cells[0]!.centre;
    expect((await route(p, code)).holderId).toBe(String(z.team.leaderId));
    const next = await buildUser({ role: 'team_leader' });
    expect((await patch(`org/teams/${String(z.team._id)}`, { leaderId: String(next._id) })).status).toBe(200);
    expect(await route(p, code)).toMatchObject({ teamId: String(z.team._id), tier: 'team', holderId: String(next._id) });
    expect((await patch(`org/teams/${String(z.team._id)}`, { leaderId: null })).status).toBe(200);
    expect(await route(p, code)).toMatchObject({ tier: 'team', holderId: null });
  });

  test('a zone moved to another zone team routes to that team at once, label included', async () => {
    const z = await buildZoneWithCells(t);
    const other = await buildTeam({ leaderId: (await buildUser({ role: 'team_leader' }))._id });
    const code = await category('city_appearance', 'team');
    const p = z.cells[1]!.centre;
    expect((await route(p, code)).teamId).toBe(String(z.team._id));
    expect((await patch(`org/zones/${z.zone.id}`, { teamId: String(other._id) })).status).toBe(200);
    expect(await route(p, code)).toMatchObject({ teamId: String(other._id), holderId: String(other.leaderId), labels: { team: { code: other.code } } });
  });

  test('new responsible inspectors of a cell hold its next grid-tier case', async () => {
    const z = await buildZoneWithCells(t);
    const code = await category('city_appearance', 'grid');
    const p = z.cells[0]!.centre;
    expect((await locate(p, code)).inspectorIds).toEqual(z.cells[0]!.inspectorIds);
    const [a, b] = [await buildUser({ role: 'inspector' }), await buildUser({ role: 'inspector' })];
    expect((await patch(`org/cells/${z.cells[0]!.id}`, { inspectorIds: [String(a._id), String(b._id)] })).status).toBe(200);
    expect(await locate(p, code)).toMatchObject({ inspectorIds: [String(a._id), String(b._id)], holderId: String(a._id) });
    // No inspector left: grid cases go up to the team tier.
    expect((await patch(`org/cells/${z.cells[0]!.id}`, { inspectorIds: [] })).status).toBe(200);
    expect(await route(p, code)).toMatchObject({ tier: 'team', holderId: null });
  });

  test('a category\'s new tier or domain applies to the next call', async () => {
    const z = await buildZoneWithCells(t);
    const code = await category('city_appearance', 'grid');
    const p = z.cells[0]!.centre;
    expect((await route(p, code)).tier).toBe('grid');
    expect((await patch(`categories/${code}`, { defaultTier: 'bureau' })).status).toBe(200);
    expect(await route(p, code)).toMatchObject({ tier: 'bureau', holderId: null });
    const water = await buildTeam({ domains: ['water'] });
    expect((await patch(`categories/${code}`, { domain: 'water' })).status).toBe(200);
    expect((await route(p, code)).teamId).toBe(String(water._id));
  });

  test('a domain team created, then deactivated, through the API takes its domain, then gives it back', async () => {
    const z = await buildZoneWithCells(t);
    const code = await category('health', 'team');
    const p = z.cells[0]!.centre;
    expect((await route(p, code)).teamId).toBe(String(z.team._id));
    const leader = await buildUser({ role: 'team_leader' });
    const created = await t.http().post('/api/v1/org/teams').set('Authorization', admin).send({
      code: uniq('D-'),
      name: { zh: '卫生中队', en: 'Health team' },
      kind: 'domain',
      domains: ['health'],
      leaderId: String(leader._id),
    });
    expect(created.status).toBe(201);
    expect(await route(p, code)).toMatchObject({ teamId: created.body.data.id, holderId: String(leader._id) });
    expect((await patch(`org/teams/${created.body.data.id}`, { active: false })).status).toBe(200);
    expect((await route(p, code)).teamId).toBe(String(z.team._id));
  });

  test('a change written by another API process is seen once its org stamp moves', async () => {
    const z = await buildZoneWithCells(t, { team: await buildTeam({ leaderId: (await buildUser({ role: 'team_leader' }))._id }) });
    const code = await category('city_appearance', 'team');
    const p = z.cells[0]!.centre;
    expect((await route(p, code)).holderId).toBe(String(z.team.leaderId));
    // Another process: its own write to the team, then its new stamp. This process is not told.
    const next = await buildUser({ role: 'team_leader' });
    await TeamModel.updateOne({ _id: z.team._id }, { $set: { leaderId: next._id } });
    await OrgStampModel.updateOne({ _id: 'org' }, { $set: { stamp: uniq('other-') } }, { upsert: true });
    let holder = (await route(p, code)).holderId;
    for (let i = 0; i < 60 && holder !== String(next._id); i++) {
      await new Promise((r) => setTimeout(r, 50));
      holder = (await route(p, code)).holderId;
    }
    expect(holder).toBe(String(next._id));
  });
});
