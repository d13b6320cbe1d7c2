import { Types } from 'mongoose';
import type { CaseDto, PhotoDto } from '../../contracts';
import type { AppContext } from '../../core/context';
import type { AuthUser } from '../auth';
import { geography } from './geography.port';
import { userLabels } from '../users';
import { factsOf } from './case-facts';
import { actionsFor, canSeeCase } from './cases.policy';
import { presentCase } from './cases.presenter';
import type { CaseRecord } from './cases.repository';
import { PhotoModel, type PhotoRecord } from './photos.repository';
import { CaseModel } from './case.model';
import { findByIdsMap } from '../../core/by-ids';

/** Presents a page of cases with names resolved in batches (one query per kind, not per case). */
export async function viewCases(ctx: AppContext, user: AuthUser, cases: CaseRecord[], withPhotos = false): Promise<CaseDto[]> {
  const userIds = new Set<string>();
  for (const c of cases) {
    if (c.holderId) userIds.add(String(c.holderId));
    if (c.reporterId) userIds.add(String(c.reporterId));
  }
  // The caller was just read by requireAuth: no second read for their own name (the reporter of a new case).
  userIds.delete(user.id);
  const usersP = userLabels(userIds);
  const labelsP = geography().orgLabels({
    gridIds: [...new Set(cases.map((c) => c.gridId).filter(Boolean).map(String))],
    zoneIds: [...new Set(cases.map((c) => c.zoneId).filter(Boolean).map(String))],
    teamIds: [...new Set(cases.map((c) => c.teamId).filter(Boolean).map(String))],
  });
  // One catalogue lookup per category on the page, not per case.
  const categories = new Map<string, ReturnType<ReturnType<typeof geography>['getCategory']>>();
  for (const c of cases) if (!categories.has(c.categoryCode)) categories.set(c.categoryCode, geography().getCategory(c.categoryCode));
  const [users, labels, visibleDuplicates] = await Promise.all([usersP, labelsP, duplicatesVisibleTo(user, cases), ...categories.values()]);
  const byId = new Map(users);
  byId.set(user.id, { displayName: user.displayName, role: user.role });
  const now = ctx.clock.now();
  const out: CaseDto[] = [];
  for (const c of cases) {
    const cat = await categories.get(c.categoryCode)!;
    const category = cat ? { code: cat.code, name: cat.name, domain: cat.domain, penaltyCapable: Boolean(cat.penaltyCapable) } : null;
    const holder = c.holderId ? byId.get(String(c.holderId)) : undefined;
    const reporter = c.reporterId ? byId.get(String(c.reporterId)) : undefined;
    const dto = presentCase(c, {
      user,
      now,
      actions: actionsFor(user, c as never, factsOf(c, category?.penaltyCapable ?? false)),
      category,
      labels: {
        grid: c.gridId ? labels.grids.get(String(c.gridId)) ?? null : null,
        zone: c.zoneId ? labels.zones.get(String(c.zoneId)) ?? null : null,
        team: c.teamId ? labels.teams.get(String(c.teamId)) ?? null : null,
        holder: holder ? { displayName: holder.displayName, role: holder.role } : null,
        reporter: reporter ? { displayName: reporter.displayName } : null,
      },
    });
    dto.possibleDuplicates = dto.possibleDuplicates.filter((d) => visibleDuplicates.has(d.id));
    if (withPhotos) dto.photos = await photoDtos(c);
    out.push(dto);
  }
  return out;
}

export async function viewCase(ctx: AppContext, user: AuthUser, c: CaseRecord): Promise<CaseDto> {
  return (await viewCases(ctx, user, [c], true))[0]!;
}

/**
 * Duplicate hints name other cases: show only those the viewer may see (read in one `_id $in`,
 * at most ten per case), so a hint never leaks a case outside the caller's scope.
 */
async function duplicatesVisibleTo(user: AuthUser, cases: CaseRecord[]): Promise<Set<string>> {
  const ids = cases.flatMap((c) => (c.possibleDuplicates ?? []).map((d: { id: string }) => String(d.id))).filter((id) => Types.ObjectId.isValid(id));
  if (ids.length === 0) return new Set();
  const found = await findByIdsMap<CaseRecord>(CaseModel, ids.map((id) => new Types.ObjectId(id)), { projection: SCOPE_FIELDS });
  return new Set([...found.values()].filter((c) => canSeeCase(user, c as never)).map((c) => String(c._id)));
}

const SCOPE_FIELDS = { gridId: 1, teamId: 1, holderId: 1, reporterId: 1, agencyIds: 1 } as const;

/** The case's photos, read by primary key (one `_id $in`) from the ids its timeline recorded, in that order. */
async function photoDtos(c: CaseRecord): Promise<PhotoDto[]> {
  const ids: string[] = (c.photoIds ?? []).map(String);
  const byId = await findByIdsMap<PhotoRecord>(PhotoModel, ids.filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id)));
  const photos = ids.map((id) => byId.get(id)).filter((p) => p !== undefined);
  return photos.map((p) => ({
    id: String(p._id),
    url: `/api/v1/photos/${String(p._id)}`,
    thumbUrl: `/api/v1/photos/${String(p._id)}/thumb`,
    contentType: p.contentType,
    size: p.size,
    width: p.width,
    height: p.height,
    uploadedAt: p.uploadedAt.toISOString(),
  }));
}
