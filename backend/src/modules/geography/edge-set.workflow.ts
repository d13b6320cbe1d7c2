import { Flatbush } from './flatbush.adapter';
import { edgesOf } from './planar.workflow';
import { bboxOf, type BBox, type PolygonRings } from './flat-geometry.workflow';
import { INSIDE, ON_BOUNDARY, OUTSIDE, type Location } from './planar.workflow';

/**
 * Distance (degrees, ~1 cm) under which a point counts as on an edge. Validation compares shapes
 * that share edges exactly (a cell and its neighbour or its zone); a computed midpoint of a
 * shared edge is off the line by ~1e-15 and must count as "on", not "in" or "out".
 */
export const EPS = 1e-7;

/** Above this many edges a flatbush answers "which edges are near" (zones); below, a loop does. */
const INDEX_FROM = 64;

/**
 * The edges of a polygon set in a flat Float64Array [x1, y1, x2, y2, …], for the topology
 * checks: point location with a tolerance, edges near a box, and proper crossings.
 */
export class EdgeSet {
  readonly edges: Float64Array;
  readonly count: number;
  readonly bbox: BBox;
  private readonly index: Flatbush | null;

  constructor(readonly parts: PolygonRings[]) {
    const list = [...edgesOf(parts)];
    this.count = list.length;
    this.edges = new Float64Array(list.length * 4);
    list.forEach(([a, b], i) => this.edges.set([a[0], a[1], b[0], b[1]], i * 4));
    this.bbox = bboxOf(parts);
    this.index = list.length >= INDEX_FROM ? new Flatbush(list.length) : null;
    if (this.index) {
      const e = this.edges;
      for (let i = 0; i < this.count; i++) {
        this.index.add(Math.min(e[4 * i]!, e[4 * i + 2]!), Math.min(e[4 * i + 1]!, e[4 * i + 3]!), Math.max(e[4 * i]!, e[4 * i + 2]!), Math.max(e[4 * i + 1]!, e[4 * i + 3]!));
      }
      this.index.finish();
    }
  }

  /** Indices of edges whose box meets the given box (all of them for small sets). */
  near(minX: number, minY: number, maxX: number, maxY: number): ArrayLike<number> {
    if (this.index) return this.index.search(minX, minY, maxX, maxY);
    const out: number[] = [];
    const e = this.edges;
    for (let i = 0; i < this.count; i++) {
      if (Math.max(e[4 * i]!, e[4 * i + 2]!) < minX || Math.min(e[4 * i]!, e[4 * i + 2]!) > maxX) continue;
      if (Math.max(e[4 * i + 1]!, e[4 * i + 3]!) < minY || Math.min(e[4 * i + 1]!, e[4 * i + 3]!) > maxY) continue;
      out.push(i);
    }
    return out;
  }

  /** Inside, on an edge (within EPS) or outside: ray casting to the east over the nearby edges. */
  locate(x: number, y: number): Location {
    if (x < this.bbox[0] - EPS || x > this.bbox[2] + EPS || y < this.bbox[1] - EPS || y > this.bbox[3] + EPS) return OUTSIDE;
    const ids = this.index ? this.index.search(x - EPS, y - EPS, this.bbox[2] + EPS, y + EPS) : null;
    const n = ids ? ids.length : this.count;
    const e = this.edges;
    let inside = false;
    for (let k = 0; k < n; k++) {
      const i = ids ? ids[k]! : k;
      const ax = e[4 * i]!;
      const ay = e[4 * i + 1]!;
      const bx = e[4 * i + 2]!;
      const by = e[4 * i + 3]!;
      if ((ay < y - EPS && by < y - EPS) || (ay > y + EPS && by > y + EPS) || (ax < x - EPS && bx < x - EPS)) continue;
      if (onSegment(x, y, ax, ay, bx, by)) return ON_BOUNDARY;
      if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
    }
    return inside ? INSIDE : OUTSIDE;
  }

  /** Whether segment (ax, ay)–(bx, by) properly crosses one of these edges (touching does not count). */
  crosses(ax: number, ay: number, bx: number, by: number): boolean {
    const minX = Math.min(ax, bx);
    const minY = Math.min(ay, by);
    const maxX = Math.max(ax, bx);
    const maxY = Math.max(ay, by);
    const ids = this.index ? this.index.search(minX, minY, maxX, maxY) : null;
    const n = ids ? ids.length : this.count;
    const e = this.edges;
    for (let k = 0; k < n; k++) {
      const i = ids ? ids[k]! : k;
      const cx = e[4 * i]!;
      const cy = e[4 * i + 1]!;
      const dx = e[4 * i + 2]!;
      const dy = e[4 * i + 3]!;
      if (Math.max(cx, dx) < minX || Math.min(cx, dx) > maxX || Math.max(cy, dy) < minY || Math.min(cy, dy) > maxY) continue;
      if (properCross(ax, ay, bx, by, cx, cy, dx, dy)) return true;
    }
    return false;
  }
}

/** Signed distance of c from the line ab (degrees); 0 for a degenerate ab. */
function side(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const len = Math.hypot(bx - ax, by - ay);
  return len === 0 ? 0 : ((bx - ax) * (cy - ay) - (by - ay) * (cx - ax)) / len;
}

export function onSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): boolean {
  if (px < Math.min(ax, bx) - EPS || px > Math.max(ax, bx) + EPS || py < Math.min(ay, by) - EPS || py > Math.max(ay, by) + EPS) return false;
  return Math.abs(side(ax, ay, bx, by, px, py)) <= EPS;
}

/** ab and cd cross at one point interior to both, each end clearly (more than EPS) off the other line. */
export function properCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const d1 = side(ax, ay, bx, by, cx, cy);
  const d2 = side(ax, ay, bx, by, dx, dy);
  if (!((d1 > EPS && d2 < -EPS) || (d1 < -EPS && d2 > EPS))) return false;
  const d3 = side(cx, cy, dx, dy, ax, ay);
  const d4 = side(cx, cy, dx, dy, bx, by);
  return (d3 > EPS && d4 < -EPS) || (d3 < -EPS && d4 > EPS);
}
