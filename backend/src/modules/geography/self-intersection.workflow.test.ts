import { kinks, polygon } from '@turf/turf';
import { mulberry32 } from '../../../../fixtures/geo/lib/prng';
import type { PolygonRings, Position } from './flat-geometry.workflow';
import { firstSelfIntersection } from './self-intersection.workflow';

const close = (pts: Position[]): Position[] => [...pts, pts[0]!];

describe('firstSelfIntersection', () => {
  test('a simple square, with or without a hole, has none', () => {
    expect(firstSelfIntersection([close([[0, 0], [4, 0], [4, 4], [0, 4]])])).toBeNull();
    expect(firstSelfIntersection([close([[0, 0], [4, 0], [4, 4], [0, 4]]), close([[1, 1], [1, 2], [2, 2], [2, 1]])])).toBeNull();
    expect(firstSelfIntersection([close([[0, 0], [1, 0], [0, 1]])])).toBeNull();
  });

  test('a bow tie crosses itself where its edges cross', () => {
    expect(firstSelfIntersection([close([[0, 0], [2, 2], [2, 0], [0, 2]])])).toEqual([1, 1]);
  });

  test('a hole touching its shell, or a ring touching itself at a vertex, meets itself (as kinks says)', () => {
    const touching: PolygonRings = [close([[0, 0], [4, 0], [4, 4], [0, 4]]), close([[0, 2], [1, 1], [1, 3]])];
    expect(firstSelfIntersection(touching)).toEqual([0, 2]);
    expect(kinks(polygon(touching)).features.length).toBeGreaterThan(0);
    expect(firstSelfIntersection([close([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 1]])])).toEqual([1, 1]);
  });

  test('a spike folding back along an edge (collinear overlap) is found, which kinks misses', () => {
    const spike: PolygonRings = [close([[0, 0], [4, 0], [4, 2], [4, 1], [4, 3], [0, 3]])];
    expect(firstSelfIntersection(spike)).not.toBeNull();
  });

  test('agrees with turf kinks on 500 random polygons', () => {
    const rnd = mulberry32(3);
    for (let n = 0; n < 500; n++) {
      const count = 4 + Math.floor(rnd() * 10);
      const star = n % 2 === 0;
      const pts: Position[] = Array.from({ length: count }, (_, i) => {
        if (!star) return [rnd() * 10, rnd() * 10];
        const a = (2 * Math.PI * i) / count;
        const r = 1 + rnd() * 4;
        return [r * Math.cos(a), r * Math.sin(a)];
      });
      const ring = [close(pts)];
      expect({ n, ours: firstSelfIntersection(ring) !== null }).toEqual({ n, ours: kinks(polygon(ring)).features.length > 0 });
    }
  });

  test('a wavy 20,000-vertex ring (a surveyed boundary) is simple', () => {
    const ring: Position[] = Array.from({ length: 20000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 20000;
      return [Math.cos(a) * (1 + 0.01 * Math.sin(50 * a)), Math.sin(a) * (1 + 0.01 * Math.sin(50 * a))];
    });
    expect(firstSelfIntersection([close(ring)])).toBeNull();
  });
});
