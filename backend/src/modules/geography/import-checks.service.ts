import { EdgeSet } from './edge-set.workflow';
import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { teams as orgTeams, usersWithRole, zones as orgZones } from '../org';
import { checkFeature, duplicateCodeIssues, type CheckedFeature, type ImportKind, type Ref } from './feature-validation.workflow';
import { unflattenParts } from './flat-geometry.workflow';
import type { FeatureIssue } from './geometry-validation.workflow';
import { activeVersion, readFeatures } from './geography.repository';
import { MIN_INSIDE_RATIO, OverlapFinder, areaOf, insideRatio } from './topology.workflow';

/** A valid feature with its parent (team of a zone, zone of a cell) resolved to an id. */
export interface ResolvedFeature extends CheckedFeature {
  parentId: string;
}

/** Longest stretch of validation between two yields to the event loop (other requests wait meanwhile). */
const SLICE_MS = 40;

type Progress = (processed: number) => Promise<void>;

/** Returns a function that yields to the event loop once SLICE_MS have passed since the last yield. */
function breather(onYield?: () => Promise<void>) {
  let last = performance.now();
  return async () => {
    if (performance.now() - last < SLICE_MS) return;
    if (onYield) await onYield();
    await yieldToLoop();
    last = performance.now();
  };
}

/** Per-feature checks over the whole file, in slices so progress is reported and the loop breathes. */
async function checkAll(kind: ImportKind, raw: unknown[], issues: FeatureIssue[], progress: Progress): Promise<CheckedFeature[]> {
  const ok: CheckedFeature[] = [];
  let done = 0;
  const breathe = breather(() => progress(done));
  for (let i = 0; i < raw.length; i++) {
    const r = checkFeature(kind, i, raw[i]);
    issues.push(...r.issues);
    if (r.feature) ok.push(r.feature);
    done = i + 1;
    await breathe();
  }
  await progress(raw.length);
  return ok;
}

function resolver<T extends { _id: unknown; code: string }>(docs: T[]) {
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const byCode = new Map(docs.map((d) => [d.code, d]));
  return (ref: Ref) => (ref.id ? byId.get(ref.id) : byCode.get(ref.code!));
}

/** Zones name a zone team; cells name a zone that has geometry, and inspectors who are inspectors. */
async function resolveRefs(kind: ImportKind, features: CheckedFeature[], issues: FeatureIssue[]) {
  const resolved: ResolvedFeature[] = [];
  const refKey = (f: CheckedFeature) => (kind === 'zones' ? (f.props.parent.id ? 'teamId' : 'teamCode') : f.props.parent.id ? 'zoneId' : 'zoneCode');
  const refText = (f: CheckedFeature) => f.props.parent.id ?? f.props.parent.code;
  if (kind === 'zones') {
    const team = resolver(await orgTeams.all());
    for (const f of features) {
      const t = team(f.props.parent);
      if (!t) issues.push({ index: f.index, property: `properties.${refKey(f)}`, code: 'UNKNOWN_TEAM', reason: `no team ${refText(f)}` });
      else if (t.kind !== 'zone') issues.push({ index: f.index, property: `properties.${refKey(f)}`, code: 'UNKNOWN_TEAM', reason: `team ${t.code} is a domain team; zones belong to zone teams` });
      else resolved.push({ ...f, parentId: String(t._id) });
    }
    return { resolved, zoneShapes: new Map<string, EdgeSet>() };
  }
  const zone = resolver(await orgZones.all());
  const version = await activeVersion('zones');
  const zoneFeatures = version === null ? [] : ((await readFeatures('zones', version)) ?? []);
  const zoneParts = new Map(zoneFeatures.map((z) => [String(z.id), z]));
  const inspectors = await usersWithRole(features.flatMap((f) => f.props.inspectorIds ?? []), 'inspector');
  const zoneShapes = new Map<string, EdgeSet>();
  for (const f of features) {
    const z = zone(f.props.parent);
    const before = issues.length;
    if (!z) issues.push({ index: f.index, property: `properties.${refKey(f)}`, code: 'UNKNOWN_ZONE', reason: `no zone ${refText(f)}` });
    else if (!zoneParts.has(String(z._id))) {
      issues.push({ index: f.index, property: `properties.${refKey(f)}`, code: 'ZONE_WITHOUT_GEOMETRY', reason: `zone ${z.code} has no geometry in the active zone version; import zones first` });
    }
    (f.props.inspectorIds ?? []).forEach((id, k) => {
      if (!inspectors.has(id)) issues.push({ index: f.index, property: `properties.inspectorIds[${k}]`, code: 'UNKNOWN_INSPECTOR', reason: `user ${id} is not an inspector` });
    });
    if (issues.length > before || !z) continue;
    const id = String(z._id);
    if (!zoneShapes.has(id)) zoneShapes.set(id, new EdgeSet(unflattenParts(zoneParts.get(id)!)));
    resolved.push({ ...f, parentId: id });
  }
  return { resolved, zoneShapes };
}

