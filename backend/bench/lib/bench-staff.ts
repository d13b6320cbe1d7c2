import mongoose from 'mongoose';
import type { AppContext } from '../../src/core/context';
import { connectDatabase } from '../../src/core/db';
import { signAccessToken, toAuthUser, type AuthUser } from '../../src/modules/auth';
import { readCategoryFixture } from '../../src/modules/catalogue';
import { demoStaffPlan, linkDemoStaff, loadCategories, loadDemoGeography } from '../../src/modules/geography';
import { cells, zones } from '../../src/modules/org';
import { ensureUser, type UserDoc } from '../../src/modules/users';

/** The demo geography's extent (白沙镇); a few points fall outside every cell (bureau queue). */
export const DEMO_BBOX = [106.0903718, 29.0462161, 106.1656001, 29.0907933] as const;

export interface Staff {
  /** Access tokens of up to 8 grid inspectors (reporters). */
  inspectors: string[];
  /** Access token of the leader of the zone team with the most cells. */
  leader: string;
  dispatcher: string;
  leaderUser: AuthUser;
  dispatcherUser: AuthUser;
  categories: string[];
}

/**
 * (Re)connects the default Mongoose connection to `dbName` and creates every model's indexes.
 * Command monitoring is fixed per pooled connection when it opens, so tracing asks for it here.
 */
export async function connectBench(ctx: AppContext, uri: string, dbName: string, trace = false): Promise<void> {
  // connectDatabase adds its own listeners on every call; a planned switch is not worth a warning.
  mongoose.connection.removeAllListeners('disconnected');
  if (mongoose.connection.readyState !== 0) await mongoose.disconnect();
  await connectDatabase({ uri: trace ? `${uri}?monitorCommands=true` : uri, dbName, timeoutMs: 10000, logger: ctx.logger });
}

/**
 * Catalogue, demo geography and staff in the connected database (every demo inspector and leader,
 * so cells and teams get their holders, and a dispatcher), with access tokens signed for them.
 */
export async function loadStaff(ctx: AppContext, password: string): Promise<Staff> {
  await loadCategories();
  await loadDemoGeography(ctx);
  const plan = await demoStaffPlan();
  const now = Math.floor(Date.now() / 1000);
  const token = (u: UserDoc) => signAccessToken(ctx.config, { sub: String(u._id), role: u.role, sv: u.sessionVersion ?? 0 }, now);
  const inspectors: string[] = [];
  for (const i of plan.inspectors.filter((x) => x.gridIds.length)) {
    const { user } = await ensureUser({ username: i.username, displayName: i.displayName, role: 'inspector', password, gridIds: i.gridIds, teamId: i.teamId } as never, ctx);
    if (inspectors.length < 8) inspectors.push(token(user));
  }
  const leaders = new Map<string, UserDoc>();
  for (const l of plan.leaders.filter((x) => x.teamId)) {
    const { user } = await ensureUser({ username: l.username, displayName: l.displayName, role: 'team_leader', password, teamId: l.teamId } as never, ctx);
    leaders.set(l.teamId!, user);
  }
  // The leader of the zone team with the most cells: the busiest team work list.
  const [zoneList, cellList] = await Promise.all([zones.all(), cells.all()]);
  const cellsPerTeam = new Map<string, number>();
  const teamOfZone = new Map(zoneList.map((z) => [String(z._id), String(z.teamId)]));
  for (const c of cellList) {
    const t = teamOfZone.get(String(c.zoneId));
    if (t) cellsPerTeam.set(t, (cellsPerTeam.get(t) ?? 0) + 1);
  }
  const busiest = [...cellsPerTeam.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const leader = (busiest && leaders.get(busiest)) || [...leaders.values()][0]!;
  await linkDemoStaff();
  const dispatcher = (await ensureUser({ username: 'bench.dispatcher', displayName: '压测调度员', role: 'dispatcher', password } as never, ctx)).user;
  return {
    inspectors,
    leader: token(leader),
    dispatcher: token(dispatcher),
    leaderUser: toAuthUser(leader),
    dispatcherUser: toAuthUser(dispatcher),
    categories: readCategoryFixture().map((c) => c.code),
  };
}
