/**
 * Polygon geometry in GeoJSON order ([lng, lat], WGS84) and its flattened stored form.
 * FerretDB v1 cannot store nested arrays, so a Polygon/MultiPolygon is kept as one flat
 * coordinate list plus offsets: `coords = [x0, y0, x1, y1, …]` (rings closed, as in GeoJSON),
 * `ringStarts[r]` = index of ring r's first vertex, `polyStarts[p]` = index of polygon p's first
 * ring (its outer ring; the holes follow). Ends are implied by the next start or the total.
 */
export type Position = [number, number];
export type Ring = Position[];
/** One polygon: the outer ring, then its holes. */
export type PolygonRings = Ring[];
export type BBox = [number, number, number, number];

export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: PolygonRings }
  | { type: 'MultiPolygon'; coordinates: PolygonRings[] };

export interface FlatGeometry {
  type: 'Polygon' | 'MultiPolygon';
  /** A plain array when built, a Float64Array view when read back from storage. */
  coords: ArrayLike<number>;
  ringStarts: number[];
  polyStarts: number[];
}

/** The polygons of a geometry (one for a Polygon). */
export function partsOf(g: PolygonalGeometry): PolygonRings[] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function flatten(g: PolygonalGeometry): FlatGeometry & { coords: number[] } {
  const coords: number[] = [];
  const ringStarts: number[] = [];
  const polyStarts: number[] = [];
  for (const part of partsOf(g)) {
    polyStarts.push(ringStarts.length);
    for (const ring of part) {
      ringStarts.push(coords.length / 2);
      for (const [x, y] of ring) coords.push(x, y);
    }
  }
  return { type: g.type, coords, ringStarts, polyStarts };
}

/** Polygons of a flattened geometry, as nested arrays again. */
export function unflattenParts(f: Pick<FlatGeometry, 'coords' | 'ringStarts' | 'polyStarts'>): PolygonRings[] {
  const vertexCount = f.coords.length / 2;
  const rings: Ring[] = f.ringStarts.map((start, r) => {
    const end = f.ringStarts[r + 1] ?? vertexCount;
    const ring: Ring = [];
    for (let v = start; v < end; v++) ring.push([f.coords[2 * v]!, f.coords[2 * v + 1]!]);
    return ring;
  });
  return f.polyStarts.map((start, p) => rings.slice(start, f.polyStarts[p + 1] ?? rings.length));
}

export function unflatten(f: FlatGeometry): PolygonalGeometry {
  const parts = unflattenParts(f);
  return f.type === 'Polygon' ? { type: 'Polygon', coordinates: parts[0] ?? [] } : { type: 'MultiPolygon', coordinates: parts };
}

/** Bounding box of the outer rings (holes lie inside them). */
export function bboxOf(parts: PolygonRings[]): BBox {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const part of parts) {
    for (const [x, y] of part[0] ?? []) {
      if (x < minX) minX = x;
      if (y < minY) minY = y;
      if (x > maxX) maxX = x;
      if (y > maxY) maxY = y;
    }
  }
  return [minX, minY, maxX, maxY];
}

/** Twice the signed planar area of a closed ring (positive when counter-clockwise). */
export function ringArea2(ring: Ring): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s;
}

export const bboxesOverlap = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
