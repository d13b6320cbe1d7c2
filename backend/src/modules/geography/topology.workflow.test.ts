import { EdgeSet } from './edge-set.workflow';
import { bboxOf, type PolygonRings } from './flat-geometry.workflow';
import { OverlapFinder, areaOf, insideRatio, type Shape } from './topology.workflow';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonRings => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const shape = (index: number, ...parts: PolygonRings[]): Shape => ({ index, parts, bbox: bboxOf(parts) });
const overlaps = (shapes: Shape[]) => {
  const finder = new OverlapFinder(shapes, shapes.map((s) => areaOf(s.parts)));
  return shapes.flatMap((_, i) => finder.overlapsOf(i));
};

describe('OverlapFinder', () => {
  test('neighbours sharing an edge or a vertex do not overlap', () => {
    expect(overlaps([shape(0, rect(106, 29, 106.01, 29.01)), shape(1, rect(106.01, 29, 106.02, 29.01)), shape(2, rect(106.01, 29.01, 106.02, 29.02))])).toEqual([]);
  });

  test('a cell overlapping its neighbour by a quarter is reported with area and share', () => {
    const found = overlaps([shape(4, rect(106, 29, 106.01, 29.01)), shape(9, rect(106.0075, 29, 106.0175, 29.01))]);
    expect(found).toEqual([{ a: 4, b: 9, area: expect.any(Number), ratio: expect.closeTo(0.25, 2) }]);
    expect(found[0]!.area).toBeGreaterThan(20000);
  });

  test('identical cells overlap completely (every vertex on the other boundary)', () => {
    expect(overlaps([shape(0, rect(106, 29, 106.01, 29.01)), shape(1, rect(106, 29, 106.01, 29.01))])).toEqual([
      { a: 0, b: 1, area: expect.any(Number), ratio: expect.closeTo(1, 3) },
    ]);
  });

  test('a cell inside another one, touching nothing, overlaps', () => {
    expect(overlaps([shape(0, rect(106, 29, 106.01, 29.01)), shape(1, rect(106.004, 29.004, 106.006, 29.006))])).toHaveLength(1);
  });

  test('a half-overlap sharing an edge line (no crossing edges) is found', () => {
    expect(overlaps([shape(0, rect(106, 29, 106.02, 29.02)), shape(1, rect(106, 29.01, 106.02, 29.03))])).toEqual([
      { a: 0, b: 1, area: expect.any(Number), ratio: expect.closeTo(0.5, 2) },
    ]);
  });

  test('a sliver under 0.5 % of the smaller cell is tolerated', () => {
    expect(overlaps([shape(0, rect(106, 29, 106.01, 29.01)), shape(1, rect(106.00998, 29, 106.02, 29.01))])).toEqual([]);
  });

  test('a cell sitting in the other one\'s hole does not overlap it', () => {
    const donut: PolygonRings = [rect(106, 29, 106.03, 29.03)[0]!, [[106.01, 29.01], [106.01, 29.02], [106.02, 29.02], [106.02, 29.01], [106.01, 29.01]]];
    expect(overlaps([shape(0, donut), shape(1, rect(106.01, 29.01, 106.02, 29.02))])).toEqual([]);
  });
});

describe('insideRatio', () => {
  const zone = new EdgeSet([rect(106, 29, 106.03, 29.03)]);
  const ratio = (s: Shape) => insideRatio(s, zone, areaOf(s.parts));

  test('a cell inside its zone, or along its boundary, is wholly inside', () => {
    expect(ratio(shape(0, rect(106.01, 29.01, 106.02, 29.02)))).toBe(1);
    expect(ratio(shape(0, rect(106, 29, 106.01, 29.01)))).toBe(1);
  });

  test('a cell half outside its zone is half inside', () => {
    expect(ratio(shape(0, rect(106.025, 29.01, 106.035, 29.02)))).toBeCloseTo(0.5, 2);
  });

  test('a cell just over the boundary within tolerance stays above 99.5 %', () => {
    expect(ratio(shape(0, rect(106.02, 29.01, 106.03002, 29.02)))).toBeGreaterThan(0.995);
  });

  test('a cell covering a hole of its zone is not wholly inside', () => {
    const holed = new EdgeSet([[rect(106, 29, 106.03, 29.03)[0]!, [[106.012, 29.012], [106.012, 29.018], [106.018, 29.018], [106.018, 29.012], [106.012, 29.012]]]]);
    const s = shape(0, rect(106.01, 29.01, 106.02, 29.02));
    expect(insideRatio(s, holed, areaOf(s.parts))).toBeCloseTo(0.64, 2);
  });

  test('a cell outside its zone entirely has nothing inside', () => {
    expect(ratio(shape(0, rect(106.1, 29.1, 106.11, 29.11)))).toBe(0);
  });
});
