import inside from 'point-in-polygon-hao';
import mongoose, { Types } from 'mongoose';
import { CaseModel } from '../../../backend/src/modules/cases';
import type { ApiClient, ApiUser } from '../support/api';

/** Status mix of a township's case store after a year or two: mostly closed. */
const STATUS_MIX: [string, number][] = [
  ['reported', 0.03],
  ['filed', 0.03],
  ['dispatched', 0.05],
  ['in_progress', 0.08],
  ['resolved', 0.04],
  ['closed', 0.72],
  ['rejected', 0.03],
  ['merged', 0.02],
];
const SOURCES: [string, number][] = [
  ['patrol', 0.62],
  ['hotline', 0.2],
  ['citizen', 0.13],
  ['open311', 0.05],
];
const LIFECYCLE = ['reported', 'filed', 'dispatched', 'in_progress', 'resolved', 'closed'];
const OPEN = new Set(['reported', 'filed', 'dispatched', 'in_progress', 'resolved']);
const STAGE: Record<string, string> = { reported: 'file', filed: 'dispatch', dispatched: 'handle', in_progress: 'handle', resolved: 'verify' };
const WHAT = ['流动摊贩占道经营', '建筑垃圾乱堆乱放', '违规张贴小广告', '渣土车抛洒', '私搭乱建', '餐馆油烟扰民', '夜间施工噪声', '垃圾积存未清运', '井盖缺失', '机动车乱停放'];
const WHERE = ['白沙大道', '滨江路', '老街', '农贸市场东门', '镇政府南侧', '中学门口', '客运站', '工业园二路', '新村广场', '码头'];

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cell {
  id: string;
  code: string;
  zoneId: string;
  teamId: string | null;
  inspectorIds: string[];
  rings: number[][][];
  box: [number, number, number, number];
}
interface Category {
  code: string;
  domain: string;
  defaultTier: string;
  deadlines: { file: number; dispatch: number; handle: number; verify: number };
}

/** Demo cells, categories and staff, read through the API of the running server. */
async function reference(dispatcher: ApiClient, admin: ApiClient) {
  const geo = await dispatcher.get<{ data: { features: { properties: Cell; geometry: { type: string; coordinates: unknown } }[] } }>('/geo/grid-cells');
  const cells: Cell[] = geo.data.features.map((f) => {
    const rings = (f.geometry.type === 'Polygon' ? f.geometry.coordinates : (f.geometry.coordinates as unknown[])[0]) as number[][][];
    const xs = rings[0]!.map((p) => p[0]!);
    const ys = rings[0]!.map((p) => p[1]!);
    return { ...f.properties, rings, box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] };
  });
  const categories = (await dispatcher.get<{ data: Category[] }>('/categories', { limit: 200 })).data;
  const users = (await admin.get<{ data: ApiUser[] }>('/users', { limit: 200 })).data;
  const leaders = new Map(users.filter((u) => u.role === 'team_leader' && u.teamId).map((u) => [u.teamId!, u]));
  const byId = new Map(users.map((u) => [u.id, u]));
  return { cells, categories, leaders, byId, dispatcher: users.find((u) => u.username === 'dispatcher')! };
}

/**
 * Inserts `count` realistic case documents (all schema fields, routed to the cell they lie in, a
 * status mix, stage clocks, created over the last two years) straight into the cases collection
 * with insertMany through the cases module's CaseModel. Numbers are `BM-<year>-<n>` so they never
 * meet the server's own sequence.
 */
