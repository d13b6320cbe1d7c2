/**
 * A uniform bucket grid over the router's cells: the fast path in front of the exact
 * point-in-polygon tests. Nothing is approximated: every shortcut is taken only when it is
 * certain, and otherwise the caller's exact test decides.
 *
 * At build time every edge of every cell marks the buckets it may touch (a conservative
 * segment/rectangle test on the bucket widened by a margin, so a point that rounding puts into a
 * bucket always lies in the rectangle the bucket was built for). A bucket no edge of a cell
 * touches lies wholly inside or wholly outside that cell: its answer is the one at its centre.
 * Per bucket this keeps:
 * - `solid`: the lowest cell containing the whole bucket (-1: none): no polygon test at all;
 * - the candidates: cells whose edges touch the bucket and that come before `solid`, ascending;
 *   only they can answer differently (a lower cell strictly containing the point, or a boundary
 *   the point lies on when no cell strictly contains it). Each candidate keeps the runs of its
 *   edges that touch the bucket and its status at the bucket's reference point r (inside or
 *   outside, never on an edge). The point's status is r's, flipped once per edge the segment
 *   r→p properly crosses; only those few edges are read. When an orientation is too close to
 *   zero to be sure (p on or next to an edge, the segment through a vertex), the exact test runs.
 */

/** A cell's rings as flat typed arrays (vertex coordinates, ring starts plus the total, part starts). */
export interface FlatRings {
  coords: Float64Array;
  rings: Int32Array;
  parts: Int32Array;
}

/** Buckets per cell: measured on the 10,000-cell bench grid (fewer: more tests; more: memory and build time). */
const BUCKETS_PER_CELL = 16;
const MAX_BUCKETS = 1 << 22;
/** Relative tolerance under which an orientation counts as "maybe zero" (far above float error). */
const TOL = 1e-12;
/** Where a bucket's reference point may sit, as fractions of its width and height (first that is certain wins). */
const REF = [
  [0.5, 0.5],
  [0.31, 0.63],
  [0.67, 0.29],
  [0.23, 0.19],
  [0.81, 0.77],
] as const;
const NO_REF = 255;

/** Could segment (ax, ay)–(bx, by) touch the closed rectangle? Never false when it does. */
function segmentMayTouch(ax: number, ay: number, bx: number, by: number, x0: number, y0: number, x1: number, y1: number): boolean {
  if ((ax < x0 && bx < x0) || (ax > x1 && bx > x1) || (ay < y0 && by < y0) || (ay > y1 && by > y1)) return false;
  const dx = bx - ax;
  const dy = by - ay;
  let pos = 0;
  let neg = 0;
  for (let c = 0; c < 4; c++) {
    const l = dx * ((c & 2 ? y1 : y0) - ay);
    const r = dy * ((c & 1 ? x1 : x0) - ax);
    const o = l - r;
    const tol = TOL * (Math.abs(l) + Math.abs(r));
    if (o > tol) pos++;
    else if (o < -tol) neg++;
    else return true;
  }
  return pos !== 4 && neg !== 4;
}

/** Sign of orient(a, b, c): 1, -1, or 0 when too close to zero to be sure. */
function orientSign(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  const l = (bx - ax) * (cy - ay);
  const r = (by - ay) * (cx - ax);
  const o = l - r;
  const tol = TOL * (Math.abs(l) + Math.abs(r));
  return o > tol ? 1 : o < -tol ? -1 : 0;
}

/** Exact status of a point for cell i: 1 inside, 0 on the boundary, -1 outside. */
export type ExactTest = (i: number, x: number, y: number) => number;

const grow = (a: Int32Array) => {
  const g = new Int32Array(a.length * 2);
  g.set(a);
  return g;
};

export class BucketGrid {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  private readonly nx: number;
  private readonly ny: number;
  private readonly w: number;
  private readonly h: number;
  private readonly sx: number;
  private readonly sy: number;
  /** Every cell's vertices, concatenated; edge v joins vertex v and v + 1 (runs never cross a ring end). */
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  private readonly solid: Int32Array;
  /** Candidates of bucket b: entries start[b] … start[b + 1] - 1. */
  private readonly start: Int32Array;
  /** Per entry: cell index × 2 + 1 when the reference point is inside the cell. */
  private readonly cand: Int32Array;
  /** Per entry: its edge runs runs[2k], runs[2k + 1] (first edge, last edge + 1) for k in runStart[e] … runStart[e + 1] - 1. */
  private readonly runStart: Int32Array;
  private readonly runs: Int32Array;
  /** Per bucket: index into REF of its reference point, or NO_REF (exact tests only). */
  private readonly ref: Uint8Array;

