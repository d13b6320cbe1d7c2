import { Types } from 'mongoose';
import { mulberry32 } from '../../../fixtures/geo/lib/prng';
import type { CaseStatus, Tier } from '../../src/contracts';
import { CaseModel } from '../../src/modules/cases';
import { limitsFor, stageDueAt } from '../../src/modules/cases/case-deadlines';
import { stageFor } from '../../src/modules/cases/case-effects.workflow';
import { readCategoryFixture } from '../../src/modules/catalogue';
import { cells, teams, zones } from '../../src/modules/org';
import { UserModel } from '../../src/modules/users';

/** Status mix of a township's case store after a year: mostly closed, ~45 % open. */
const STATUS_MIX: [CaseStatus, number][] = [
  ['reported', 0.06],
  ['filed', 0.06],
  ['dispatched', 0.12],
  ['in_progress', 0.14],
  ['resolved', 0.07],
  ['closed', 0.48],
  ['rejected', 0.04],
  ['merged', 0.03],
];
const OPEN = new Set<CaseStatus>(['reported', 'filed', 'dispatched', 'in_progress', 'resolved']);
const WHAT = ['占道经营', '乱堆乱放', '违规张贴小广告', '渣土车抛洒', '私搭乱建', '油烟扰民', '夜间施工噪声', '垃圾满溢', '井盖缺失', '违规停车'];
const WHERE = ['白沙大道', '滨江路', '老街', '农贸市场东门', '镇政府南侧', '中学门口', '客运站', '工业园二路', '新村广场', '码头'];
const TIERS_UP: Record<Tier, Tier> = { grid: 'team', team: 'bureau', bureau: 'bureau' };

export interface CaseDocFactory {
  /** A case document as `reportIncident` and the transitions leave it (all schema fields). */
  make(i: number): Record<string, unknown>;
}

/**
 * Builds realistic case documents for the connected database: routed fields taken from its demo
 * cells, zones, teams and staff (a cell's zone decides the team; holders are the cell's first
 * inspector, the team leader or nobody at bureau tier), statuses mixed, created over the last
 * year (open ones in the last 30 days), stage clocks from the real deadline engine so that about a
 * third of open cases are overdue. Deterministic for a seed.
 */
