import { GeoLayerModel, demoStaffPlan, linkDemoStaff, loadDemoGeography, routeIncident } from '../../backend/src/modules/geography';
import { loadCategories } from '../../backend/src/modules/catalogue';
import { cells, teams } from '../../backend/src/modules/org';
import { useTestApp } from '../support/app';
import { buildUser } from '../support/factories';
import { findUserByUsername } from '../../backend/src/modules/users';

describe('demo geography loader (白沙镇)', () => {
  const t = useTestApp();

  test('loads once, is safe to run again, and links the staff created afterwards', async () => {
    const first = await loadDemoGeography(t.ctx);
    expect(first).toMatchObject({ agencies: 6, teams: 7, zonesVersion: 1, cellsVersion: 1, linked: { leaders: 0, cells: 0 } });
    const again = await loadDemoGeography(t.ctx);
    expect(again).toMatchObject({ zonesVersion: 1, cellsVersion: 1 });
    expect(await GeoLayerModel.countDocuments({})).toBe(2);

    const plan = await demoStaffPlan();
    expect(plan.leaders.map((l) => l.username)).toContain('lead-t1');
    const insp = plan.inspectors.find((i) => i.cellCodes.includes('BS-Z1-01') && i.cellCodes.length === 1)!;
    expect(insp).toMatchObject({ username: 'insp-z1-01', gridIds: [expect.any(String)], teamId: expect.any(String) });
    for (const l of plan.leaders) await buildUser({ username: l.username, role: 'team_leader', teamId: l.teamId });
    for (const i of plan.inspectors) await buildUser({ username: i.username, role: 'inspector', gridIds: i.gridIds, teamId: i.teamId });
    const linked = await linkDemoStaff();
    expect(linked).toEqual({ leaders: 7, cells: (await cells.all()).length });
    expect(await linkDemoStaff()).toEqual({ leaders: 0, cells: 0 });

    // The old town's cells have their own inspector first, then the shared assistant (协管员).
    const oldTown = (await cells.all()).find((c) => c.code === 'BS-Z1-01')!;
    const [own, assistant] = await Promise.all([findUserByUsername('insp-z1-01'), findUserByUsername('asst-z1')]);
    expect(oldTown.inspectorIds.map(String)).toEqual([String(own!._id), String(assistant!._id)]);

    await loadCategories();
    const t1 = (await teams.all()).find((x) => x.code === 'BS-T1')!;
    const centre: [number, number] = [106.128, 29.072];
    const routed = await routeIncident(centre, 'street-vending');
    expect(routed).toMatchObject({ teamId: String(t1._id), tier: 'grid', outside: false, geometryVersion: 1 });
    expect(routed.gridCode).toMatch(/^BS-Z1-/);
    expect(String((await cells.byId(routed.gridId!))!.inspectorIds[0])).toBe(routed.holderId);
    const market = (await teams.all()).find((x) => x.code === 'BS-DM')!;
    expect(await routeIncident(centre, 'unlicensed-business')).toMatchObject({ teamId: String(market._id), tier: 'team', holderId: String(market.leaderId) });
  });
});