  /**
   * `boxes` holds [minX, minY, maxX, maxY] per cell; `exact` is the exact test. Throws nothing:
   * use `BucketGrid.build`, which answers null for a degenerate extent.
   */
  private constructor(cells: readonly FlatRings[], boxes: Float64Array, exact: ExactTest, extent: [number, number, number, number], n: number) {
    [this.minX, this.minY, this.maxX, this.maxY] = extent;
    const width = this.maxX - this.minX;
    const height = this.maxY - this.minY;
    const scale = Math.max(1, Math.abs(this.minX), Math.abs(this.maxX), Math.abs(this.minY), Math.abs(this.maxY));
    // Buckets stay far wider than the coordinates' rounding error (1e-9 × scale ≈ 1e-7°, 1 cm).
    const minSide = scale * 1e-9;
    const target = Math.min(MAX_BUCKETS, Math.max(64, n * BUCKETS_PER_CELL));
    const nx = Math.max(1, Math.min(Math.round(Math.sqrt((target * width) / height)), Math.floor(width / minSide)));
    const ny = Math.max(1, Math.min(Math.round(target / nx), Math.floor(height / minSide)));
    this.nx = nx;
    this.ny = ny;
    const w = (this.w = width / nx);
    const h = (this.h = height / ny);
    this.sx = nx / width;
    this.sy = ny / height;
    const { minX, minY } = this;
    const mx = w * 1e-6 + scale * 1e-13;
    const my = h * 1e-6 + scale * 1e-13;
    const nb = nx * ny;
    const { sx, sy } = this;
    const col = (x: number) => {
      const c = Math.floor((x - minX) * sx);
      return c < 0 ? 0 : c >= nx ? nx - 1 : c;
    };
    const row = (y: number) => {
      const r = Math.floor((y - minY) * sy);
      return r < 0 ? 0 : r >= ny ? ny - 1 : r;
    };

    // Global vertex arrays and, per cell, its first vertex; a cell whose parts might overlap keeps exact tests.
    let vertices = 0;
    for (const c of cells) vertices += c.coords.length / 2;
    const xs = (this.xs = new Float64Array(vertices));
    const ys = (this.ys = new Float64Array(vertices));
    const parity = new Uint8Array(n);
    let base = 0;
    const bases = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const c = cells[i]!;
      bases[i] = base;
      for (let v = 0; v < c.coords.length / 2; v++) {
        xs[base + v] = c.coords[2 * v]!;
        ys[base + v] = c.coords[2 * v + 1]!;
      }
      base += c.coords.length / 2;
      parity[i] = partsDisjoint(c) ? 1 : 0;
    }

    const solid = (this.solid = new Int32Array(nb).fill(-1));
    const touchedBy = new Int32Array(nb).fill(-1);
    // Touching runs as linked lists in growable typed arrays: per link (cell, first edge, end edge, next).
    const head = new Int32Array(nb).fill(-1);
    let link = new Int32Array(Math.max(4096, n * 64));
    let links = 0;
    for (let i = 0; i < n; i++) {
      const { rings } = cells[i]!;
      const o = bases[i]!;
      for (let r = 0; r + 1 < rings.length; r++) {
        for (let v = o + rings[r]!; v + 1 < o + rings[r + 1]!; v++) {
          const ax = xs[v]!;
          const ay = ys[v]!;
          const bx = xs[v + 1]!;
          const by = ys[v + 1]!;
          const c0 = col((ax < bx ? ax : bx) - mx);
          const c1 = col((ax < bx ? bx : ax) + mx);
          const r0 = row((ay < by ? ay : by) - my);
          const r1 = row((ay < by ? by : ay) + my);
          // An edge whose widened box maps to one bucket lies inside that bucket's rectangle.
          const single = c0 === c1 && r0 === r1;
          for (let rr = r0; rr <= r1; rr++) {
            for (let cc = c0; cc <= c1; cc++) {
              const b = rr * nx + cc;
              const x0 = minX + cc * w;
              const y0 = minY + rr * h;
              if (!single && !segmentMayTouch(ax, ay, bx, by, x0 - mx, y0 - my, x0 + w + mx, y0 + h + my)) continue;
              const last = head[b]!;
              if (touchedBy[b] === i && link[4 * last + 2] === v) {
                link[4 * last + 2] = v + 1; // the previous edge of this ring touched it too: extend its run
                continue;
              }
              touchedBy[b] = i;
              if (4 * links + 4 > link.length) link = grow(link);
              link[4 * links] = i;
              link[4 * links + 1] = v;
              link[4 * links + 2] = v + 1;
              link[4 * links + 3] = last;
              head[b] = links++;
            }
          }
        }
      }
      // Buckets in the cell's box that none of its edges touch: wholly inside or wholly outside.
      // Neighbours in a row that are both untouched overlap without meeting the cell's boundary,
      // so they share that status: one test per run of untouched buckets.
      const c1 = col(boxes[4 * i + 2]!);
      const r1 = row(boxes[4 * i + 3]!);
      for (let rr = row(boxes[4 * i + 1]!); rr <= r1; rr++) {
        let status = 0;
        for (let cc = col(boxes[4 * i]!); cc <= c1; cc++) {
          const b = rr * nx + cc;
          if (touchedBy[b] === i) {
            status = 0;
            continue;
          }
          if (solid[b] !== -1) continue;
          if (status === 0) status = exact(i, minX + (cc + 0.5) * w, minY + (rr + 0.5) * h) === 1 ? 1 : -1;
          if (status === 1) solid[b] = i;
        }
      }
    }

