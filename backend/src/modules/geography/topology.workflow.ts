import { area, featureCollection, intersect, multiPolygon } from '@turf/turf';
import { Flatbush } from './flatbush.adapter';
import { bboxesOverlap, type BBox, type PolygonRings, type Position } from './flat-geometry.workflow';
import { INSIDE, ON_BOUNDARY, OUTSIDE, edgesOf, interiorPoint, locateInParts, properlyCross, samplePoints, type Location } from './planar.workflow';

/** A cell must have at least this share of its area inside its zone. */
export const MIN_INSIDE_RATIO = 0.995;
/** Two cells may share at most this share of the smaller one's area (digitising slivers). */
export const MAX_OVERLAP_RATIO = 0.005;

export interface Shape {
  index: number;
  parts: PolygonRings[];
  bbox: BBox;
}

/** Geodesic area in m² of the intersection of two polygon sets (turf / polyclip). */
function intersectionArea(a: PolygonRings[], b: PolygonRings[]): number {
  const hit = intersect(featureCollection([multiPolygon(a), multiPolygon(b)]));
  return hit ? area(hit) : 0;
}

export const areaOf = (parts: PolygonRings[]) => area(multiPolygon(parts));

/**
 * Edges of a large polygon set (a zone) in a flatbush, so that locating a point or testing a
 * segment costs a few edges instead of all of them.
 */
export class EdgeIndex {
  private readonly edges: Float64Array;
  private readonly index: Flatbush | null;
  readonly maxX: number;

  constructor(readonly parts: PolygonRings[]) {
    const list = [...edgesOf(parts)];
    this.edges = new Float64Array(list.length * 4);
    this.index = list.length ? new Flatbush(list.length) : null;
    let maxX = -Infinity;
    list.forEach(([a, b], i) => {
      this.edges.set([a[0], a[1], b[0], b[1]], i * 4);
      this.index!.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
      maxX = Math.max(maxX, a[0], b[0]);
    });
    this.index?.finish();
    this.maxX = maxX;
  }

  private edge(i: number): [Position, Position] {
    const e = this.edges;
    return [[e[4 * i]!, e[4 * i + 1]!], [e[4 * i + 2]!, e[4 * i + 3]!]];
  }

  /** Ray casting to the east over the edges the ray meets; a point on an edge is ON_BOUNDARY. */
  locate([x, y]: Position): Location {
    if (!this.index) return OUTSIDE;
    let inside = false;
    for (const i of this.index.search(x, y, Math.max(x, this.maxX), y)) {
      const [[ax, ay], [bx, by]] = this.edge(i);
      const cross = (bx - ax) * (y - ay) - (by - ay) * (x - ax);
      if (cross === 0 && x >= Math.min(ax, bx) && x <= Math.max(ax, bx) && y >= Math.min(ay, by) && y <= Math.max(ay, by)) return ON_BOUNDARY;
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    }
    return inside ? INSIDE : OUTSIDE;
  }

  /** Edges within a box (their end points are the polygon's vertices there). */
  edgesIn(b: BBox): [Position, Position][] {
    return this.index ? this.index.search(b[0], b[1], b[2], b[3]).map((i) => this.edge(i)) : [];
  }
}

/**
 * Quick, conservative test that a small shape lies within a zone: all its vertices and edge
 * midpoints are in or on the zone, no edges cross, and no zone vertex or edge midpoint is
 * strictly inside the shape. False means "not sure", never "outside".
 */
function surelyWithin(s: Shape, zone: EdgeIndex): boolean {
  for (const p of samplePoints(s.parts)) if (zone.locate(p) === OUTSIDE) return false;
  const near = zone.edgesIn(s.bbox);
  for (const [c, d] of near) {
    if (locateInParts(c, s.parts) === INSIDE) return false;
    if (locateInParts([(c[0] + d[0]) / 2, (c[1] + d[1]) / 2], s.parts) === INSIDE) return false;
    for (const [a, b] of edgesOf(s.parts)) if (properlyCross(a, b, c, d)) return false;
  }
  return true;
}

/** Share of a shape's area that lies inside the zone (1 when the quick test settles it). */
export function insideRatio(s: Shape, zone: EdgeIndex, shapeArea: number): number {
  if (surelyWithin(s, zone)) return 1;
  return shapeArea > 0 ? intersectionArea(s.parts, zone.parts) / shapeArea : 0;
}

/**
 * Quick test that two shapes' interiors may meet: any proper edge crossing, or a vertex, edge
 * midpoint or interior point of one strictly inside the other. False means "surely disjoint"
 * (they may still share edges and vertices, as neighbouring cells do).
 */
function mayOverlap(a: Shape, b: Shape): boolean {
  const strictlyIn = (from: Shape, to: Shape) => {
    for (const p of samplePoints(from.parts)) if (locateInParts(p, to.parts) === INSIDE) return true;
    return from.parts.some((part) => {
      const ip = interiorPoint(part);
      return ip !== null && locateInParts(ip, to.parts) !== OUTSIDE;
    });
  };
  for (const [p, q] of edgesOf(a.parts)) for (const [r, s] of edgesOf(b.parts)) if (properlyCross(p, q, r, s)) return true;
  return strictlyIn(a, b) || strictlyIn(b, a);
}

export interface Overlap {
  /** Index (in the import) of the other shape. */
  other: number;
  /** Overlap in m² and as a share of the smaller shape. */
  area: number;
  ratio: number;
}

/**
 * Finds shapes whose overlap exceeds `maxRatio` of the smaller one. Candidate pairs come from a
 * flatbush over the bounding boxes; most neighbours are cleared by the quick test, the rest by an
 * exact intersection area. `overlapsOf(i)` checks shape i against the later ones, so a caller can
 * walk 0…n−1 in slices and yield between them.
 */
export class OverlapFinder {
  private readonly index: Flatbush | null;

  constructor(
    private readonly shapes: Shape[],
    private readonly areas: number[],
    private readonly maxRatio = MAX_OVERLAP_RATIO,
  ) {
    this.index = shapes.length > 1 ? new Flatbush(shapes.length) : null;
    for (const s of shapes) this.index?.add(s.bbox[0], s.bbox[1], s.bbox[2], s.bbox[3]);
    this.index?.finish();
  }

  /** Overlaps of shape i (position in the constructor's list) with shapes after it. */
  overlapsOf(i: number): { a: number; b: number; area: number; ratio: number }[] {
    const a = this.shapes[i]!;
    const out: { a: number; b: number; area: number; ratio: number }[] = [];
    if (!this.index) return out;
    for (const j of this.index.search(a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3])) {
      if (j <= i) continue;
      const b = this.shapes[j]!;
      if (!bboxesOverlap(a.bbox, b.bbox) || !mayOverlap(a, b)) continue;
      const shared = intersectionArea(a.parts, b.parts);
      const smaller = Math.min(this.areas[i]!, this.areas[j]!);
      const ratio = smaller > 0 ? shared / smaller : 1;
      if (ratio > this.maxRatio) out.push({ a: a.index, b: b.index, area: shared, ratio });
    }
    return out;
  }
}
