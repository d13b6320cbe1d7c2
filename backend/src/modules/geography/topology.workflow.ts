import { area, featureCollection, intersect, multiPolygon } from '@turf/turf';
import { EPS, EdgeSet } from './edge-set.workflow';
import { Flatbush } from './flatbush.adapter';
import type { BBox, PolygonRings, Position } from './flat-geometry.workflow';
import { INSIDE, OUTSIDE, interiorPoint } from './planar.workflow';

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

const boxesMeet = (a: BBox, b: BBox) => a[0] <= b[2] + EPS && b[0] <= a[2] + EPS && a[1] <= b[3] + EPS && b[1] <= a[3] + EPS;

/** Does any vertex or edge midpoint of `from` (within `box`) lie where `test` says? */
function anySample(from: EdgeSet, box: BBox, test: (x: number, y: number) => boolean): boolean {
  const e = from.edges;
  for (let i = 0; i < from.count; i++) {
    const ax = e[4 * i]!;
    const ay = e[4 * i + 1]!;
    const mx = (ax + e[4 * i + 2]!) / 2;
    const my = (ay + e[4 * i + 3]!) / 2;
    if (ax >= box[0] - EPS && ax <= box[2] + EPS && ay >= box[1] - EPS && ay <= box[3] + EPS && test(ax, ay)) return true;
    if (mx >= box[0] - EPS && mx <= box[2] + EPS && my >= box[1] - EPS && my <= box[3] + EPS && test(mx, my)) return true;
  }
  return false;
}

/**
 * Quick, conservative test that a cell lies within its zone. When no zone edge comes near the
 * cell, one vertex decides for the whole cell; otherwise every vertex and edge midpoint must be
 * in or on the zone, no edges may cross, and no zone vertex or midpoint may be inside the cell.
 * False means "not sure" (the caller then measures areas), never "outside".
 */
function surelyWithin(cell: EdgeSet, zone: EdgeSet): boolean {
  const b = cell.bbox;
  const nearZone = zone.near(b[0] - EPS, b[1] - EPS, b[2] + EPS, b[3] + EPS);
  const e = cell.edges;
  if (nearZone.length === 0) return zone.locate(e[0]!, e[1]!) === INSIDE;
  if (anySample(cell, cell.bbox, (x, y) => zone.locate(x, y) === OUTSIDE)) return false;
  for (let i = 0; i < cell.count; i++) if (zone.crosses(e[4 * i]!, e[4 * i + 1]!, e[4 * i + 2]!, e[4 * i + 3]!)) return false;
  const z = zone.edges;
  for (let k = 0; k < nearZone.length; k++) {
    const i = nearZone[k]!;
    if (cell.locate(z[4 * i]!, z[4 * i + 1]!) === INSIDE) return false;
    if (cell.locate((z[4 * i]! + z[4 * i + 2]!) / 2, (z[4 * i + 1]! + z[4 * i + 3]!) / 2) === INSIDE) return false;
  }
  return true;
}

/** Share of a cell's area that lies inside the zone (1 when the quick test settles it). */
export function insideRatio(s: Shape | EdgeSet, zone: EdgeSet, shapeArea: number): number {
  const cell = s instanceof EdgeSet ? s : new EdgeSet(s.parts);
  if (surelyWithin(cell, zone)) return 1;
  return shapeArea > 0 ? Math.min(1, intersectionArea(cell.parts, zone.parts) / shapeArea) : 0;
}

/** Interior points of each part (cached per shape). */
const interiors = new WeakMap<EdgeSet, Position[]>();
function interiorsOf(s: EdgeSet): Position[] {
  let pts = interiors.get(s);
  if (!pts) interiors.set(s, (pts = s.parts.map(interiorPoint).filter((p): p is Position => p !== null)));
  return pts;
}

/**
 * Quick test that two shapes' interiors may meet: a proper edge crossing, or a vertex, edge
 * midpoint or interior point of one strictly inside the other. False means "surely disjoint"
 * (they may still share edges and vertices, as neighbouring cells do).
 */
function mayOverlap(a: EdgeSet, b: EdgeSet): boolean {
  const ea = a.edges;
  for (let i = 0; i < a.count; i++) {
    const ax = ea[4 * i]!;
    const ay = ea[4 * i + 1]!;
    const bx = ea[4 * i + 2]!;
    const by = ea[4 * i + 3]!;
    if (Math.max(ax, bx) < b.bbox[0] || Math.min(ax, bx) > b.bbox[2] || Math.max(ay, by) < b.bbox[1] || Math.min(ay, by) > b.bbox[3]) continue;
    if (b.crosses(ax, ay, bx, by)) return true;
  }
  if (anySample(a, b.bbox, (x, y) => b.locate(x, y) === INSIDE)) return true;
  if (anySample(b, a.bbox, (x, y) => a.locate(x, y) === INSIDE)) return true;
  return interiorsOf(a).some(([x, y]) => b.locate(x, y) !== OUTSIDE) || interiorsOf(b).some(([x, y]) => a.locate(x, y) !== OUTSIDE);
}

/**
 * Finds shapes whose overlap exceeds `maxRatio` of the smaller one. Candidate pairs come from a
 * flatbush over the bounding boxes; most neighbours are cleared by the quick test, the rest by an
 * exact intersection area. `overlapsOf(i)` checks shape i against the later ones; call it for
 * i = 0…n−1 in order (slices may yield between them): shape i's prepared edges are then dropped.
 */
export class OverlapFinder {
  private readonly index: Flatbush | null;
  private readonly prepared: (EdgeSet | undefined)[];

  constructor(
    private readonly shapes: Shape[],
    private readonly areas: number[],
    private readonly maxRatio = MAX_OVERLAP_RATIO,
  ) {
    this.prepared = new Array(shapes.length);
    this.index = shapes.length > 1 ? new Flatbush(shapes.length) : null;
    for (const s of shapes) this.index?.add(s.bbox[0], s.bbox[1], s.bbox[2], s.bbox[3]);
    this.index?.finish();
  }

  private edgeSet(i: number): EdgeSet {
    return (this.prepared[i] ??= new EdgeSet(this.shapes[i]!.parts));
  }

  /** Overlaps of shape i (position in the constructor's list) with shapes after it. */
  overlapsOf(i: number): { a: number; b: number; area: number; ratio: number }[] {
    const a = this.shapes[i]!;
    const out: { a: number; b: number; area: number; ratio: number }[] = [];
    if (!this.index) return out;
    for (const j of this.index.search(a.bbox[0], a.bbox[1], a.bbox[2], a.bbox[3])) {
      if (j <= i) continue;
      const b = this.shapes[j]!;
      if (!boxesMeet(a.bbox, b.bbox) || !mayOverlap(this.edgeSet(i), this.edgeSet(j))) continue;
      const shared = intersectionArea(a.parts, b.parts);
      const smaller = Math.min(this.areas[i]!, this.areas[j]!);
      const ratio = smaller > 0 ? shared / smaller : 1;
      if (ratio > this.maxRatio) out.push({ a: a.index, b: b.index, area: shared, ratio });
    }
    // Shapes before i no longer need their prepared edges.
    this.prepared[i] = undefined;
    return out;
  }
}
