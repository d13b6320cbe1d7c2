import inside from 'point-in-polygon-hao';
import type { ApiClient } from './api';

type LngLat = [number, number];

interface CellFeature {
  properties: { id: string; code: string; name: { zh: string; en: string }; teamId: string | null };
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };
}

export interface DemoCell {
  id: string;
  code: string;
  name: { zh: string; en: string };
  teamId: string | null;
  rings: number[][][];
}

/** A demo grid cell, as `GET /geo/grid-cells` sends it. */
export async function findCell(api: ApiClient, cellId: string): Promise<DemoCell> {
  const body = await api.get<{ data: { features: CellFeature[] } }>('/geo/grid-cells');
  const f = body.data.features.find((x) => x.properties.id === cellId);
  if (!f) throw new Error(`grid cell ${cellId} is not in /geo/grid-cells`);
  const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates[0]!;
  return { id: f.properties.id, code: f.properties.code, name: f.properties.name, teamId: f.properties.teamId, rings };
}

const metres = (a: LngLat, b: LngLat) => {
  const kx = 111_320 * Math.cos((a[1] * Math.PI) / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110_540);
};

/**
 * A point well inside the cell (away from its edges) and as far as possible from the given points
 * (existing cases), so the new incident is easy to tell apart on the map.
 */
export function pointInside(cell: DemoCell, avoid: LngLat[]): LngLat {
  const outer = cell.rings[0]!;
  const xs = outer.map((p) => p[0]!);
  const ys = outer.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  let best: { p: LngLat; score: number } | null = null;
  const steps = 24;
  for (let i = 1; i < steps; i++) {
    for (let j = 1; j < steps; j++) {
      const p: LngLat = [x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * j) / steps];
      if (inside(p, cell.rings) !== true) continue;
      const edge = Math.min(...outer.map((v) => metres(p, v as LngLat)));
      if (edge < 60) continue;
      const near = avoid.length ? Math.min(...avoid.map((a) => metres(p, a))) : 1e9;
      const score = Math.min(near, 2000) + edge / 10;
      if (!best || score > best.score) best = { p, score };
    }
  }
  if (!best) throw new Error(`no interior point found in cell ${cell.code}`);
  return [Number(best.p[0].toFixed(6)), Number(best.p[1].toFixed(6))];
}
