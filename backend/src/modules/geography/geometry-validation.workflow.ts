import { ringArea2, type PolygonalGeometry, type PolygonRings, type Ring } from './flat-geometry.workflow';
import { OUTSIDE, locateInParts } from './planar.workflow';
import { firstSelfIntersection } from './self-intersection.workflow';

/** What is wrong with one feature of an import, and where (`property` is a path in the feature). */
export interface FeatureIssue {
  index: number;
  property: string;
  code: IssueCode;
  reason: string;
}

export type IssueCode =
  | 'FEATURE_INVALID'
  | 'GEOMETRY_MISSING'
  | 'GEOMETRY_TYPE'
  | 'COORDINATES_INVALID'
  | 'COORDINATE_NOT_NUMBER'
  | 'COORDINATE_OUT_OF_RANGE'
  | 'RING_TOO_SHORT'
  | 'RING_NOT_CLOSED'
  | 'RING_DEGENERATE'
  | 'SELF_INTERSECTION'
  | 'HOLE_OUTSIDE_SHELL'
  | 'PROPERTY_MISSING'
  | 'PROPERTY_INVALID'
  | 'DUPLICATE_CODE'
  | 'UNKNOWN_TEAM'
  | 'UNKNOWN_ZONE'
  | 'UNKNOWN_INSPECTOR'
  | 'ZONE_WITHOUT_GEOMETRY'
  | 'OUTSIDE_ZONE'
  | 'OVERLAP'
  | 'TOPOLOGY_FAILED'
  | 'IMPORT_FAILED';

const isArr = Array.isArray;
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks one ring's positions, closure and length; returns it as 2-D positions when valid. */
function checkRing(index: number, path: string, raw: unknown, issues: FeatureIssue[]): Ring | null {
  const at = (property: string, code: IssueCode, reason: string) => issues.push({ index, property, code, reason });
  if (!isArr(raw)) return at(path, 'COORDINATES_INVALID', 'a ring must be an array of positions'), null;
  const ring: Ring = [];
  for (let i = 0; i < raw.length; i++) {
    const p: unknown = raw[i];
    if (!isArr(p) || p.length < 2 || !isNum(p[0]) || !isNum(p[1])) {
      at(`${path}[${i}]`, 'COORDINATE_NOT_NUMBER', `position must be [lng, lat] numbers, got ${JSON.stringify(p)?.slice(0, 60)}`);
      return null;
    }
    const [x, y] = p as number[];
    if (x! < -180 || x! > 180 || y! < -90 || y! > 90) {
      at(`${path}[${i}]`, 'COORDINATE_OUT_OF_RANGE', `[${x}, ${y}] is outside WGS84 range (lng −180…180, lat −90…90)`);
      return null;
    }
    // Repeated consecutive positions are harmless in real data; drop them rather than call them kinks.
    const prev = ring[ring.length - 1];
    if (!prev || prev[0] !== x || prev[1] !== y) ring.push([x!, y!]);
  }
  if (ring.length < 4) return at(path, 'RING_TOO_SHORT', `a ring needs at least 4 distinct positions (first = last), got ${ring.length}`), null;
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    return at(path, 'RING_NOT_CLOSED', `ring is not closed: first [${first.join(', ')}] ≠ last [${last.join(', ')}]`), null;
  }
  if (ringArea2(ring) === 0) return at(path, 'RING_DEGENERATE', 'ring has zero area'), null;
  return ring;
}

/** Self-intersections (also a hole crossing or touching its shell, as turf kinks sees them) and holes outside their shell. */
function checkTopology(index: number, path: string, part: PolygonRings, issues: FeatureIssue[]): boolean {
  const hit = firstSelfIntersection(part);
  if (hit) {
    issues.push({ index, property: path, code: 'SELF_INTERSECTION', reason: `rings intersect at [${round7(hit[0])}, ${round7(hit[1])}]` });
    return false;
  }
  for (let h = 1; h < part.length; h++) {
    if (part[h]!.some((v) => locateInParts(v, [[part[0]!]]) === OUTSIDE)) {
      issues.push({ index, property: `${path}[${h}]`, code: 'HOLE_OUTSIDE_SHELL', reason: 'hole is not inside its outer ring' });
      return false;
    }
  }
  return true;
}

/**
 * Validates a Polygon or MultiPolygon: structure, numbers, WGS84 range, closed rings of ≥ 4
 * positions, non-zero area, no self-intersection, holes inside their shell. Returns the
 * geometry with 2-D positions (altitudes dropped) when it is valid.
 */
export function checkGeometry(index: number, raw: unknown): { geometry: PolygonalGeometry | null; issues: FeatureIssue[] } {
  const issues: FeatureIssue[] = [];
  const fail = (property: string, code: IssueCode, reason: string) => {
    issues.push({ index, property, code, reason });
    return { geometry: null, issues };
  };
  if (!raw || typeof raw !== 'object') return fail('geometry', 'GEOMETRY_MISSING', 'feature has no geometry');
  const g = raw as { type?: unknown; coordinates?: unknown };
  if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') {
    return fail('geometry.type', 'GEOMETRY_TYPE', `expected Polygon or MultiPolygon, got ${JSON.stringify(g.type)}`);
  }
  if (!isArr(g.coordinates) || g.coordinates.length === 0) return fail('geometry.coordinates', 'COORDINATES_INVALID', 'no coordinates');
  const rawParts: { path: string; rings: unknown }[] =
    g.type === 'Polygon'
      ? [{ path: 'geometry.coordinates', rings: g.coordinates }]
      : g.coordinates.map((rings, p) => ({ path: `geometry.coordinates[${p}]`, rings }));
  const parts: PolygonRings[] = [];
  for (const { path, rings } of rawParts) {
    if (!isArr(rings) || rings.length === 0) {
      fail(path, 'COORDINATES_INVALID', 'a polygon must be a non-empty array of rings');
      continue;
    }
    const checked = rings.map((ring, r) => checkRing(index, `${path}[${r}]`, ring, issues));
    if (checked.every((r): r is Ring => r !== null)) parts.push(checked);
  }
  if (issues.length) return { geometry: null, issues };
  parts.forEach((part, p) => checkTopology(index, rawParts[p]!.path, part, issues));
  if (issues.length) return { geometry: null, issues };
  const geometry: PolygonalGeometry = g.type === 'Polygon' ? { type: 'Polygon', coordinates: parts[0]! } : { type: 'MultiPolygon', coordinates: parts };
  return { geometry, issues };
}
