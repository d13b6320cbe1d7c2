import pointInPolygon from 'point-in-polygon-hao';
import { BucketGrid } from './bucket-grid.workflow';
import { Flatbush } from './flatbush.adapter';
import { bboxOf, type PolygonRings } from './flat-geometry.workflow';

/** A grid cell as the router sees it. */
export interface IndexCell {
  id: string;
  code: string;
  zoneId: string;
  parts: PolygonRings[];
}

/** A cell's rings in flat typed arrays: the hot loop reads no nested arrays. */
interface FlatCell {
  coords: Float64Array;
  /** Vertex index where each ring starts, plus the total at the end. */
  rings: Int32Array;
  /** Ring index where each polygon part starts, plus the ring count at the end. */
  parts: Int32Array;
}

const EPSILON = 1.1102230246251565e-16;
/** robust-predicates' orient2d error bound: beyond it the float sign is exact. */
const CCW_ERRBOUND_A = (3 + 16 * EPSILON) * EPSILON;
const UNSURE = 2;

/**
 * point-in-polygon-hao's algorithm on flat arrays, for one polygon part: 1 inside, 0 on a ring,
 * -1 outside, or UNSURE when an orientation is too close to call in floating point (then the
 * caller asks hao itself, whose orient2d is exact). Where the float sign is certain it equals the
 * exact one, so the answers are hao's, at a fraction of the cost.
 */
function pipPart(x: number, y: number, c: Float64Array, rings: Int32Array, from: number, to: number): number {
  let k = 0;
  for (let r = from; r < to; r++) {
    const s = rings[r]!;
    const e = rings[r + 1]!;
    let u1 = c[2 * s]! - x;
    let v1 = c[2 * s + 1]! - y;
    for (let i = s + 1; i < e; i++) {
      const u2 = c[2 * i]! - x;
      const v2 = c[2 * i + 1]! - y;
      if (v1 === 0 && v2 === 0) {
        if ((u2 <= 0 && u1 >= 0) || (u1 <= 0 && u2 >= 0)) return 0;
      } else if ((v2 >= 0 && v1 <= 0) || (v2 <= 0 && v1 >= 0)) {
        const left = u2 * v1;
        const right = u1 * v2;
        const f = left - right;
        if (Math.abs(f) < CCW_ERRBOUND_A * Math.abs(left + right)) return UNSURE;
        if (f === 0) return 0;
        if ((f > 0 && v2 > 0 && v1 <= 0) || (f < 0 && v2 <= 0 && v1 > 0)) k++;
      }
      u1 = u2;
      v1 = v2;
    }
  }
  return k % 2 === 0 ? -1 : 1;
}

function flatCell(parts: PolygonRings[]): FlatCell {
  const coords: number[] = [];
  const rings: number[] = [];
  const starts: number[] = [];
  for (const part of parts) {
    starts.push(rings.length);
    for (const ring of part) {
      rings.push(coords.length / 2);
      for (const [x, y] of ring) coords.push(x, y);
    }
  }
  rings.push(coords.length / 2);
  starts.push(rings.length - 1);
  return { coords: Float64Array.from(coords), rings: Int32Array.from(rings), parts: Int32Array.from(starts) };
}

/**
 * The router's in-memory index: a uniform bucket grid (bucket-grid.workflow.ts) that answers most
 * points without any polygon test and leaves a short candidate list for the rest, then an exact
 * point-in-polygon test (holes and MultiPolygon parts included) on those candidates. A flatbush
 * over the cell boxes serves when no grid can be built (a degenerate extent) and as a cross-check.
 *
 * A point on an edge or vertex shared by several cells goes to the one with the lowest code:
 * cells are stored sorted by code, so the lowest candidate index wins, whatever order the tree
 * returns them in. A point strictly inside a cell beats one on another cell's boundary.
 */
export class CellIndex {
  private readonly cells: IndexCell[];
  private readonly flat: FlatCell[];
  private readonly boxes: Float64Array;
  private readonly tree: Flatbush | null;
  private readonly grid: BucketGrid | null;
  // Per-query scratch state, so a lookup allocates nothing but flatbush's (empty) result array.
  private x = 0;
  private y = 0;
  private inside = -1;
  private boundary = -1;
  /** The exact test at a given point, as the bucket grid calls it. */
  private readonly exactAt = (i: number, x: number, y: number): number => {
    this.x = x;
    this.y = y;
    return this.test(i);
  };
  private readonly visit = (i: number): boolean => {
    if (this.inside !== -1 && i > this.inside) return false;
    const r = this.test(i);
    if (r === 1) this.inside = i;
    else if (r === 0 && (this.boundary === -1 || i < this.boundary)) this.boundary = i;
    return false;
  };

  constructor(cells: IndexCell[]) {
    this.cells = [...cells].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.flat = this.cells.map((c) => flatCell(c.parts));
    this.boxes = new Float64Array(this.cells.length * 4);
    this.tree = this.cells.length ? new Flatbush(this.cells.length) : null;
    this.cells.forEach((c, i) => {
      const b = bboxOf(c.parts);
      this.boxes.set(b, i * 4);
      this.tree!.add(b[0], b[1], b[2], b[3]);
    });
    this.tree?.finish();
    this.grid = BucketGrid.build(this.flat, this.boxes, this.exactAt);
  }

  get size(): number {
    return this.cells.length;
  }

  /** 1 inside, 0 on the boundary, -1 outside cell i. */
  private test(i: number): 1 | 0 | -1 {
    const f = this.flat[i]!;
    let onEdge = false;
    for (let p = 0; p + 1 < f.parts.length; p++) {
      let r = pipPart(this.x, this.y, f.coords, f.rings, f.parts[p]!, f.parts[p + 1]!);
      if (r === UNSURE) {
        const exact = pointInPolygon([this.x, this.y], this.cells[i]!.parts[p]!);
        r = exact === true ? 1 : exact === 0 ? 0 : -1;
      }
      if (r === 1) return 1;
      if (r === 0) onEdge = true;
    }
    return onEdge ? 0 : -1;
  }

  private result(): IndexCell | null {
    const i = this.inside !== -1 ? this.inside : this.boundary;
    return i === -1 ? null : this.cells[i]!;
  }

  /** The cell containing [lng, lat], or null outside every cell. */
  locate(lng: number, lat: number): IndexCell | null {
    if (!this.grid) return this.locateByTree(lng, lat);
    const i = this.grid.find(lng, lat, this.exactAt);
    return i === -1 ? null : this.cells[i]!;
  }

  /** The same answer through the flatbush tree alone (the path before the bucket grid). */
  locateByTree(lng: number, lat: number): IndexCell | null {
    if (!this.tree) return null;
    this.x = lng;
    this.y = lat;
    this.inside = -1;
    this.boundary = -1;
    this.tree.search(lng, lat, lng, lat, this.visit);
    return this.result();
  }

  /** The same answer by testing every cell's box then polygon: the baseline the benchmark compares with. */
  locateByScan(lng: number, lat: number): IndexCell | null {
    this.x = lng;
    this.y = lat;
    this.inside = -1;
    this.boundary = -1;
    const b = this.boxes;
    for (let i = 0; i < this.cells.length; i++) {
      if (lng < b[4 * i]! || lat < b[4 * i + 1]! || lng > b[4 * i + 2]! || lat > b[4 * i + 3]!) continue;
      const r = this.test(i);
      if (r === 1) {
        this.inside = i;
        break;
      }
      if (r === 0 && this.boundary === -1) this.boundary = i;
    }
    return this.result();
  }
}