/**
 * Validates a whole import before anything is written: per-feature geometry and properties,
 * duplicate codes, references, cells inside their zone (≥ 99.5 % of the area) and overlaps
 * between features (more than 0.5 % of the smaller one). Returns every issue found and, when
 * there are none, the features ready to write.
 */
export async function validateImport(kind: ImportKind, raw: unknown[], progress: Progress): Promise<{ issues: FeatureIssue[]; features: ResolvedFeature[] }> {
  const issues: FeatureIssue[] = [];
  const checked = await checkAll(kind, raw, issues, progress);
  issues.push(...duplicateCodeIssues(checked));
  const { resolved, zoneShapes } = await resolveRefs(kind, checked, issues);
  const areas = resolved.map((f) => areaOf(f.parts));
  const breathe = breather();
  const topologyFailed = (f: ResolvedFeature, err: unknown) =>
    issues.push({ index: f.index, property: 'geometry', code: 'TOPOLOGY_FAILED', reason: `could not compare shapes: ${(err as Error).message}` });
  for (let i = 0; i < resolved.length; i++) {
    const f = resolved[i]!;
    const zone = zoneShapes.get(f.parentId);
    if (zone) {
      try {
        const ratio = insideRatio(f, zone, areas[i]!);
        if (ratio < MIN_INSIDE_RATIO) {
          const property = f.props.parent.id ? 'properties.zoneId' : 'properties.zoneCode';
          issues.push({ index: f.index, property, code: 'OUTSIDE_ZONE', reason: `only ${(ratio * 100).toFixed(1)}% of the cell lies inside its zone (at least ${MIN_INSIDE_RATIO * 100}% needed)` });
        }
      } catch (err) {
        topologyFailed(f, err);
      }
    }
    await breathe();
  }
  const finder = new OverlapFinder(resolved, areas);
  const codeAt = new Map(resolved.map((r) => [r.index, r.props.code]));
  for (let i = 0; i < resolved.length; i++) {
    try {
      for (const o of finder.overlapsOf(i)) {
        const pct = `${(o.ratio * 100).toFixed(1)}% of the smaller`;
        issues.push({ index: o.a, property: 'geometry', code: 'OVERLAP', reason: `overlaps feature ${o.b} (${codeAt.get(o.b)}) by ${Math.round(o.area)} m² (${pct})` });
        issues.push({ index: o.b, property: 'geometry', code: 'OVERLAP', reason: `overlaps feature ${o.a} (${codeAt.get(o.a)}) by ${Math.round(o.area)} m² (${pct})` });
      }
    } catch (err) {
      topologyFailed(resolved[i]!, err);
    }
    await breathe();
  }
  issues.sort((a, b) => a.index - b.index);
  return { issues, features: issues.length ? [] : resolved };
}

