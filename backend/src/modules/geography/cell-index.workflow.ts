import pointInPolygon from 'point-in-polygon-hao';
import { Flatbush } from './flatbush.adapter';
import { bboxOf, type PolygonRings, type Position } from './flat-geometry.workflow';

/** A grid cell as the router sees it. */
export interface IndexCell {
  id: string;
  code: string;
  zoneId: string;
  parts: PolygonRings[];
}

/**
 * The router's in-memory index: a flatbush over cell bounding boxes, then an exact
 * point-in-polygon test (holes and MultiPolygon parts included) on the few candidates.
 *
 * A point on an edge or vertex shared by several cells goes to the one with the lowest code:
 * cells are stored sorted by code, so the lowest candidate index wins, whatever order the tree
 * returns them in. A point strictly inside a cell beats one on another cell's boundary.
 */
export class CellIndex {
  private readonly cells: IndexCell[];
  private readonly boxes: Float64Array;
  private readonly tree: Flatbush | null;
  // Per-query scratch state, so a lookup allocates nothing but flatbush's result array.
  private readonly p: Position = [0, 0];
  private inside = -1;
  private boundary = -1;
  private readonly visit = (i: number): boolean => {
    if (this.inside !== -1 && i > this.inside) return false;
    const r = this.test(i);
    if (r === 1) this.inside = i;
    else if (r === 0 && (this.boundary === -1 || i < this.boundary)) this.boundary = i;
    return false;
  };

  constructor(cells: IndexCell[]) {
    this.cells = [...cells].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    this.boxes = new Float64Array(this.cells.length * 4);
    this.tree = this.cells.length ? new Flatbush(this.cells.length) : null;
    this.cells.forEach((c, i) => {
      const b = bboxOf(c.parts);
      this.boxes.set(b, i * 4);
      this.tree!.add(b[0], b[1], b[2], b[3]);
    });
    this.tree?.finish();
  }

  get size(): number {
    return this.cells.length;
  }

  /** 1 inside, 0 on the boundary, -1 outside cell i. */
  private test(i: number): 1 | 0 | -1 {
    let onEdge = false;
    for (const part of this.cells[i]!.parts) {
      const r = pointInPolygon(this.p, part);
      if (r === true) return 1;
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
    if (!this.tree) return null;
    this.p[0] = lng;
    this.p[1] = lat;
    this.inside = -1;
    this.boundary = -1;
    this.tree.search(lng, lat, lng, lat, this.visit);
    return this.result();
  }

  /** The same answer by testing every cell's box then polygon: the baseline the benchmark compares with. */
  locateByScan(lng: number, lat: number): IndexCell | null {
    this.p[0] = lng;
    this.p[1] = lat;
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
