import type { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { caseIndex } from './case-index';

const OPEN = new Set(['reported', 'filed', 'dispatched', 'in_progress', 'resolved']);

const EARTH_RADIUS_M = 6371008.8;

/** Great-circle distance in metres between two [lng, lat] points (haversine). */
export function distanceM(a: readonly [number, number] | number[], b: readonly [number, number] | number[]): number {
  const rad = Math.PI / 180;
  const dLat = (b[1]! - a[1]!) * rad;
  const dLng = (b[0]! - a[0]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1]! * rad) * Math.cos(b[1]! * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Open cases of the same category reported within the radius and time window (default 50 m, 72 h)
 * before this one: possible duplicates, flagged on the new case for the dispatcher to merge.
 * Read from the in-memory case index (case-index.ts), not the collection: on FerretDB any filter
 * but `_id` scans every case, which made this check most of a report's cost.
 */
export async function findPossibleDuplicates(
  ctx: AppContext,
  categoryCode: string,
  point: readonly [number, number] | number[],
  now: Date,
  selfId: Types.ObjectId,
): Promise<{ id: string; caseNo: string; distanceM: number }[]> {
  const index = caseIndex();
  await index.fresh();
  const to = now.getTime();
  const since = to - ctx.config.DUPLICATE_WINDOW_HOURS * 3600_000;
  const radius = ctx.config.DUPLICATE_RADIUS_M;
  // A latitude band first (cheap), then the exact distance.
  const dLat = radius / 111_000;
  const self = String(selfId);
  const out: { id: string; caseNo: string; distanceM: number }[] = [];
  for (const c of index.inCategory(categoryCode)) {
    if (c.id === self || !OPEN.has(c.status) || c.reportedAt < since || c.reportedAt > to) continue;
    if (Math.abs(c.lat - point[1]!) > dLat) continue;
    const d = Math.round(distanceM(point, [c.lng, c.lat]) * 10) / 10;
    if (d <= radius) out.push({ id: c.id, caseNo: c.caseNo, distanceM: d });
  }
  return out.sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : 1)).slice(0, 10);
}
