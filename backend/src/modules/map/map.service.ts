import { z } from 'zod';
import { CaseListQuery } from '../../contracts';
import type { AuthUser } from '../auth';
import { assertCaseRole } from '../cases';
import type { MapIndex, MapPoint } from './map-index';

const OPEN = new Set(['reported', 'filed', 'dispatched', 'in_progress', 'resolved']);

/** `GET /map/clusters`: the viewport, the zoom and the list filters (minus paging and sorting). */
export const ClusterQuery = CaseListQuery.omit({ sort: true, limit: true, cursor: true, q: true, mine: true }).extend({
  bbox: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map(Number))
    .pipe(
      z.tuple([
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
        z.number().min(-180).max(180),
        z.number().min(-90).max(90),
      ]),
    ),
  zoom: z.coerce.number().int().min(0).max(22),
});
export type ClusterQuery = z.infer<typeof ClusterQuery>;

/** The caller's scope as an in-memory predicate: the same rule as the cases policy's filter. */
export function scopePredicate(user: AuthUser): (p: MapPoint) => boolean {
  switch (user.role) {
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return () => true;
    case 'inspector': {
      const grids = new Set(user.gridIds);
      return (p) => (p.gridId !== null && grids.has(p.gridId)) || p.holderId === user.id || p.reporterId === user.id;
    }
    case 'team_leader':
      return (p) => (user.teamId !== null && p.teamId === user.teamId) || p.holderId === user.id;
    case 'agency_liaison':
      return (p) => user.agencyId !== null && p.agencyIds.includes(user.agencyId);
    default:
      return () => false;
  }
}

function filterPredicate(q: ClusterQuery, now: number): (p: MapPoint) => boolean {
  const statuses = q.status ? new Set<string>(q.status) : null;
  const tiers = q.tier ? new Set<string>(q.tier) : null;
  const cats = q.category ? new Set(q.category) : null;
  const domains = q.domain ? new Set<string>(q.domain) : null;
  const from = q.createdFrom ? Date.parse(q.createdFrom) : null;
  const to = q.createdTo ? Date.parse(q.createdTo) : null;
  return (p) =>
    (!statuses || statuses.has(p.status)) &&
    (!tiers || tiers.has(p.tier)) &&
    (!cats || cats.has(p.category)) &&
    (!domains || domains.has(p.domain)) &&
    (!q.teamId || p.teamId === q.teamId) &&
    (!q.zoneId || p.zoneId === q.zoneId) &&
    (!q.gridId || p.gridId === q.gridId) &&
    (!q.holderId || p.holderId === q.holderId) &&
    (from === null || p.createdAt >= from) &&
    (to === null || p.createdAt < to) &&
    (q.overdue === undefined || q.overdue === (OPEN.has(p.status) && p.dueAt !== null && p.dueAt < now));
}

/**
 * Clusters for a viewport: points are filtered by scope and query, clustered with supercluster
 * (cached per scope+filter until the data changes), then cut to the bounding box and zoom.
 */
export async function clustersFor(index: MapIndex, user: AuthUser, q: ClusterQuery, now: Date) {
  assertCaseRole(user);
  await index.fresh();
  const { bbox, zoom, ...filters } = q;
  const scopeKey = `${user.role}:${user.id}:${user.teamId}:${user.agencyId}:${user.gridIds.join('.')}`;
  // Overdue depends on "now": bucket it per minute so the cache still helps.
  const key = `${scopeKey}|${JSON.stringify(filters)}|${filters.overdue !== undefined ? Math.floor(now.getTime() / 60000) : ''}`;
  const scope = scopePredicate(user);
  const keep = filterPredicate(q, now.getTime());
  const sc = index.clusterIndex(key, (p) => scope(p) && keep(p));
  const features = sc.getClusters(bbox, zoom).map((f) => {
    const props = f.properties as { cluster?: boolean; cluster_id?: number; point_count?: number; id?: string };
    if (props.cluster) {
      return {
        type: 'Feature' as const,
        geometry: f.geometry,
        properties: {
          cluster: true,
          cluster_id: props.cluster_id,
          point_count: props.point_count,
          expansionZoom: Math.min(sc.getClusterExpansionZoom(props.cluster_id!), 18),
        },
      };
    }
    const p = index.get(props.id!)!;
    return {
      type: 'Feature' as const,
      geometry: f.geometry,
      properties: {
        caseId: p.id,
        caseNo: p.caseNo,
        status: p.status,
        tier: p.tier,
        category: p.category,
        domain: p.domain,
        overdue: OPEN.has(p.status) && p.dueAt !== null && p.dueAt < now.getTime(),
      },
    };
  });
  return { type: 'FeatureCollection' as const, features };
}