    // Compact into per-bucket entries (cells ascending), each with its runs (edges ascending).
    const start = (this.start = new Int32Array(nb + 1));
    let cand = new Int32Array(Math.max(1024, links));
    let runStart = new Int32Array(Math.max(1024, links + 1));
    let runs = new Int32Array(Math.max(2048, 2 * links));
    const ref = (this.ref = new Uint8Array(nb).fill(NO_REF));
    let entries = 0;
    let runCount = 0;
    for (let b = 0; b < nb; b++) {
      start[b] = entries;
      const s = solid[b]!;
      // A bucket's links run from the highest (cell, edge) to the lowest: count, then fill backwards.
      let nLinks = 0;
      let nCells = 0;
      let prev = -1;
      for (let l = head[b]!; l !== -1; l = link[4 * l + 3]!) {
        const i = link[4 * l]!;
        if (s !== -1 && i >= s) continue;
        nLinks++;
        if (i !== prev) nCells++;
        prev = i;
      }
      if (nLinks === 0) continue;
      while (entries + nCells + 1 > cand.length) cand = grow(cand);
      while (entries + nCells + 1 > runStart.length) runStart = grow(runStart);
      while (2 * (runCount + nLinks) > runs.length) runs = grow(runs);
      let e = entries + nCells;
      let k = runCount + nLinks;
      prev = -1;
      for (let l = head[b]!; l !== -1; l = link[4 * l + 3]!) {
        const i = link[4 * l]!;
        if (s !== -1 && i >= s) continue;
        k--;
        runs[2 * k] = link[4 * l + 1]!;
        runs[2 * k + 1] = link[4 * l + 2]!;
        if (i !== prev) cand[--e] = 2 * i;
        runStart[e] = k;
        prev = i;
      }
      entries += nCells;
      runCount += nLinks;
      runStart[entries] = runCount;
      // A reference point certain for every candidate: strictly inside or outside each, on no edge's line.
      // Computed exactly as find() computes it, so the point is the same to the last bit.
      const bc = b % nx;
      const br = (b - bc) / nx;
      choose: for (let q = 0; q < REF.length; q++) {
        const rx = minX + (bc + REF[q]![0]) * w;
        const ry = minY + (br + REF[q]![1]) * h;
        for (let e = start[b]!; e < entries; e++) {
          const i = cand[e]! >> 1;
          if (!parity[i]) break choose;
          for (let k = runStart[e]!; k < runStart[e + 1]!; k++) {
            for (let v = runs[2 * k]!; v < runs[2 * k + 1]!; v++) {
              if (orientSign(xs[v]!, ys[v]!, xs[v + 1]!, ys[v + 1]!, rx, ry) === 0) continue choose;
            }
          }
          const status = exact(i, rx, ry);
          if (status === 0) continue choose;
          cand[e] = 2 * i + (status === 1 ? 1 : 0);
        }
        ref[b] = q;
        break;
      }
    }
    start[nb] = entries;
    this.cand = cand.slice(0, entries);
    this.runStart = runStart.slice(0, entries + 1);
    this.runs = runs.slice(0, 2 * runCount);
  }

  /** The grid for these cells, or null when their extent is degenerate (the caller keeps its tree). */
  static build(cells: readonly FlatRings[], boxes: Float64Array, exact: ExactTest): BucketGrid | null {
    const n = cells.length;
    if (n === 0) return null;
    const e: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      e[0] = Math.min(e[0], boxes[4 * i]!);
      e[1] = Math.min(e[1], boxes[4 * i + 1]!);
      e[2] = Math.max(e[2], boxes[4 * i + 2]!);
      e[3] = Math.max(e[3], boxes[4 * i + 3]!);
    }
    const width = e[2] - e[0];
    const height = e[3] - e[1];
    if (!(width > 0 && height > 0) || !Number.isFinite(width + height)) return null;
    return new BucketGrid(cells, boxes, exact, e, n);
  }

  /**
   * Index of the cell for (x, y) under the router's rule — the lowest cell strictly containing
   * the point, else the lowest whose boundary it is on — or -1.
   */
  find(x: number, y: number, exact: ExactTest): number {
    // Also false for NaN: outside the extent no cell can contain the point.
    if (!(x >= this.minX && x <= this.maxX && y >= this.minY && y <= this.maxY)) return -1;
    let c = Math.floor((x - this.minX) * this.sx);
    if (c >= this.nx) c = this.nx - 1;
    let r = Math.floor((y - this.minY) * this.sy);
    if (r >= this.ny) r = this.ny - 1;
    const b = r * this.nx + c;
    const end = this.start[b + 1]!;
    let boundary = -1;
    const q = this.ref[b]!;
    const rx = q === NO_REF ? 0 : this.minX + (c + REF[q]![0]) * this.w;
    const ry = q === NO_REF ? 0 : this.minY + (r + REF[q]![1]) * this.h;
    for (let e = this.start[b]!; e < end; e++) {
      const i = this.cand[e]! >> 1;
      const t = q === NO_REF ? exact(i, x, y) : this.status(e, rx, ry, x, y, exact);
      if (t === 1) return i;
      if (t === 0 && boundary === -1) boundary = i;
    }
    const s = this.solid[b]!;
    return s !== -1 ? s : boundary;
  }

  /** Status of (x, y) for entry e's cell from the reference point's, or the exact test when unsure. */
  private status(e: number, rx: number, ry: number, x: number, y: number, exact: ExactTest): number {
    const { xs, ys, runs } = this;
    const lox = rx < x ? rx : x;
    const hix = rx < x ? x : rx;
    const loy = ry < y ? ry : y;
    const hiy = ry < y ? y : ry;
    let inside = this.cand[e]! & 1;
    for (let k = this.runStart[e]!; k < this.runStart[e + 1]!; k++) {
      for (let v = runs[2 * k]!; v < runs[2 * k + 1]!; v++) {
        const ax = xs[v]!;
        const ay = ys[v]!;
        const bx = xs[v + 1]!;
        const by = ys[v + 1]!;
        if ((ax < lox && bx < lox) || (ax > hix && bx > hix) || (ay < loy && by < loy) || (ay > hiy && by > hiy)) continue;
        const sa = orientSign(rx, ry, x, y, ax, ay);
        const sb = orientSign(rx, ry, x, y, bx, by);
        if (sa === 0 || sb === 0) return exact(this.cand[e]! >> 1, x, y);
        if (sa === sb) continue;
        const sp = orientSign(ax, ay, bx, by, x, y);
        const sr = orientSign(ax, ay, bx, by, rx, ry);
        if (sp === 0 || sr === 0) return exact(this.cand[e]! >> 1, x, y);
        if (sp !== sr) inside ^= 1;
      }
    }
    return inside ? 1 : -1;
  }
}

/** One part, or parts whose boxes are pairwise disjoint: then ring parity is "inside some part". */
function partsDisjoint(c: FlatRings): boolean {
  const partCount = c.parts.length - 1;
  if (partCount <= 1) return true;
  const boxes: number[][] = [];
  for (let p = 0; p < partCount; p++) {
    const s = c.rings[c.parts[p]!]!;
    const e = c.rings[c.parts[p]! + 1]!;
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (let v = s; v < e; v++) {
      b[0] = Math.min(b[0]!, c.coords[2 * v]!);
      b[1] = Math.min(b[1]!, c.coords[2 * v + 1]!);
      b[2] = Math.max(b[2]!, c.coords[2 * v]!);
      b[3] = Math.max(b[3]!, c.coords[2 * v + 1]!);
    }
    for (const o of boxes) if (!(b[2]! < o[0]! || o[2]! < b[0]! || b[3]! < o[1]! || o[3]! < b[1]!)) return false;
    boxes.push(b);
  }
  return true;
}
