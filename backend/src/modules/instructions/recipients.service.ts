import { Types } from 'mongoose';
import { forbidden, unprocessable } from '../../core/errors';
import type { AuthUser } from '../auth';
import { GridCellModel, TeamModel, ZoneModel } from '../org';
import { UserModel } from '../users';
import { outsideTeam, type NamedTargets, type TeamReach } from './instructions.policy';
import type { SendInstructionBody } from './instructions.schemas';

/** One instruction reaches at most this many people (a township has a few hundred staff). */
const MAX_RECIPIENTS = 5000;

const oids = (ids: Iterable<string>) => [...new Set(ids)].map((id) => new Types.ObjectId(id));
const str = (v: unknown) => (v ? String(v) : null);

interface Loaded<T> {
  found: T[];
  unknown: string[];
}

/** Loads documents in the order the ids were given; reports the ids that do not exist as paths. */
async function loadNamed<T extends { _id: Types.ObjectId }>(
  query: (ids: Types.ObjectId[]) => Promise<T[]>,
  ids: string[],
  path: string,
): Promise<Loaded<T>> {
  if (ids.length === 0) return { found: [], unknown: [] };
  const byId = new Map((await query(oids(ids))).map((d) => [String(d._id), d]));
  const unknown: string[] = [];
  const found: T[] = [];
  ids.forEach((id, i) => {
    const d = byId.get(id);
    if (d) found.push(d);
    else unknown.push(`${path}.${i}`);
  });
  return { found, unknown };
}

type Targets = SendInstructionBody['targets'];

async function loadTargets(t: Targets) {
  const [teams, zones, cells, users] = await Promise.all([
    loadNamed((ids) => TeamModel.find({ _id: { $in: ids } }, { leaderId: 1 }).lean(), t.teamIds, 'targets.teamIds'),
    loadNamed((ids) => ZoneModel.find({ _id: { $in: ids } }, { teamId: 1 }).lean(), t.zoneIds, 'targets.zoneIds'),
    loadNamed((ids) => GridCellModel.find({ _id: { $in: ids } }, { zoneId: 1, inspectorIds: 1 }).lean(), t.gridIds, 'targets.gridIds'),
    loadNamed(
      (ids) => UserModel.find({ _id: { $in: ids }, disabled: false }, { teamId: 1, gridIds: 1 }).lean(),
      t.userIds,
      'targets.userIds',
    ),
  ]);
  const unknown = [...teams.unknown, ...zones.unknown, ...cells.unknown, ...users.unknown];
  // Unknown (or disabled) targets are one consistent 422, whoever sends.
  if (unknown.length) throw unprocessable('UNKNOWN_TARGET', 'Some targets do not exist', { paths: unknown });
  return { teams: teams.found, zones: zones.found, cells: cells.found, users: users.found };
}

type LoadedTargets = Awaited<ReturnType<typeof loadTargets>>;

function named(l: LoadedTargets): NamedTargets {
  return {
    teams: l.teams.map((x) => ({ id: String(x._id) })),
    zones: l.zones.map((x) => ({ id: String(x._id), teamId: String(x.teamId) })),
    cells: l.cells.map((x) => ({ id: String(x._id), zoneId: String(x.zoneId) })),
    users: l.users.map((u) => ({ id: String(u._id), teamId: str(u.teamId), gridIds: (u.gridIds ?? []).map(String) })),
  };
}

export async function reachOf(teamId: string): Promise<TeamReach> {
  const zones = await ZoneModel.find({ teamId: new Types.ObjectId(teamId) }, { _id: 1 }).lean();
  const cells = zones.length
    ? await GridCellModel.find({ zoneId: { $in: zones.map((z) => z._id) } }, { inspectorIds: 1 }).lean()
    : [];
  return {
    teamId,
    zoneIds: new Set(zones.map((z) => String(z._id))),
    cellIds: new Set(cells.map((c) => String(c._id))),
    cellInspectorIds: new Set(cells.flatMap((c) => (c.inspectorIds ?? []).map(String))),
  };
}

/**
 * Resolves the targets to the users they mean now (stored with the instruction):
 * a team → its members, its leader and the inspectors of its zones' cells; a zone → its team's
 * leaders and its cells' inspectors; a cell → its inspectors (listed on the cell or scoped to it);
 * a user → that user. Disabled users and the sender are left out. Unknown targets → 422; a
 * team leader naming anything outside their team → 403.
 */
export async function resolveRecipients(sender: AuthUser, t: Targets): Promise<string[]> {
  const loaded = await loadTargets(t);
  if (sender.role === 'team_leader') {
    const bad = outsideTeam(named(loaded), await reachOf(sender.teamId!));
    if (bad.length) throw forbidden('A team leader may only instruct their own team, its zones, cells and members', 'OUT_OF_SCOPE');
  }
  const teamIds = loaded.teams.map((x) => x._id);
  const teamZones = teamIds.length ? await ZoneModel.find({ teamId: { $in: teamIds } }, { _id: 1 }).lean() : [];
  const zoneIds = [...teamZones.map((z) => z._id), ...loaded.zones.map((z) => z._id)];
  const zoneCells = zoneIds.length
    ? await GridCellModel.find({ zoneId: { $in: zoneIds } }, { inspectorIds: 1 }).lean()
    : [];
  const cells = [...zoneCells, ...loaded.cells];
  const zoneTeamIds = oids(loaded.zones.map((z) => String(z.teamId)));
  const zoneTeams = zoneTeamIds.length ? await TeamModel.find({ _id: { $in: zoneTeamIds } }, { leaderId: 1 }).lean() : [];
  const direct = [
    ...loaded.users.map((u) => String(u._id)),
    ...cells.flatMap((c) => (c.inspectorIds ?? []).map(String)),
    ...[...loaded.teams, ...zoneTeams].flatMap((x) => (x.leaderId ? [String(x.leaderId)] : [])),
  ];
  const users = await UserModel.find(
    {
      disabled: false,
      $or: [
        { _id: { $in: oids(direct) } },
        { teamId: { $in: teamIds } },
        { role: 'team_leader', teamId: { $in: zoneTeamIds } },
        { gridIds: { $in: cells.map((c) => c._id) } },
      ],
    },
    { _id: 1 },
  ).lean();
  const ids = [...new Set(users.map((u) => String(u._id)))].filter((id) => id !== sender.id);
  if (ids.length === 0) throw unprocessable('NO_RECIPIENTS', 'The targets reach nobody (no active users there)');
  if (ids.length > MAX_RECIPIENTS) {
    throw unprocessable('TOO_MANY_RECIPIENTS', `One instruction reaches at most ${MAX_RECIPIENTS} people`, { count: ids.length });
  }
  return ids;
}
