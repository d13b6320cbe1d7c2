import { checkFeature, duplicateCodeIssues, type CheckedFeature } from './feature-validation.workflow';

const sq = (x: number, y: number, s = 0.01): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];
const cell = (geometry: unknown, properties: Record<string, unknown> = { code: 'C-1', name: '第1网格', zoneCode: 'Z-1' }) => ({
  type: 'Feature',
  properties,
  geometry,
});
const issuesOf = (geometry: unknown, props?: Record<string, unknown>) => checkFeature('grid-cells', 3, cell(geometry, props)).issues;

describe('checkFeature: geometry', () => {
  test('a valid Polygon with a hole passes, altitudes are dropped', () => {
    const hole = [[106.002, 29.002], [106.002, 29.004], [106.004, 29.004], [106.004, 29.002], [106.002, 29.002]];
    const outer = sq(106, 29).map(([x, y]) => [x!, y!, 250]);
    const r = checkFeature('grid-cells', 0, cell({ type: 'Polygon', coordinates: [outer, hole] }));
    expect(r.issues).toEqual([]);
    expect(r.feature?.parts[0]![0]![0]).toEqual([106, 29]);
    expect(r.feature?.bbox).toEqual([106, 29, 106.01, 29.01]);
  });

  test('repeated consecutive positions are dropped, not reported as kinks', () => {
    const ring = sq(106, 29);
    ring.splice(2, 0, [...ring[1]!]);
    const r = checkFeature('grid-cells', 0, cell({ type: 'Polygon', coordinates: [ring] }));
    expect(r.issues).toEqual([]);
    expect(r.feature?.parts[0]![0]).toHaveLength(5);
  });

  test('a ring that is not closed names the ring', () => {
    const open = sq(106, 29).slice(0, 4).concat([[106, 29.005]]);
    expect(issuesOf({ type: 'Polygon', coordinates: [open] })).toEqual([
      { index: 3, property: 'geometry.coordinates[0]', code: 'RING_NOT_CLOSED', reason: expect.stringContaining('not closed') },
    ]);
  });

  test('a ring of fewer than 4 positions is too short', () => {
    expect(issuesOf({ type: 'Polygon', coordinates: [[[106, 29], [106.01, 29], [106, 29]]] })).toEqual([
      { index: 3, property: 'geometry.coordinates[0]', code: 'RING_TOO_SHORT', reason: expect.stringContaining('at least 4') },
    ]);
  });

  test('a coordinate out of the WGS84 range names the position', () => {
    const ring = sq(106, 29);
    ring[2] = [186, 29.01];
    expect(issuesOf({ type: 'Polygon', coordinates: [ring] })).toEqual([
      { index: 3, property: 'geometry.coordinates[0][2]', code: 'COORDINATE_OUT_OF_RANGE', reason: expect.stringContaining('186') },
    ]);
  });

  test('a latitude beyond 90 is out of range too', () => {
    const ring = sq(106, 29);
    ring[1] = [106.01, 95];
    expect(issuesOf({ type: 'Polygon', coordinates: [ring] })[0]).toMatchObject({ property: 'geometry.coordinates[0][1]', code: 'COORDINATE_OUT_OF_RANGE' });
  });

  test.each([['a string', '106.1'], ['null', null], ['a missing latitude', undefined]])('a coordinate that is %s is not a number', (_label, v) => {
    const ring: unknown[] = sq(106, 29);
    ring[1] = v === undefined ? [106.01] : [v, 29];
    expect(issuesOf({ type: 'Polygon', coordinates: [ring] })).toEqual([
      { index: 3, property: 'geometry.coordinates[0][1]', code: 'COORDINATE_NOT_NUMBER', reason: expect.any(String) },
    ]);
  });

  test('a bow-tie ring self-intersects, with the crossing point in the reason', () => {
    const bowtie = [[106, 29], [106.01, 29.01], [106.01, 29], [106, 29.02], [106, 29]];
    expect(issuesOf({ type: 'Polygon', coordinates: [bowtie] })).toEqual([
      { index: 3, property: 'geometry.coordinates', code: 'SELF_INTERSECTION', reason: 'rings intersect at [106.0066667, 29.0066667]' },
    ]);
  });

  test('a hole crossing its shell is a self-intersection', () => {
    const hole = [[106.005, 29.005], [106.005, 29.02], [106.006, 29.02], [106.006, 29.005], [106.005, 29.005]];
    expect(issuesOf({ type: 'Polygon', coordinates: [sq(106, 29), hole] })[0]).toMatchObject({ code: 'SELF_INTERSECTION' });
  });

  test('a hole outside its shell is refused', () => {
    expect(issuesOf({ type: 'Polygon', coordinates: [sq(106, 29), sq(106.05, 29.05, 0.001)] })).toEqual([
      { index: 3, property: 'geometry.coordinates[1]', code: 'HOLE_OUTSIDE_SHELL', reason: 'hole is not inside its outer ring' },
    ]);
  });

  test('a MultiPolygon error names the part', () => {
    const bowtie = [[106, 29], [106.01, 29.01], [106.01, 29], [106, 29.02], [106, 29]];
    expect(issuesOf({ type: 'MultiPolygon', coordinates: [[sq(106.1, 29)], [bowtie]] })[0]).toMatchObject({
      property: 'geometry.coordinates[1]',
      code: 'SELF_INTERSECTION',
    });
  });

  test('a zero-area ring is degenerate', () => {
    expect(issuesOf({ type: 'Polygon', coordinates: [[[106, 29], [106.01, 29], [106.02, 29], [106, 29]]] })[0]).toMatchObject({ code: 'RING_DEGENERATE' });
  });

  test('points, lines and missing geometries are refused', () => {
    expect(issuesOf({ type: 'Point', coordinates: [106, 29] })[0]).toMatchObject({ property: 'geometry.type', code: 'GEOMETRY_TYPE' });
    expect(issuesOf(null)[0]).toMatchObject({ property: 'geometry', code: 'GEOMETRY_MISSING' });
    expect(checkFeature('zones', 0, { type: 'Polygon' }).issues[0]).toMatchObject({ property: 'type', code: 'FEATURE_INVALID' });
  });
});

