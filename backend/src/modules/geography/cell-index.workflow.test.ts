import pointInPolygon from 'point-in-polygon-hao';
import { mulberry32 } from '../../../../fixtures/geo/lib/prng';
import { WarpedLattice } from '../../../../fixtures/geo/lib/warped-lattice';
import { CellIndex, type IndexCell } from './cell-index.workflow';
import { bboxOf, type PolygonRings } from './flat-geometry.workflow';

const rect = (x0: number, y0: number, x1: number, y1: number): PolygonRings => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];
const c = (code: string, ...parts: PolygonRings[]): IndexCell => ({ id: `id-${code}`, code, zoneId: 'z', parts });

describe('CellIndex.locate', () => {
  // A 2 × 2 block: B-02 | B-04 on top, B-01 | B-03 below; given out of order on purpose.
  const block = [c('B-04', rect(1, 1, 2, 2)), c('B-01', rect(0, 0, 1, 1)), c('B-03', rect(1, 0, 2, 1)), c('B-02', rect(0, 1, 1, 2))];

  test.each([
    ['inside a cell', [0.5, 0.5], 'B-01'],
    ['inside another cell', [1.5, 1.5], 'B-04'],
    ['on the edge between B-01 and B-03', [1, 0.5], 'B-01'],
    ['on the edge between B-03 and B-04', [1.5, 1], 'B-03'],
    ['on the vertex shared by all four', [1, 1], 'B-01'],
    ['on an outer edge', [2, 1.5], 'B-04'],
    ['on an outer corner', [2, 2], 'B-04'],
  ])('a point %s goes to one cell, always the lowest code', (_label, [x, y], code) => {
    expect(new CellIndex(block).locate(x!, y!)?.code).toBe(code);
    expect(new CellIndex([...block].reverse()).locate(x!, y!)?.code).toBe(code);
  });

  test('a point outside every cell is null', () => {
    expect(new CellIndex(block).locate(2.5, 0.5)).toBeNull();
    expect(new CellIndex([]).locate(0, 0)).toBeNull();
  });

  test('a point in a hole is outside the cell; on the hole edge it is inside', () => {
    const donut = c('D', [rect(0, 0, 3, 3)[0]!, [[1, 1], [1, 2], [2, 2], [2, 1], [1, 1]]]);
    expect(new CellIndex([donut]).locate(1.5, 1.5)).toBeNull();
    expect(new CellIndex([donut]).locate(1, 1.5)?.code).toBe('D');
    // An island cell filling the hole takes its inside; its edge goes to the lower code.
    const island = c('A', rect(1, 1, 2, 2));
    expect(new CellIndex([donut, island]).locate(1.5, 1.5)?.code).toBe('A');
    expect(new CellIndex([donut, island]).locate(1, 1.5)?.code).toBe('A');
  });

  test('a point in the second part of a MultiPolygon belongs to that cell', () => {
    const multi = c('M', rect(0, 0, 1, 1), rect(5, 5, 6, 6));
    expect(new CellIndex([multi, c('N', rect(2, 2, 3, 3))]).locate(5.5, 5.2)?.code).toBe('M');
    expect(new CellIndex([multi]).locate(3, 3)).toBeNull();
  });

  test('a point strictly inside a cell beats another cell whose boundary it is on', () => {
    // Z-2 overlaps Z-1 by a sliver; the point on Z-1's edge is strictly inside Z-2.
    expect(new CellIndex([c('Z-1', rect(0, 0, 1, 1)), c('Z-2', rect(0.999, 0, 2, 1))]).locate(1, 0.5)?.code).toBe('Z-2');
  });

  test('the tree and the linear scan agree on random points and on every shared vertex of a warped lattice', () => {
    const lattice = new WarpedLattice({ cols: 20, rows: 20, origin: [106, 29], cell: [0.001, 0.001], seed: 7 });
    const cells: IndexCell[] = [];
    for (let i = 0; i < 20; i++) for (let k = 0; k < 20; k++) cells.push(c(`L-${i}-${k}`, i % 5 === 2 ? [lattice.cell(i, k), lattice.hole(i, k)] : [lattice.cell(i, k)]));
    const index = new CellIndex(cells);
    const rnd = mulberry32(11);
    const points: [number, number][] = Array.from({ length: 5000 }, () => [106 - 0.001 + rnd() * 0.022, 29 - 0.001 + rnd() * 0.022]);
    for (const cell of cells) for (const p of cell.parts[0]![0]!) points.push(p);
    // Reference: point-in-polygon-hao itself on every cell, lowest code inside, else lowest on an edge.
    const sorted = [...cells].sort((a, b) => (a.code < b.code ? -1 : 1)).map((cell) => ({ ...cell, box: bboxOf(cell.parts) }));
    const reference = (p: [number, number]) => {
      const r = sorted.map((cell) =>
        p[0] < cell.box[0] || p[0] > cell.box[2] || p[1] < cell.box[1] || p[1] > cell.box[3] ? [] : cell.parts.map((part) => pointInPolygon(p, part)),
      );
      const inside = r.findIndex((parts) => parts.includes(true));
      const edge = r.findIndex((parts) => parts.includes(0));
      return inside !== -1 ? sorted[inside]!.code : edge !== -1 ? sorted[edge]!.code : null;
    };
    let hits = 0;
    const mismatches: unknown[] = [];
    for (const p of points) {
      const a = index.locate(p[0], p[1])?.code ?? null;
      const scan = index.locateByScan(p[0], p[1])?.code ?? null;
      const ref = reference(p);
      if (a !== scan || a !== ref) mismatches.push({ p, a, scan, ref });
      if (a) hits++;
    }
    expect(mismatches).toEqual([]);
    expect(hits).toBeGreaterThan(4000);
  });

  test('the bucket grid agrees with the tree where buckets are hardest: edges on bucket lines, nested and overlapping cells, touching parts', () => {
    const cells: IndexCell[] = [];
    // 8 × 8 unit squares: with 16 buckets per cell, every cell edge lies on a bucket line.
    for (let i = 0; i < 8; i++) for (let k = 0; k < 8; k++) cells.push(c(`Q-${i}${k}`, rect(i, k, i + 1, k + 1)));
    // A large cell with a lower code over many squares (it wins inside), one with a higher code (it loses).
    cells.push(c('A-big', rect(1.5, 1.5, 4.25, 3.75)), c('Z-big', rect(4.1, 4.1, 7.9, 7.9)));
    // A MultiPolygon whose parts touch at a corner and one whose parts overlap (ring parity would be wrong there).
    cells.push(c('M-touch', rect(8, 0, 9, 1), rect(9, 1, 10, 2)), c('M-over', rect(8, 3, 9.5, 4), rect(9, 3.5, 10, 5)));
    // A sliver thinner than a bucket, and a donut whose hole holds an island.
    cells.push(c('S-thin', rect(0.2, 8.2, 7.8, 8.2001)), c('D-ring', [rect(8, 6, 10, 8)[0]!, [[8.5, 6.5], [8.5, 7.5], [9.5, 7.5], [9.5, 6.5], [8.5, 6.5]]]), c('D-isle', rect(8.5, 6.5, 9.5, 7.5)));
    const index = new CellIndex(cells);
    const points: [number, number][] = [];
    const rnd = mulberry32(5);
    for (let n = 0; n < 20000; n++) points.push([-0.5 + rnd() * 11, -0.5 + rnd() * 9.5]);
    // Every bucket corner and bucket-line crossing of the unit grid, every vertex and edge midpoint.
    for (let x = -0.25; x <= 10.25; x += 0.125) for (let y = -0.25; y <= 9; y += 0.125) points.push([x, y]);
    for (const cell of cells) {
      for (const part of cell.parts) {
        for (const ring of part) {
          for (let v = 0; v + 1 < ring.length; v++) points.push(ring[v]!, [(ring[v]![0] + ring[v + 1]![0]) / 2, (ring[v]![1] + ring[v + 1]![1]) / 2]);
        }
      }
    }
    const mismatches = points
      .map((p) => ({ p, grid: index.locate(p[0], p[1])?.code ?? null, tree: index.locateByTree(p[0], p[1])?.code ?? null, scan: index.locateByScan(p[0], p[1])?.code ?? null }))
      .filter((r) => r.grid !== r.tree || r.grid !== r.scan);
    expect(mismatches).toEqual([]);
    expect(index.locate(2, 2)?.code).toBe('A-big');
    expect(index.locate(5.5, 5.5)?.code).toBe('Q-55');
    expect(index.locate(5, 5)?.code).toBe('Z-big'); // on four squares' corner, strictly inside Z-big
    expect(index.locate(9, 7)?.code).toBe('D-isle');
    expect(index.locate(9.25, 3.75)?.code).toBe('M-over');
    expect(index.locate(Number.NaN, 1)).toBeNull();
  });
});

