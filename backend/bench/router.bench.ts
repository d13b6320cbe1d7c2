/**
 * `npm run bench:router` — the router's flatbush index against a linear scan over every cell
 * (box test, then the same exact point-in-polygon) and against a naive scan with
 * @turf/boolean-point-in-polygon, at 100, 10,000 and 100,000 generated cells; then a 10,000-cell
 * import end to end (HTTP + FerretDB). Options: --sizes=100,10000 --points=1000000 --no-import
 * (or BENCH_SIZES, BENCH_POINTS, BENCH_IMPORT=0 with npm run).
 */
import { performance } from 'node:perf_hooks';
import { booleanPointInPolygon, multiPolygon, point } from '@turf/turf';
import { CellIndex, type IndexCell } from '../src/modules/geography/cell-index.workflow';
import { makeGrid, randomPoints } from './bench-data';
import { benchImport } from './import.bench';

// Options as arguments (tsx bench/router.bench.ts --sizes=…) or, through npm, as BENCH_* variables.
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? process.env[`BENCH_${name.toUpperCase()}`];
const SIZES = (arg('sizes') ?? '100,10000,100000').split(',').map(Number);
const POINTS = Number(arg('points') ?? 1_000_000);
const IMPORT = !process.argv.includes('--no-import') && process.env.BENCH_IMPORT !== '0';
const out = (s: string) => process.stdout.write(`${s}\n`);
const fmt = (v: number, d = 2) => v.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

/**
 * Runs `locate` over the first n points: the cell hit per point, and µs per point both as CPU
 * time of this process (what the code costs, even on a machine busy with other work) and as
 * wall time (what a caller waits, inflated when other processes share the cores).
 */
function run(locate: (x: number, y: number) => IndexCell | null, pts: Float64Array, n: number) {
  const hits: (string | null)[] = new Array(n);
  const cpu0 = process.cpuUsage();
  const { ms } = time(() => {
    for (let i = 0; i < n; i++) hits[i] = locate(pts[2 * i]!, pts[2 * i + 1]!)?.code ?? null;
  });
  const cpu = process.cpuUsage(cpu0);
  const usPerPoint = (cpu.user + cpu.system) / n;
  return { usPerPoint, perSecond: 1e6 / usPerPoint, wallUsPerPoint: (ms * 1000) / n, hits };
}

interface Row {
  cells: number;
  build: number;
  router: ReturnType<typeof run>;
  linear: ReturnType<typeof run>;
  turf: ReturnType<typeof run>;
  disagreements: number;
}

function benchSize(n: number): Row {
  const side = Math.round(Math.sqrt(n));
  const grid = makeGrid(side);
  const pts = randomPoints(side, POINTS);
  const built = time(() => new CellIndex(grid.cells));
  const index = built.value;
  run((x, y) => index.locate(x, y), pts, Math.min(POINTS, 20_000)); // warm-up
  const router = run((x, y) => index.locate(x, y), pts, POINTS);
  const linearN = Math.min(POINTS, 100_000, Math.floor(2e9 / grid.cells.length));
  const linear = run((x, y) => index.locateByScan(x, y), pts, linearN);
  // The naive baseline: turf on every cell, in code order, first hit wins.
  const sorted = [...grid.cells].sort((a, b) => (a.code < b.code ? -1 : 1));
  const features = sorted.map((c) => multiPolygon(c.parts));
  const turfN = Math.min(2000, Math.max(200, Math.floor(2e7 / grid.cells.length)));
  const turf = run((x, y) => {
    const p = point([x, y]);
    const i = features.findIndex((f) => booleanPointInPolygon(p, f));
    return i === -1 ? null : sorted[i]!;
  }, pts, turfN);
  let disagreements = 0;
  for (let i = 0; i < linearN; i++) if (router.hits[i] !== linear.hits[i]) disagreements++;
  for (let i = 0; i < turfN; i++) if (router.hits[i] !== turf.hits[i]) disagreements++;
  return { cells: grid.cells.length, build: built.ms, router, linear, turf, disagreements };
}

async function main() {
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  out(`router benchmark: ${fmt(POINTS, 0)} random points per size, cells of 20–60 vertices (every 10th with a hole); node ${process.version}, load average ${load}`);
  out('µs/pt = CPU time of this process per point (wall time per point in brackets)');
  out('');
  out('cells    | build ms | router µs/pt (wall) | router pts/s | linear µs/pt (n)        | turf µs/pt (n)        | router vs linear | vs turf  | disagree');
  out('---------|----------|---------------------|--------------|-------------------------|-----------------------|------------------|----------|---------');
  for (const n of SIZES) {
    const r = benchSize(n);
    out(
      [
        fmt(r.cells, 0).padEnd(8),
        fmt(r.build, 0).padStart(8),
        `${fmt(r.router.usPerPoint, 3)} (${fmt(r.router.wallUsPerPoint, 2)})`.padStart(19),
        fmt(r.router.perSecond, 0).padStart(12),
        `${fmt(r.linear.usPerPoint, 2)} (${fmt(r.linear.hits.length, 0)})`.padStart(23),
        `${fmt(r.turf.usPerPoint, 1)} (${fmt(r.turf.hits.length, 0)})`.padStart(21),
        `${fmt(r.linear.usPerPoint / r.router.usPerPoint, 0)}×`.padStart(16),
        `${fmt(r.turf.usPerPoint / r.router.usPerPoint, 0)}×`.padStart(8),
        String(r.disagreements).padStart(8),
      ].join(' | '),
    );
    if (r.disagreements) process.exitCode = 1;
  }
  out('(linear = every cell\'s box, then exact point-in-polygon; turf = @turf/boolean-point-in-polygon on every cell; both sampled)');
  if (IMPORT) {
    out('');
    await benchImport(out);
  }
}

void main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
