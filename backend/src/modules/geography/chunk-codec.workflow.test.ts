import { packShapes, unpackShapes } from './chunk-codec.workflow';
import { flatten, unflatten, type PolygonalGeometry } from './flat-geometry.workflow';

describe('packShapes / unpackShapes', () => {
  test('Polygons with holes and MultiPolygons come back exactly, in order', () => {
    const geoms: PolygonalGeometry[] = [
      { type: 'Polygon', coordinates: [[[106.1, 29.1], [106.2, 29.1], [106.2, 29.2], [106.1, 29.1]]] },
      {
        type: 'MultiPolygon',
        coordinates: [
          [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]],
          [[[5, 5], [6, 5], [6, 6], [5, 5]]],
        ],
      },
      { type: 'Polygon', coordinates: [[[-179.9999999, -89.5], [179.9999999, -89.5], [0.1234567, 89.9], [-179.9999999, -89.5]]] },
    ];
    const packed = packShapes(geoms.map(flatten));
    const back = unpackShapes(new Uint8Array(packed.shapes), new Uint8Array(packed.coords), geoms.length);
    expect(back.map(unflatten)).toEqual(geoms);
    expect(packed.coords.length).toBe(8 * geoms.reduce((n, g) => n + flatten(g).coords.length, 0));
  });

  test('an unaligned view of the bytes (as drivers hand them over) decodes the same', () => {
    const packed = packShapes([flatten({ type: 'Polygon', coordinates: [[[1, 2], [3, 4], [5, 7], [1, 2]]] })]);
    const shifted = Buffer.concat([Buffer.from([9]), packed.coords]).subarray(1);
    expect(unpackShapes(packed.shapes, shifted, 1)[0]!.coords).toEqual(new Float64Array([1, 2, 3, 4, 5, 7, 1, 2]));
  });
});
