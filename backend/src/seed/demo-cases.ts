import { readFileSync } from 'node:fs';
import path from 'node:path';
import inside from 'point-in-polygon-hao';
import { REPO_ROOT } from '../config';
import type { AppContext, Clock } from '../core/context';
import type { CaseAction, TransitionBody } from '../contracts';
import { toAuthUser, type AuthUser } from '../modules/auth';
import { CaseModel, reportIncident, transitionCase, findCase } from '../modules/cases';
import { readCategoryFixture } from '../modules/catalogue';
import { UserModel, type UserDoc } from '../modules/users';

/** mulberry32: a small seeded PRNG, so the demo is the same on every machine. */
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

type Cell = { code: string; rings: number[][][] };

function loadCells(): Cell[] {
  const fc = JSON.parse(readFileSync(path.join(REPO_ROOT, 'fixtures', 'geo', 'baisha-grid-cells.geojson'), 'utf8')) as {
    features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[];
  };
  return fc.features.map((f) => ({
    code: f.properties.code,
    rings: (f.geometry.type === 'Polygon' ? f.geometry.coordinates : (f.geometry.coordinates as unknown[])[0]) as number[][][],
  }));
}

function pointIn(cell: Cell, rnd: () => number): [number, number] {
  const outer = cell.rings[0]!;
  const xs = outer.map((p) => p[0]!);
  const ys = outer.map((p) => p[1]!);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  for (let i = 0; i < 200; i++) {
    const p: [number, number] = [x0 + (x1 - x0) * rnd(), y0 + (y1 - y0) * rnd()];
    if (inside(p, cell.rings) === true) return [Number(p[0].toFixed(6)), Number(p[1].toFixed(6))];
  }
  return [(x0 + x1) / 2, (y0 + y1) / 2];
}

const DESCRIPTIONS = [
  '白沙老街路口有流动摊贩占道经营，影响行人通行',
  '滨江路绿化带旁堆放建筑垃圾，未及时清运',
  '居民反映夜间餐馆油烟直排，影响楼上住户',
  '工地出口渣土车未覆盖，路面撒漏严重',
  '河滩发现疑似非法采砂作业船只',
  '门面未办理营业执照即开展经营',
  '村民在耕地上擅自搭建砖混房屋',
  '早市摊位超出划定区域经营',
  '小区门口违规张贴小广告',
  '学校周边流动摊贩销售三无食品',
];

class StepClock implements Clock {
  constructor(public at: Date) {}
  now() {
    return new Date(this.at);
  }
}

/**
 * About `count` demo cases over the last 45 days, walked through the real services (so their
 * timelines are complete and hash-chained) to a mix of statuses: some open, some overdue, most
 * closed, a few rejected, handled on the spot or escalated. Only runs on a database with no cases.
 */
export async function seedDemoCases(ctx: AppContext, count = 160, seed = 20260701): Promise<number> {
  if ((await CaseModel.estimatedDocumentCount()) > 0) return 0;
  const rnd = prng(seed);
  const cells = loadCells();
  const categories = readCategoryFixture().filter((c) => c.active !== false);
  const users = await UserModel.find({ disabled: false }).lean<UserDoc[]>();
  const byRole = (role: string) => users.filter((u) => u.role === role).map(toAuthUser);
  const dispatcher = byRole('dispatcher')[0]!;
  const inspectors = byRole('inspector');
  const byId = new Map(users.map((u) => [String(u._id), toAuthUser(u)]));
  const inspectorOf = (gridId: string | null) => inspectors.find((i) => gridId && i.gridIds.includes(gridId));
  const now = ctx.clock.now().getTime();
  let made = 0;
  for (let n = 0; n < count; n++) {
    const cell = cells[Math.floor(rnd() * cells.length)]!;
    const cat = categories[Math.floor(rnd() * categories.length)]!;
    const clock = new StepClock(new Date(now - Math.floor(rnd() * 45 * 86400_000)));
    const c = { ...ctx, clock };
    const point = pointIn(cell, rnd);
    const reporter = inspectors.find((i) => i.gridIds.length) ?? dispatcher;
    const patrol = rnd() < 0.7;
    const who = patrol ? (inspectors.find((i) => i.username === `insp-${cell.code.toLowerCase().replace(/^bs-/, '')}`) ?? reporter) : dispatcher;
    const { kase } = await reportIncident(c, { id: who.id, role: who.role, name: who.displayName, keySpace: who.id }, {
      location: { type: 'Point', coordinates: point },
      category: cat.code,
      description: DESCRIPTIONS[Math.floor(rnd() * DESCRIPTIONS.length)]!,
      source: patrol ? 'patrol' : rnd() < 0.5 ? 'hotline' : 'citizen',
      urgent: rnd() < 0.1,
    }, undefined);
    made++;
    const id = String(kase._id);
    const step = async (actor: AuthUser | undefined, body: TransitionBody, hours: number) => {
      if (!actor) return false;
      clock.at = new Date(clock.at.getTime() + hours * 3600_000 * (0.3 + rnd()));
      if (clock.at.getTime() > now) return false;
      await transitionCase(c, actor, id, body);
      return true;
    };
    // Whoever handles the case now: its holder, or the dispatch centre for bureau-tier cases.
    const holderNow = async () => {
      const k = await findCase(id);
      if (k?.holderId) return byId.get(String(k.holderId));
      return k?.tier === 'bureau' ? dispatcher : undefined;
    };
    const roll = rnd();
    if (roll < 0.05) {
      await step(dispatcher, { action: 'reject', note: '经核实不属于综合执法事项' }, 1);
      continue;
    }
    if (roll < 0.15 && kase.tier === 'grid' && !cat.penaltyCapable) {
      await step(inspectorOf(kase.gridId ? String(kase.gridId) : null), { action: 'handle_on_spot', note: '现场劝导，当事人已自行整改' }, 0.5);
      await step(dispatcher, { action: 'verify', note: '视频核查通过' }, 6);
      continue;
    }
    if (!(await step(dispatcher, { action: 'file' }, 1.5))) continue;
    if (!(await step(dispatcher, { action: 'dispatch' }, 2))) continue;
    let holder = await holderNow();
    if (!holder || !(await step(holder, { action: 'accept' } as TransitionBody, 3))) continue;
    if (rnd() < 0.1 && kase.tier === 'grid') {
      if (!(await step(holder, { action: 'escalate', note: '涉及多个商户，需中队统一处理' }, 4))) continue;
      holder = await holderNow();
      if (!holder || !(await step(holder, { action: 'accept' }, 2))) continue;
    }
    if (rnd() < 0.12) continue; // still being handled
    if (!(await step(holder, { action: 'resolve', note: '已责令整改，现场恢复原状' }, 30))) continue;
    const k = await findCase(id);
    const verifier = inspectorOf(k?.gridId ? String(k.gridId) : null);
    const v = verifier && verifier.id !== holder.id ? verifier : dispatcher;
    const action: CaseAction = rnd() < 0.08 ? 'rework' : 'verify';
    await step(v, action === 'rework' ? { action: 'rework', note: '复查发现问题反弹' } : { action: 'verify', note: '核查通过' }, 10);
  }
  ctx.logger.info({ cases: made }, 'demo cases ready');
  return made;
}

