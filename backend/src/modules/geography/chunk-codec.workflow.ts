import type { FlatGeometry } from './flat-geometry.workflow';

/**
 * Binary layout of a geometry chunk's shapes, so FerretDB reads 500 cells in tens of
 * milliseconds (it decodes JSON number arrays and sub-documents one value at a time):
 *
 * - `coords`: little-endian IEEE-754 doubles, every feature's flattened [x, y, x, y, …] in turn
 *   (rings closed, as in GeoJSON);
 * - `shapes`: little-endian int32s, per feature: type (0 Polygon, 1 MultiPolygon), vertex count,
 *   ring count, the ring starts (vertex index within the feature), polygon count, the polygon
 *   starts (ring index within the feature).
 *
 * That is FlatGeometry (coords + ringStarts + polyStarts) per feature, packed end to end.
 */
export interface PackedShapes {
  shapes: Buffer;
  coords: Buffer;
}

export function packShapes(list: FlatGeometry[]): PackedShapes {
  const ints: number[] = [];
  let doubles = 0;
  for (const g of list) {
    ints.push(g.type === 'Polygon' ? 0 : 1, g.coords.length / 2, g.ringStarts.length, ...g.ringStarts, g.polyStarts.length, ...g.polyStarts);
    doubles += g.coords.length;
  }
  const shapes = Buffer.alloc(ints.length * 4);
  ints.forEach((v, i) => shapes.writeInt32LE(v, i * 4));
  const coords = Buffer.alloc(doubles * 8);
  let at = 0;
  for (const g of list) for (let i = 0; i < g.coords.length; i++) coords.writeDoubleLE(g.coords[i]!, 8 * at++);
  return { shapes, coords };
}

/** Unpacks `count` shapes; each feature's coords is a view into one Float64Array. */
export function unpackShapes(shapes: Uint8Array, coords: Uint8Array, count: number): FlatGeometry[] {
  const iv = new DataView(shapes.buffer, shapes.byteOffset, shapes.byteLength);
  const dv = new DataView(coords.buffer, coords.byteOffset, coords.byteLength);
  const all = new Float64Array(coords.byteLength / 8);
  for (let i = 0; i < all.length; i++) all[i] = dv.getFloat64(i * 8, true);
  const out: FlatGeometry[] = [];
  let p = 0;
  let at = 0;
  const next = () => iv.getInt32(4 * p++, true);
  for (let f = 0; f < count; f++) {
    const type = next() === 0 ? 'Polygon' : 'MultiPolygon';
    const vertices = next();
    const ringStarts = Array.from({ length: next() }, next);
    const polyStarts = Array.from({ length: next() }, next);
    out.push({ type, coords: all.subarray(at, at + 2 * vertices), ringStarts, polyStarts });
    at += 2 * vertices;
  }
  return out;
}