export async function caseDocFactory(now: Date, seed = 5): Promise<CaseDocFactory> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const [cellList, zoneList, teamList, users] = await Promise.all([
    cells.all(),
    zones.all(),
    teams.all(),
    UserModel.find({}, { displayName: 1, role: 1 }).lean<{ _id: Types.ObjectId; displayName: string; role: string }[]>(),
  ]);
  if (cellList.length === 0) throw new Error('no grid cells: load the demo geography first');
  const zoneTeam = new Map(zoneList.map((z) => [String(z._id), z.teamId as Types.ObjectId]));
  const leaderOf = new Map(teamList.map((t) => [String(t._id), (t.leaderId as Types.ObjectId | null) ?? null]));
  const reporters = users.filter((u) => u.role === 'inspector' || u.role === 'dispatcher');
  const nameOf = new Map(users.map((u) => [String(u._id), u.displayName]));
  const categories = readCategoryFixture();
  const statusOf = () => {
    let r = rnd();
    for (const [s, p] of STATUS_MIX) if ((r -= p) < 0) return s;
    return 'closed' as CaseStatus;
  };

  const make = (i: number): Record<string, unknown> => {
    const cell = pick(cellList);
    const cat = pick(categories);
    const status = statusOf();
    const open = OPEN.has(status);
    const ageMs = (open ? rnd() * 30 : rnd() * 365) * 86400_000;
    const createdAt = new Date(now.getTime() - ageMs);
    const tier: Tier = rnd() < 0.1 ? TIERS_UP[cat.defaultTier as Tier] : (cat.defaultTier as Tier);
    const teamId = zoneTeam.get(String(cell.zoneId)) ?? null;
    const holderId =
      status === 'reported' || status === 'filed' ? null : tier === 'grid' ? (cell.inspectorIds[0] ?? null) : tier === 'team' && teamId ? leaderOf.get(String(teamId)) ?? null : null;
    const reporter = reporters.length ? pick(reporters) : null;
    // A stage clock started some hours ago (exponential around the stage limit): ~1/3 are overdue.
    const limits = limitsFor(cat, false);
    const stageStart = open ? new Date(Math.max(createdAt.getTime(), now.getTime() - -Math.log(1 - rnd()) * 8 * 3600_000)) : now;
    const stage = stageFor(status, limits, stageStart, stageDueAt);
    const lat0 = 29.0462161;
    const lng0 = 106.0903718;
    const at = (p: number) => (p < 1 ? new Date(createdAt.getTime() + p * (stageStart.getTime() - createdAt.getTime())) : null);
    const later = (s: CaseStatus[]) => s.includes(status);
    return {
      _id: new Types.ObjectId(),
      // Its own prefix, so numbers the app allocates meanwhile (BS-…) never collide with these.
      caseNo: `BSH-${createdAt.getUTCFullYear()}-${String(i + 1).padStart(6, '0')}`,
      status,
      tier,
      source: pick(['patrol', 'patrol', 'patrol', 'hotline', 'citizen'] as const),
      urgent: rnd() < 0.05,
      categoryCode: cat.code,
      domain: cat.domain,
      description: `${pick(WHERE)}${pick(WHAT)}，群众反映多次，请尽快处理（编号 ${i}）`,
      address: `白沙镇${pick(WHERE)}${1 + Math.floor(rnd() * 200)}号`,
      reporterContact: null,
      location: { type: 'Point', coordinates: [lng0 + rnd() * 0.075, lat0 + rnd() * 0.0446] },
      outside: false,
      geometryVersion: 1,
      gridId: cell._id,
      zoneId: cell.zoneId,
      teamId,
      holderId,
      reporterId: reporter?._id ?? null,
      labels: { gridCode: cell.code, reporterName: reporter ? nameOf.get(String(reporter._id)) ?? null : null },
      seq: 1 + Math.floor(rnd() * 8),
      stage,
      everOverdue: rnd() < 0.15,
      pending: null,
      suspended: false,
      pauses: [],
      possibleDuplicates: [],
      mergedInto: status === 'merged' ? { id: String(new Types.ObjectId()), caseNo: `BSH-${createdAt.getUTCFullYear()}-000001` } : null,
      jointCaseId: null,
      agencyIds: [],
      referrals: [],
      penalty: null,
      photoIds: [],
      counters: { returns: 0, reworks: rnd() < 0.05 ? 1 : 0, escalations: tier !== cat.defaultTier ? 1 : 0, verifications: later(['closed']) ? 1 : 0 },
      resolvedBy: later(['resolved', 'closed']) ? holderId : null,
      reportedAt: createdAt,
      filedAt: later(['filed', 'dispatched', 'in_progress', 'resolved', 'closed']) ? at(0.1) : null,
      dispatchedAt: later(['dispatched', 'in_progress', 'resolved', 'closed']) ? at(0.2) : null,
      acceptedAt: later(['in_progress', 'resolved', 'closed']) ? at(0.3) : null,
      resolvedAt: later(['resolved', 'closed']) ? at(0.6) : null,
      closedAt: later(['closed']) ? at(0.9) ?? now : null,
      createdAt,
      updatedAt: open ? stageStart : new Date(Math.min(now.getTime(), createdAt.getTime() + rnd() * 5 * 86400_000)),
      __v: 0,
    };
  };
  // Same shape as the model: the first document must pass the schema's validation.
  await new CaseModel(make(0)).validate().catch((err: Error) => {
    throw new Error(`generated case does not match CaseModel: ${err.message}`);
  });
  return { make };
}