export async function insertIncidents(uri: string, dbName: string, dispatcher: ApiClient, admin: ApiClient, count: number, seed = 2026): Promise<number> {
  const ref = await reference(dispatcher, admin);
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const weighted = (mix: [string, number][]) => {
    let r = rnd();
    for (const [v, p] of mix) if ((r -= p) < 0) return v;
    return mix[mix.length - 1]![0];
  };
  const pointIn = (c: Cell): [number, number] => {
    for (let i = 0; i < 100; i++) {
      const p: [number, number] = [c.box[0] + (c.box[2] - c.box[0]) * rnd(), c.box[1] + (c.box[3] - c.box[1]) * rnd()];
      if (inside(p, c.rings) === true) return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
    }
    return [(c.box[0] + c.box[2]) / 2, (c.box[1] + c.box[3]) / 2];
  };
  const now = Date.now();
  const oid = (id: string | null | undefined) => (id ? new Types.ObjectId(id) : null);

  const make = (i: number) => {
    const cell = pick(ref.cells);
    const cat = pick(ref.categories);
    const status = weighted(STATUS_MIX);
    const open = OPEN.has(status);
    // Open cases are recent; closed ones spread over two years.
    const created = now - Math.floor(rnd() * (open ? 20 : 730) * 86400_000);
    const tier = cat.defaultTier;
    const inspectorId = cell.inspectorIds[0] ?? null;
    const holder = !open ? null : tier === 'grid' ? inspectorId : tier === 'team' ? (ref.leaders.get(cell.teamId ?? '')?.id ?? null) : null;
    const source = weighted(SOURCES);
    const reporterId = source === 'patrol' ? inspectorId : ref.dispatcher.id;
    const stageName = STAGE[status] ?? null;
    const limit = stageName ? cat.deadlines[stageName as keyof Category['deadlines']] : null;
    const stageStart = created + Math.floor(rnd() * 6 * 3600_000);
    const dueAt = limit ? new Date(stageStart + limit * 3600_000) : null;
    const at = (h: number) => new Date(created + h * 3600_000);
    const reached = (s: string) => LIFECYCLE.indexOf(status) >= LIFECYCLE.indexOf(s);
    const closed = status === 'closed';
    return {
      caseNo: `BM-${new Date(created).getFullYear()}-${String(i + 1).padStart(6, '0')}`,
      status,
      tier,
      source,
      urgent: rnd() < 0.08,
      categoryCode: cat.code,
      domain: cat.domain,
      description: `${pick(WHERE)}${pick(WHAT)}`,
      address: rnd() < 0.4 ? `${pick(WHERE)}${1 + Math.floor(rnd() * 200)}号` : null,
      reporterContact: null,
      location: { type: 'Point', coordinates: pointIn(cell) },
      outside: false,
      geometryVersion: 1,
      gridId: oid(cell.id),
      zoneId: oid(cell.zoneId),
      teamId: oid(cell.teamId),
      holderId: oid(holder),
      reporterId: oid(reporterId),
      labels: { gridCode: cell.code, reporterName: ref.byId.get(reporterId ?? '')?.displayName ?? null },
      seq: Math.max(2, LIFECYCLE.indexOf(status) + 1),
      stage: { name: open ? stageName : null, startedAt: open ? new Date(stageStart) : null, dueAt: open ? dueAt : null, limitHours: open ? limit : null, extensions: [], pauses: [] },
      everOverdue: rnd() < 0.06,
      pending: null,
      suspended: false,
      pauses: [],
      possibleDuplicates: [],
      mergedInto: null,
      jointCaseId: null,
      agencyIds: [],
      referrals: [],
      penalty: null,
      photoIds: [],
      counters: { returns: 0, reworks: rnd() < 0.05 ? 1 : 0, escalations: 0, verifications: closed ? 1 : 0 },
      resolvedBy: closed || status === 'resolved' ? oid(holder ?? inspectorId) : null,
      reportedAt: at(0),
      filedAt: reached('filed') ? at(1) : null,
      dispatchedAt: reached('dispatched') ? at(2) : null,
      acceptedAt: reached('in_progress') ? at(3) : null,
      resolvedAt: reached('resolved') ? at(30) : null,
      closedAt: closed ? at(40) : null,
      createdAt: at(0),
      updatedAt: closed ? at(40) : at(3),
    };
  };

  const conn = await mongoose.connect(uri, { dbName });
  try {
    const batch = 2000;
    for (let i = 0; i < count; i += batch) {
      const docs = Array.from({ length: Math.min(batch, count - i) }, (_, k) => make(i + k));
      await CaseModel.insertMany(docs, { ordered: false, timestamps: false });
    }
    return await CaseModel.estimatedDocumentCount();
  } finally {
    await conn.disconnect();
  }
}
