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

  test('has 3–4 zone teams, 2–3 domain teams, ~5 zones, 30–60 cells and the agencies', () => {
    const kinds = org.teams.map((t: { kind: string }) => t.kind);
    expect(kinds.filter((k: string) => k === 'zone').length).toBeGreaterThanOrEqual(3);
    expect(kinds.filter((k: string) => k === 'domain').length).toBeGreaterThanOrEqual(2);
    expect(zones).toHaveLength(5);
    expect(cells.length).toBeGreaterThanOrEqual(30);
    expect(cells.length).toBeLessThanOrEqual(60);
    expect(org.agencies.map((a: { code: string }) => a.code)).toEqual(
      expect.arrayContaining(['police', 'market-regulation', 'tax', 'planning-resources']),
    );
  });

  test('lies around 白沙镇 (lng 106.128, lat 29.072)', () => {
    for (const c of cells) {
      expect(Math.abs(c.bbox[0] - 106.128)).toBeLessThan(0.06);
      expect(Math.abs(c.bbox[1] - 29.072)).toBeLessThan(0.05);
    }
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
