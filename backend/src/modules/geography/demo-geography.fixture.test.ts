import { EdgeSet } from './edge-set.workflow';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkFeature, type CheckedFeature } from './feature-validation.workflow';
import { MIN_INSIDE_RATIO, OverlapFinder, areaOf, insideRatio } from './topology.workflow';
import { DEMO_GEO_DIR } from './demo-geography.loader';

const read = (file: string) => JSON.parse(readFileSync(path.join(DEMO_GEO_DIR, file), 'utf8'));

describe('fixtures/geo: the 白沙镇 demo geography', () => {
  const org = read('baisha-org.json');
  const zonesFc = read('baisha-zones.geojson');
  const cellsFc = read('baisha-grid-cells.geojson');
  const check = (kind: 'zones' | 'grid-cells', features: unknown[]) =>
    features.map((f, i) => {
      const r = checkFeature(kind, i, f);
      expect(r.issues).toEqual([]);
      return r.feature!;
    });
  const zones = check('zones', zonesFc.features);
  const cells = check('grid-cells', cellsFc.features);

  test('has 3–4 zone teams owning one or two zones each, 2–3 domain teams, 4–6 zones, ~150 cells and the agencies', () => {
    const kinds = org.teams.map((t: { kind: string }) => t.kind);
    expect(kinds.filter((k: string) => k === 'zone').length).toBeGreaterThanOrEqual(3);
    expect(kinds.filter((k: string) => k === 'domain').length).toBeGreaterThanOrEqual(2);
    expect(kinds.filter((k: string) => k === 'domain').length).toBeLessThanOrEqual(3);
    expect(zones.length).toBeGreaterThanOrEqual(4);
    expect(zones.length).toBeLessThanOrEqual(6);
    const zonesPerTeam = new Map<string, number>();
    for (const z of zonesFc.features) zonesPerTeam.set(z.properties.teamCode, (zonesPerTeam.get(z.properties.teamCode) ?? 0) + 1);
    for (const t of org.teams.filter((x: { kind: string }) => x.kind === 'zone')) expect([1, 2]).toContain(zonesPerTeam.get(t.code));
    expect(cells.length).toBeGreaterThanOrEqual(130);
    expect(cells.length).toBeLessThanOrEqual(180);
    expect(org.agencies.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['police', 'market-regulation', 'tax', 'planning-resources']),
    );
  });

  test('lies around 白沙镇 (lng 106.128, lat 29.072)', () => {
    for (const c of cells) {
      expect(Math.abs(c.bbox[0] - 106.128)).toBeLessThan(0.08);
      expect(Math.abs(c.bbox[1] - 29.072)).toBeLessThan(0.06);
    }
  });

  test("the town's 24 villages and communities: each cell names one, each village lies in one zone", () => {
    expect(org.villages).toHaveLength(24);
    const zoneOfVillage = new Map<string, string>();
    for (const f of cellsFc.features) {
      const v = f.properties.village;
      expect(org.villages.map((x: { code: string }) => x.code)).toContain(v.code);
      expect(f.properties.name.zh.startsWith(v.name.zh)).toBe(true);
      expect(zoneOfVillage.get(v.code) ?? f.properties.zoneCode).toBe(f.properties.zoneCode);
      zoneOfVillage.set(v.code, f.properties.zoneCode);
    }
    expect(zoneOfVillage.size).toBe(24);
  });

  test('cells tile their zones: each inside its zone, none overlapping', () => {
    const zoneIndex = new Map(zones.map((z) => [z.props.code, new EdgeSet(z.parts)]));
    for (const c of cells) expect(insideRatio(c, zoneIndex.get(c.props.parent.code!)!, areaOf(c.parts))).toBeGreaterThanOrEqual(MIN_INSIDE_RATIO);
    const overlaps = (list: CheckedFeature[]) => {
      const finder = new OverlapFinder(list, list.map((f) => areaOf(f.parts)));
      return list.flatMap((_, i) => finder.overlapsOf(i));
    };
    expect(overlaps(cells)).toEqual([]);
    expect(overlaps(zones)).toEqual([]);
  });

  test('every cell has an expected inspector and every team an expected leader', () => {
    const staffed = new Set(org.staff.inspectors.flatMap((i: { cells: string[] }) => i.cells));
    for (const c of cells) expect(staffed).toContain(c.props.code);
    expect(org.staff.leaders.map((l: { teamCode: string }) => l.teamCode).sort()).toEqual(org.teams.map((t: { code: string }) => t.code).sort());
  });
});
