import pointInPolygon from 'point-in-polygon-hao';
import type { BBox, PolygonRings, Position } from './flat-geometry.workflow';

/** Where a point lies relative to a polygonal area. */
export const INSIDE = 1;
export const ON_BOUNDARY = 0;
export const OUTSIDE = -1;
export type Location = typeof INSIDE | typeof ON_BOUNDARY | typeof OUTSIDE;

/**
 * Point in a polygon set (holes and MultiPolygon parts included), exact on edges and vertices:
 * point-in-polygon-hao answers 0 for a point on any ring, including a hole's.
 */
export function locateInParts(p: Position, parts: PolygonRings[]): Location {
  let boundary = false;
  for (const part of parts) {
    const r = pointInPolygon(p, part);
    if (r === true) return INSIDE;
    if (r === 0) boundary = true;
  }
  return boundary ? ON_BOUNDARY : OUTSIDE;
}

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
  (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/** Segments ab and cd cross at a single point interior to both (touching and collinear do not count). */
export function properlyCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const o1 = orient(a[0], a[1], b[0], b[1], c[0], c[1]);
  const o2 = orient(a[0], a[1], b[0], b[1], d[0], d[1]);
  const o3 = orient(c[0], c[1], d[0], d[1], a[0], a[1]);
  const o4 = orient(c[0], c[1], d[0], d[1], b[0], b[1]);
  return ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0));
}

/** Every edge of every ring as [start, end]. */
export function* edgesOf(parts: PolygonRings[]): Generator<[Position, Position]> {
  for (const part of parts) for (const ring of part) for (let i = 0; i + 1 < ring.length; i++) yield [ring[i]!, ring[i + 1]!];
}

/** Vertices and edge midpoints: the sample points the quick topology tests look at. */
export function* samplePoints(parts: PolygonRings[]): Generator<Position> {
  for (const [a, b] of edgesOf(parts)) {
    yield a;
    yield [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
  }
}

/**
 * A point strictly inside one polygon: the middle of the widest interior run of a horizontal
 * scan line (holes included in the crossings), verified; null for a degenerate polygon.
 */
export function interiorPoint(part: PolygonRings): Position | null {
  const outer = part[0];
  if (!outer?.length) return null;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [, y] of outer) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  for (const f of [0.5123, 0.3141, 0.7071, 0.1618, 0.8660]) {
    const y = minY + (maxY - minY) * f;
    const xs: number[] = [];
    for (const [a, b] of edgesOf([part])) {
      if (a[1] > y !== b[1] > y) xs.push(a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1]));
    }
    xs.sort((m, n) => m - n);
    let best: Position | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      if (xs[i + 1]! - xs[i]! > width) {
        width = xs[i + 1]! - xs[i]!;
        best = [(xs[i]! + xs[i + 1]!) / 2, y];
      }
    }
    if (best && locateInParts(best, [part]) === INSIDE) return best;
  }
  return null;
}

export const pointInBBox = (p: Position, b: BBox) => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];
