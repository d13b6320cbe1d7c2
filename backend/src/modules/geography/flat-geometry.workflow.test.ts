import { bboxOf, flatten, unflatten, type PolygonalGeometry } from './flat-geometry.workflow';

describe('flatten / unflatten', () => {
  test('a Polygon with a hole round-trips through the flat stored form', () => {
    const g: PolygonalGeometry = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
        [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]],
      ],
    };
    const f = flatten(g);
    expect(f).toEqual({ type: 'Polygon', coords: [0, 0, 4, 0, 4, 4, 0, 4, 0, 0, 1, 1, 1, 2, 2, 2, 2, 1, 1, 1], ringStarts: [0, 5], polyStarts: [0] });
    expect(f.coords.every((v) => typeof v === 'number')).toBe(true);
    expect(unflatten(f)).toEqual(g);
  });

  test('a MultiPolygon keeps its parts and their holes apart', () => {
    const g: PolygonalGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [1, 0], [1, 1], [0, 0]]],
        [[[5, 5], [9, 5], [9, 9], [5, 5]], [[6, 5.5], [8, 5.5], [8, 7], [6, 5.5]]],
      ],
    };
    const f = flatten(g);
    expect(f.ringStarts).toEqual([0, 4, 8]);
    expect(f.polyStarts).toEqual([0, 1]);
    expect(unflatten(f)).toEqual(g);
    expect(bboxOf(g.coordinates)).toEqual([0, 0, 9, 9]);
  });
});
