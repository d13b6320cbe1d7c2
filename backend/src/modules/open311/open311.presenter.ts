import type { CaseStatus } from '../../contracts';
import type { Category } from '../catalogue';
import type { RequestDto } from './open311.schemas';

/** GeoReport has two statuses: a case is open until it is closed, rejected or merged. */
const CLOSED: ReadonlySet<string> = new Set<CaseStatus>(['closed', 'rejected', 'merged']);
export const georeportStatus = (s: string): 'open' | 'closed' => (CLOSED.has(s) ? 'closed' : 'open');
export const statusesFor = (g: 'open' | 'closed'): CaseStatus[] =>
  g === 'closed' ? ['closed', 'rejected', 'merged'] : ['reported', 'filed', 'dispatched', 'in_progress', 'resolved'];

/** Public notes per status (the internal timeline notes stay internal). */
const STATUS_NOTES: Record<CaseStatus, string> = {
  reported: 'Received; awaiting review by the command centre (已上报，待立案)',
  filed: 'Accepted as a case (已立案)',
  dispatched: 'Assigned to an enforcement team (已派遣)',
  in_progress: 'Being handled (处置中)',
  resolved: 'Handled; awaiting verification (处置完毕，待核查)',
  closed: 'Closed after verification (已结案)',
  rejected: 'Not accepted as a case (不予立案)',
  merged: 'Merged with an earlier report of the same problem (已合并)',
};

/** W3C date-time in China Standard Time (UTC+8, no DST): `2026-05-01T09:30:00+08:00`. */
export function w3c(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export function presentService(c: Category) {
  return {
    service_code: c.code,
    service_name: c.name.zh,
    description: `${c.name.en}. ${c.legalBasis}`.slice(0, 1000),
    metadata: false,
    type: 'realtime' as const,
    keywords: [c.domain, c.name.en].join(','),
    group: c.domain,
  };
}

/** The public fields of a case reported through Open311: never the reporter or contact. */
export interface PublicCase {
  caseNo: string;
  status: string;
  categoryCode: string;
  description: string;
  address: string | null;
  location: { coordinates: number[] };
  reportedAt: Date;
  updatedAt: Date;
  mergedInto?: { caseNo?: string } | null;
}

export function presentRequest(
  c: PublicCase,
  category: Pick<Category, 'name'> | null,
  info: { mediaUrl?: string | null; addressId?: string | null } | null,
): RequestDto {
  const status = c.status as CaseStatus;
  let notes = STATUS_NOTES[status] ?? null;
  if (status === 'merged' && c.mergedInto?.caseNo) notes = `${notes}: ${c.mergedInto.caseNo}`;
  return {
    service_request_id: c.caseNo,
    status: georeportStatus(status),
    status_notes: notes,
    service_name: category?.name.zh ?? null,
    service_code: c.categoryCode,
    description: c.description ?? null,
    agency_responsible: null,
    service_notice: null,
    requested_datetime: w3c(c.reportedAt),
    updated_datetime: w3c(c.updatedAt),
    expected_datetime: null,
    address: c.address ?? null,
    address_id: info?.addressId ?? null,
    zipcode: null,
    lat: c.location.coordinates[1]!,
    long: c.location.coordinates[0]!,
    media_url: info?.mediaUrl ?? null,
  };
}