describe('checkFeature: properties', () => {
  const poly = { type: 'Polygon', coordinates: [sq(106, 29)] };

  test('cells need a code, a name and a zone; each problem is named', () => {
    expect(issuesOf(poly, { name: 7, zoneId: 'nope' })).toEqual([
      { index: 3, property: 'properties.code', code: 'PROPERTY_MISSING', reason: 'code is required' },
      { index: 3, property: 'properties.name', code: 'PROPERTY_INVALID', reason: expect.any(String) },
      { index: 3, property: 'properties.zoneId', code: 'PROPERTY_INVALID', reason: expect.any(String) },
    ]);
  });

  test('inspector ids must be user ids', () => {
    expect(issuesOf(poly, { code: 'C', name: 'c', zoneCode: 'Z', inspectorIds: ['64b7f0c2a1b2c3d4e5f60718', 'x'] })).toEqual([
      { index: 3, property: 'properties.inspectorIds[1]', code: 'PROPERTY_INVALID', reason: expect.any(String) },
    ]);
  });

  test('zones name their team by id or code; names may be {zh, en}', () => {
    const r = checkFeature('zones', 0, { type: 'Feature', geometry: poly, properties: { code: 'Z-1', name: { zh: '老街片区', en: 'Old Town' }, teamCode: 'T1' } });
    expect(r.feature?.props).toEqual({ code: 'Z-1', name: { zh: '老街片区', en: 'Old Town' }, parent: { code: 'T1' } });
    expect(checkFeature('zones', 0, { type: 'Feature', geometry: poly, properties: { code: 'Z-1', name: 'z' } }).issues).toEqual([
      { index: 0, property: 'properties.teamId', code: 'PROPERTY_MISSING', reason: 'teamId or teamCode is required' },
    ]);
  });

  test('a code used twice is reported on the later feature', () => {
    const f = (index: number, code: string) => ({ index, props: { code } }) as CheckedFeature;
    expect(duplicateCodeIssues([f(0, 'A'), f(1, 'B'), f(2, 'A')])).toEqual([
      { index: 2, property: 'properties.code', code: 'DUPLICATE_CODE', reason: 'code A is also used by feature 0' },
    ]);
  });
});
