import { Types } from 'mongoose';
import { conflict, isDuplicateKey, notFound, unprocessable } from '../../core/errors';
import { UserModel, deriveInspectorGrids } from '../users';
import type { AgencyDoc } from './agency.model';
import type { GridCellDoc } from './grid-cell.model';
import { agencies, cells, findByIds, teams, zones } from './org.repository';
import type {
  CreateAgencyBody,
  CreateCellBody,
  CreateTeamBody,
  CreateZoneBody,
  UpdateAgencyBody,
  UpdateCellBody,
  UpdateTeamBody,
  UpdateZoneBody,
} from './org.schemas';
import type { TeamDoc } from './team.model';
import type { ZoneDoc } from './zone.model';

const oid = (id: string) => new Types.ObjectId(id);

const invalidRef = (path: string, message: string) => unprocessable('INVALID_REFERENCE', message, { path });

async function insertUnique<T>(what: string, code: string, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (err) {
    if (isDuplicateKey(err)) throw conflict('CODE_TAKEN', `A ${what} with code ${code} already exists`, { code });
    throw err;
  }
}

/** Users with the given role among ids, as a set of id strings (disabled users are kept: they may return). */
export async function usersWithRole(ids: string[], role: string): Promise<Set<string>> {
  const found = await findByIds<{ _id: Types.ObjectId; role: string }>(UserModel, ids);
  return new Set(found.filter((u) => u.role === role).map((u) => String(u._id)));
}

async function checkLeader(leaderId: string | null | undefined): Promise<void> {
  if (!leaderId) return;
  if (!(await usersWithRole([leaderId], 'team_leader')).has(leaderId)) {
    throw invalidRef('leaderId', `User ${leaderId} is not a team leader`);
  }
}

async function checkInspectors(ids: string[] | undefined): Promise<void> {
  if (!ids?.length) return;
  const ok = await usersWithRole(ids, 'inspector');
  const bad = ids.findIndex((id) => !ok.has(id));
  if (bad >= 0) throw invalidRef(`inspectorIds.${bad}`, `User ${ids[bad]} is not an inspector`);
}

async function zoneTeam(teamId: string): Promise<TeamDoc> {
  const team = await teams.byId(teamId);
  if (!team) throw invalidRef('teamId', `Team ${teamId} does not exist`);
  if (team.kind !== 'zone') throw invalidRef('teamId', `Team ${team.code} is a domain team; zones belong to zone teams`);
  return team;
}

export async function createTeam(body: CreateTeamBody): Promise<TeamDoc> {
  await checkLeader(body.leaderId);
  return insertUnique('team', body.code, () =>
    teams.insert({ ...body, leaderId: body.leaderId ? oid(body.leaderId) : null, active: true }),
  );
}

export async function updateTeam(id: string, patch: UpdateTeamBody): Promise<TeamDoc> {
  const team = await teams.byId(id);
  if (!team) throw notFound('team', id);
  await checkLeader(patch.leaderId);
  const domains = patch.domains ?? team.domains;
  if (team.kind === 'domain' ? domains.length === 0 : domains.length > 0) {
    throw unprocessable('INVALID_DOMAINS', 'A domain team needs at least one domain; a zone team has none', { path: 'domains' });
  }
  const set: Record<string, unknown> = { ...patch };
  if (patch.leaderId !== undefined) set.leaderId = patch.leaderId ? oid(patch.leaderId) : null;
  return (await teams.update(team._id, set)) ?? team;
}

export async function getTeam(id: string): Promise<TeamDoc> {
  return (await teams.byId(id)) ?? Promise.reject(notFound('team', id));
}

export async function createZone(body: CreateZoneBody): Promise<ZoneDoc> {
  await zoneTeam(body.teamId);
  return insertUnique('zone', body.code, () => zones.insert({ ...body, teamId: oid(body.teamId) }));
}

export async function updateZone(id: string, patch: UpdateZoneBody): Promise<ZoneDoc> {
  const zone = await zones.byId(id);
  if (!zone) throw notFound('zone', id);
  const set: Record<string, unknown> = {};
  if (patch.name) set.name = patch.name;
  if (patch.teamId) set.teamId = (await zoneTeam(patch.teamId))._id;
  return (await zones.update(zone._id, set)) ?? zone;
}

export async function getZone(id: string): Promise<ZoneDoc> {
  return (await zones.byId(id)) ?? Promise.reject(notFound('zone', id));
}

export async function createCell(body: CreateCellBody): Promise<GridCellDoc> {
  if (!(await zones.byId(body.zoneId))) throw invalidRef('zoneId', `Zone ${body.zoneId} does not exist`);
  await checkInspectors(body.inspectorIds);
  const cell = await insertUnique('grid cell', body.code, () =>
    cells.insert({ ...body, zoneId: oid(body.zoneId), inspectorIds: body.inspectorIds.map(oid) }),
  );
  // cell.inspectorIds is the source of truth; the inspectors' gridIds follow (see users/inspector-cells.service).
  await deriveInspectorGrids(body.inspectorIds);
  return cell;
}

export async function updateCell(id: string, patch: UpdateCellBody): Promise<GridCellDoc> {
  const cell = await cells.byId(id);
  if (!cell) throw notFound('grid cell', id);
  await checkInspectors(patch.inspectorIds);
  const set: Record<string, unknown> = {};
  if (patch.name) set.name = patch.name;
  if (patch.inspectorIds) set.inspectorIds = [...new Set(patch.inspectorIds)].map(oid);
  const updated = (await cells.update(cell._id, set)) ?? cell;
  // cell.inspectorIds is the source of truth: the inspectors who joined or left get their gridIds derived again.
  if (patch.inspectorIds) await deriveInspectorGrids([...(cell.inspectorIds ?? []).map(String), ...patch.inspectorIds]);
  return updated;
}

export async function getCell(id: string): Promise<GridCellDoc> {
  return (await cells.byId(id)) ?? Promise.reject(notFound('grid cell', id));
}

export async function createAgency(body: CreateAgencyBody): Promise<AgencyDoc> {
  return insertUnique('agency', body.code, () => agencies.insert(body));
}

export async function updateAgency(id: string, patch: UpdateAgencyBody): Promise<AgencyDoc> {
  const agency = await agencies.byId(id);
  if (!agency) throw notFound('agency', id);
  return (await agencies.update(agency._id, { ...patch })) ?? agency;
}

export async function getAgency(id: string): Promise<AgencyDoc> {
  return (await agencies.byId(id)) ?? Promise.reject(notFound('agency', id));
}
