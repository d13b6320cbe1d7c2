import { WarpedLattice } from '../../fixtures/geo/lib/warped-lattice';
import { mulberry32 } from '../../fixtures/geo/lib/prng';
import type { IndexCell } from '../src/modules/geography/cell-index.workflow';

/** ~110 m cells near 白沙镇; every 10th cell has a hole (a pond, a yard). */
export const CELL_DEG = 0.001;
export const ORIGIN: [number, number] = [106.0, 29.0];

export interface Grid {
  side: number;
  lattice: WarpedLattice;
  cells: IndexCell[];
  /** Code of cell (i, k), zero-padded so code order is row-major order. */
  code: (i: number, k: number) => string;
}

/** `side × side` irregular cells of 20–60 vertices tiling a square, as the router indexes them. */
export function makeGrid(side: number, seed = 42): Grid {
  const lattice = new WarpedLattice({ cols: side, rows: side, origin: ORIGIN, cell: [CELL_DEG, CELL_DEG], seed });
  const w = String(side).length;
  const code = (i: number, k: number) => `C-${String(k).padStart(w, '0')}-${String(i).padStart(w, '0')}`;
  const cells: IndexCell[] = [];
  for (let k = 0; k < side; k++) {
    for (let i = 0; i < side; i++) {
      const rings = (i * 7 + k * 3) % 10 === 0 ? [lattice.cell(i, k), lattice.hole(i, k)] : [lattice.cell(i, k)];
      cells.push({ id: code(i, k), code: code(i, k), zoneId: 'z', parts: [rings] });
    }
  }
  return { side, lattice, cells, code };
}

/** Uniform random points over the grid plus a 2 % margin (some fall outside every cell). */
export function randomPoints(side: number, n: number, seed = 7): Float64Array {
  const rnd = mulberry32(seed);
  const span = side * CELL_DEG;
  const pts = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    pts[2 * i] = ORIGIN[0] - 0.02 * span + rnd() * 1.04 * span;
    pts[2 * i + 1] = ORIGIN[1] - 0.02 * span + rnd() * 1.04 * span;
  }
  return pts;
}
