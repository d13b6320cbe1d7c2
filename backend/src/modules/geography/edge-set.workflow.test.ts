import { EPS, EdgeSet, properCross } from './edge-set.workflow';
import { INSIDE, ON_BOUNDARY, OUTSIDE } from './planar.workflow';

describe('EdgeSet', () => {
  const square = new EdgeSet([[[[0, 0], [0.3, 0], [0.3, 0.3], [0, 0.3], [0, 0]]]]);

  test('locates points inside, outside and on edges, with a tolerance for computed midpoints', () => {
    expect(square.locate(0.1, 0.1)).toBe(INSIDE);
    expect(square.locate(0.4, 0.1)).toBe(OUTSIDE);
    expect(square.locate(0.3, 0.3)).toBe(ON_BOUNDARY);
    // (0.1 + 0.2) / 2 is not exactly 0.15 in floating point: still on the edge.
    expect(square.locate((0.1 + 0.2) / 2, 0)).toBe(ON_BOUNDARY);
    expect(square.locate(0.15, EPS / 2)).toBe(ON_BOUNDARY);
    expect(square.locate(0.15, EPS * 10)).toBe(INSIDE);
  });

  test('a large ring is indexed and answers the same', () => {
    const ring: [number, number][] = Array.from({ length: 200 }, (_, i) => [Math.cos((2 * Math.PI * i) / 200), Math.sin((2 * Math.PI * i) / 200)]);
    ring.push(ring[0]!);
    const circle = new EdgeSet([[ring]]);
    expect(circle.locate(0, 0)).toBe(INSIDE);
    expect(circle.locate(1, 0)).toBe(ON_BOUNDARY);
    expect(circle.locate(1.1, 0)).toBe(OUTSIDE);
    expect(circle.near(0.95, -0.01, 1.05, 0.01).length).toBeGreaterThan(0);
  });

  test('crossing edges are proper crossings; touching and collinear ones are not', () => {
    expect(square.crosses(0.1, -0.1, 0.1, 0.1)).toBe(true);
    expect(square.crosses(0.1, 0, 0.1, 0.1)).toBe(false);
    expect(square.crosses(0.3, 0.1, 0.3, 0.2)).toBe(false);
    expect(properCross(0, 0, 1, 1, 0, 1, 1, 0)).toBe(true);
    expect(properCross(0, 0, 1, 0, 0.5, 0, 2, 0)).toBe(false);
  });
});
