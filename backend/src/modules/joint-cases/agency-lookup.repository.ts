import { Types } from 'mongoose';
import type { LocalizedName } from '../../contracts';
import { unprocessable } from '../../core/errors';
import { AgencyModel, TeamModel } from '../org';
import { UserModel } from '../users';

/**
 * Batch lookups over the org module's agencies and teams (read through its exported models) and
 * the users who act for them. Shared with the meetings module through this module's index.
 */
export interface UnitLabel {
  id: string;
  code: string;
  name: LocalizedName;
}

const oids = (ids: string[]) => [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));

async function labels(model: typeof AgencyModel | typeof TeamModel, ids: string[]): Promise<Map<string, UnitLabel & { active: boolean }>> {
  const valid = oids(ids);
  if (valid.length === 0) return new Map();
  const rows = await (model as typeof AgencyModel)
    .find({ _id: { $in: valid } }, { code: 1, name: 1, active: 1 })
    .lean<{ _id: Types.ObjectId; code: string; name: LocalizedName; active?: boolean }[]>();
  return new Map(rows.map((r) => [String(r._id), { id: String(r._id), code: r.code, name: { zh: r.name.zh, en: r.name.en }, active: r.active !== false }]));
}

export const agencyLabels = (ids: string[]) => labels(AgencyModel, ids);
export const teamLabels = (ids: string[]) => labels(TeamModel, ids);

/** 422 INVALID_REFERENCE naming the first id that is not an active agency. */
export async function assertActiveAgencies(ids: string[], path: string): Promise<void> {
  const found = await agencyLabels(ids);
  const bad = ids.findIndex((id) => !found.get(id)?.active);
  if (bad >= 0) throw unprocessable('INVALID_REFERENCE', `Agency ${ids[bad]} does not exist or is inactive`, { path: `${path}.${bad}` });
}

export async function assertTeamExists(id: string, path: string): Promise<void> {
  if (!(await teamLabels([id])).get(id)?.active) throw unprocessable('INVALID_REFERENCE', `Team ${id} does not exist or is inactive`, { path });
}

async function activeUserIds(filter: Record<string, unknown>): Promise<string[]> {
  const rows = await UserModel.find({ ...filter, disabled: false }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>();
  return rows.map((u) => String(u._id));
}

/** Liaison users (派驻机构联络员) of the given agencies. */
export const liaisonsOf = (agencyIds: string[]) => activeUserIds({ role: 'agency_liaison', agencyId: { $in: oids(agencyIds) } });
/** Team leaders of the given teams. */
export const teamLeadersOf = (teamIds: string[]) => activeUserIds({ role: 'team_leader', teamId: { $in: oids(teamIds) } });
/** The bureau's dispatch centre and chief. */
export const bureauUsers = () => activeUserIds({ role: { $in: ['dispatcher', 'bureau_chief'] } });

/** Display names of users, by id. */
export async function userNames(ids: string[]): Promise<Map<string, string>> {
  const valid = oids(ids);
  if (valid.length === 0) return new Map();
  const rows = await UserModel.find({ _id: { $in: valid } }, { displayName: 1 }).lean<{ _id: Types.ObjectId; displayName: string }[]>();
  return new Map(rows.map((u) => [String(u._id), u.displayName]));
}
