import type { Types } from 'mongoose';
import type { AppContext } from '../../core/context';
import { CaseModel } from './case.model';

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
 */
export async function findPossibleDuplicates(
  ctx: AppContext,
  categoryCode: string,
  point: readonly [number, number] | number[],
  now: Date,
  selfId: Types.ObjectId,
): Promise<{ id: string; caseNo: string; distanceM: number }[]> {
  const since = new Date(now.getTime() - ctx.config.DUPLICATE_WINDOW_HOURS * 3600_000);
  // A latitude band narrows the scan on MongoDB; the exact distance is computed below.
  const dLat = ctx.config.DUPLICATE_RADIUS_M / 111_000;
  const candidates = await CaseModel.find(
    {
      categoryCode,
      status: { $in: ['reported', 'filed', 'dispatched', 'in_progress', 'resolved'] },
      reportedAt: { $gte: since, $lte: now },
      'location.coordinates.1': { $gte: point[1]! - dLat, $lte: point[1]! + dLat },
    },
    { caseNo: 1, location: 1 },
  )
    .limit(200)
    .lean<{ _id: Types.ObjectId; caseNo: string; location: { coordinates: number[] } }[]>();
  return candidates
    .filter((c) => !c._id.equals(selfId))
    .map((c) => ({ id: String(c._id), caseNo: c.caseNo, distanceM: Math.round(distanceM(point, c.location.coordinates) * 10) / 10 }))
    .filter((c) => c.distanceM <= ctx.config.DUPLICATE_RADIUS_M)
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, 10);
}
