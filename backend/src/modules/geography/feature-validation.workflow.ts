import type { LocalizedName } from '../../contracts';
import { bboxOf, partsOf, type BBox, type PolygonalGeometry, type PolygonRings } from './flat-geometry.workflow';
import { checkGeometry, type FeatureIssue } from './geometry-validation.workflow';

export const IMPORT_KINDS = ['zones', 'grid-cells'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** A reference written either as an id or as a code (fixtures use codes, exports ids). */
export interface Ref {
  id?: string;
  code?: string;
}

export interface FeatureProps {
  code: string;
  name: LocalizedName;
  /** zones: the owning team; grid cells: the zone. */
  parent: Ref;
  /** grid cells only; undefined keeps the cell's current inspectors. */
  inspectorIds?: string[];
  /** grid cells only: the village or community (村、社区) the cell belongs to; undefined keeps the current one. */
  village?: { code: string; name: LocalizedName } | null;
}

/** A feature that passed the per-feature checks. */
export interface CheckedFeature {
  index: number;
  geometry: PolygonalGeometry;
  parts: PolygonRings[];
  bbox: BBox;
  props: FeatureProps;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$/;
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const PARENT = { zones: ['teamId', 'teamCode'], 'grid-cells': ['zoneId', 'zoneCode'] } as const;

function parseName(v: unknown): LocalizedName | null {
  if (typeof v === 'string' && v.trim() && v.length <= 200) return { zh: v.trim(), en: v.trim() };
  if (v && typeof v === 'object') {
    const n = v as { zh?: unknown; en?: unknown };
    if (typeof n.zh === 'string' && n.zh.trim() && typeof n.en === 'string' && n.en.trim() && n.zh.length <= 200 && n.en.length <= 200) {
      return { zh: n.zh.trim(), en: n.en.trim() };
    }
  }
  return null;
}

function checkProps(kind: ImportKind, index: number, raw: unknown, issues: FeatureIssue[]): FeatureProps | null {
  const bad = (property: string, code: 'PROPERTY_MISSING' | 'PROPERTY_INVALID', reason: string) => {
    issues.push({ index, property, code, reason });
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    bad('properties', 'PROPERTY_MISSING', 'feature has no properties object');
    return null;
  }
  const p = raw as Record<string, unknown>;
  const before = issues.length;
  if (p.code === undefined) bad('properties.code', 'PROPERTY_MISSING', 'code is required');
  else if (typeof p.code !== 'string' || !CODE.test(p.code)) bad('properties.code', 'PROPERTY_INVALID', 'code: letters, digits, "_", "." or "-", at most 40');
  const name = parseName(p.name);
  if (p.name === undefined) bad('properties.name', 'PROPERTY_MISSING', 'name is required (a string or {zh, en})');
  else if (!name) bad('properties.name', 'PROPERTY_INVALID', 'name must be a non-empty string or {zh, en}');
  const [idKey, codeKey] = PARENT[kind];
  const parent: Ref = {};
  if (p[idKey] !== undefined && p[idKey] !== null) {
    if (typeof p[idKey] === 'string' && OBJECT_ID.test(p[idKey])) parent.id = p[idKey];
    else bad(`properties.${idKey}`, 'PROPERTY_INVALID', `${idKey} must be a 24-character hex id`);
  } else if (p[codeKey] !== undefined && p[codeKey] !== null) {
    if (typeof p[codeKey] === 'string' && CODE.test(p[codeKey])) parent.code = p[codeKey];
    else bad(`properties.${codeKey}`, 'PROPERTY_INVALID', `${codeKey} must be a code`);
  } else bad(`properties.${idKey}`, 'PROPERTY_MISSING', `${idKey} or ${codeKey} is required`);
  let inspectorIds: string[] | undefined;
  if (kind === 'grid-cells' && p.inspectorIds !== undefined) {
    if (!Array.isArray(p.inspectorIds) || p.inspectorIds.length > 20) {
      bad('properties.inspectorIds', 'PROPERTY_INVALID', 'inspectorIds must be an array of at most 20 user ids');
    } else {
      const bi = p.inspectorIds.findIndex((v) => typeof v !== 'string' || !OBJECT_ID.test(v));
      if (bi >= 0) bad(`properties.inspectorIds[${bi}]`, 'PROPERTY_INVALID', 'must be a 24-character hex user id');
      else inspectorIds = [...new Set(p.inspectorIds as string[])];
    }
  }
  let village: FeatureProps['village'];
  if (kind === 'grid-cells' && p.village !== undefined) {
    const v = p.village as { code?: unknown; name?: unknown } | null;
    const vName = v && typeof v === 'object' ? parseName(v.name) : null;
    if (v === null) village = null;
    else if (typeof v !== 'object' || Array.isArray(v)) bad('properties.village', 'PROPERTY_INVALID', 'village must be {code, name} or null');
    else if (typeof v.code !== 'string' || !CODE.test(v.code)) bad('properties.village.code', 'PROPERTY_INVALID', 'village.code must be a code');
    else if (!vName) bad('properties.village.name', 'PROPERTY_INVALID', 'village.name must be a non-empty string or {zh, en}');
    else village = { code: v.code, name: vName };
  }
  if (issues.length > before || !name) return null;
  return { code: p.code as string, name, parent, ...(inspectorIds ? { inspectorIds } : {}), ...(village !== undefined ? { village } : {}) };
}

/** Per-feature checks: a GeoJSON Feature, a valid Polygon/MultiPolygon, the kind's properties. */
export function checkFeature(kind: ImportKind, index: number, raw: unknown): { feature: CheckedFeature | null; issues: FeatureIssue[] } {
  if (!raw || typeof raw !== 'object' || (raw as { type?: unknown }).type !== 'Feature') {
    return { feature: null, issues: [{ index, property: 'type', code: 'FEATURE_INVALID', reason: 'expected a GeoJSON Feature' }] };
  }
  const f = raw as { geometry?: unknown; properties?: unknown };
  const { geometry, issues } = checkGeometry(index, f.geometry);
  const props = checkProps(kind, index, f.properties, issues);
  if (!geometry || !props) return { feature: null, issues };
  const parts = partsOf(geometry);
  return { feature: { index, geometry, parts, bbox: bboxOf(parts), props }, issues };
}

/** A code used twice in one file: the later features are reported, naming the first. */
export function duplicateCodeIssues(features: CheckedFeature[]): FeatureIssue[] {
  const first = new Map<string, number>();
  const issues: FeatureIssue[] = [];
  for (const f of features) {
    const seen = first.get(f.props.code);
    if (seen === undefined) first.set(f.props.code, f.index);
    else issues.push({ index: f.index, property: 'properties.code', code: 'DUPLICATE_CODE', reason: `code ${f.props.code} is also used by feature ${seen}` });
  }
  return issues;
}
