import { randomUUID } from 'node:crypto';
import type { Domain, Tier } from '../../backend/src/contracts';
import { createCategory } from '../../backend/src/modules/catalogue';
import { TeamModel } from '../../backend/src/modules/org';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import type { TestApp } from './app';
import { bearer, buildUser, uniq } from './factories';
import { buildTeam, buildZoneWithCells, type ZoneWithCells } from './geo-factories';

export interface CategoryOverrides {
  code?: string;
  domain?: Domain;
  defaultTier?: Tier;
  penaltyCapable?: boolean;
  deadlines?: { file: number; dispatch: number; handle: number; verify: number };
  urgentDeadlines?: { file: number; dispatch: number; handle: number; verify: number } | null;
}

export async function buildCategory(o: CategoryOverrides = {}) {
  return createCategory({
    code: o.code ?? uniq('cat-'),
    name: { zh: '占道经营', en: 'Street vending' },
    domain: o.domain ?? 'city_appearance',
    defaultTier: o.defaultTier ?? 'grid',
    deadlines: o.deadlines ?? { file: 2, dispatch: 4, handle: 48, verify: 24 },
    urgentDeadlines: o.urgentDeadlines ?? { file: 1, dispatch: 1, handle: 4, verify: 2 },
    legalBasis: '《城市市容和环境卫生管理条例》第十四条',
    coAgencies: [],
    penaltyCapable: o.penaltyCapable ?? false,
    active: true,
  });
}

/**
 * A small township for case tests: one zone team with a leader, a zone of 2 cells (each with its
 * own inspector), the bureau's dispatcher, chief and legal officer, and two categories (a minor
 * grid-tier one and a penalty-capable team-tier one). Every user comes with an Authorization value.
 */
export async function buildArea(t: TestApp, o: { cols?: number } = {}) {
  const leader = await buildUser({ role: 'team_leader', displayName: '张队长' });
  const team = await buildTeam({ leaderId: String(leader._id) });
  await UserModel.updateOne({ _id: leader._id }, { $set: { teamId: team._id } });
  const area: ZoneWithCells = await buildZoneWithCells(t, { team, cols: o.cols ?? 2 });
  const inspectors = await Promise.all(area.cells.map((c) => UserModel.findById(c.inspectorIds[0]).lean<UserDoc>()));
  // The inspector's scope (user.gridIds) matches the cell's responsible inspectors (cell.inspectorIds).
  await Promise.all(
    inspectors.map((u, i) => UserModel.updateOne({ _id: u!._id }, { $set: { teamId: team._id, gridIds: [area.cells[i]!.id] } })),
  );
  const dispatcher = await buildUser({ role: 'dispatcher', displayName: '调度员' });
  const chief = await buildUser({ role: 'bureau_chief', displayName: '局长' });
  const legal = await buildUser({ role: 'legal_officer', displayName: '法制员' });
  const admin = await buildUser({ role: 'admin' });
  const minor = await buildCategory({ defaultTier: 'grid' });
  const penalty = await buildCategory({ defaultTier: 'team', penaltyCapable: true, domain: 'market' });
  const fresh = async (id: unknown) => (await UserModel.findById(id).lean<UserDoc>())!;
  const who = async (u: UserDoc) => {
    const f = await fresh(u._id);
    // A getter: the token is signed against the test clock at each use, so moving the clock
    // forward in a test never leaves a stale (expired) token behind.
    return {
      user: f,
      id: String(f._id),
      get auth() {
        return bearer(t, f);
      },
    };
  };
  return {
    area,
    team: await TeamModel.findById(team._id).lean(),
    leader: await who(leader),
    inspectors: await Promise.all(inspectors.map((u) => who(u!))),
    dispatcher: await who(dispatcher),
    chief: await who(chief),
    legal: await who(legal),
    admin: await who(admin),
    minor,
    penalty,
  };
}
export type Area = Awaited<ReturnType<typeof buildArea>>;

/** POST /incidents as a user (patrol by default), with a fresh Idempotency-Key unless given. */
export function report(
  t: TestApp,
  auth: string,
  body: { point: [number, number]; category: string; description?: string; source?: string; urgent?: boolean },
  key: string | null = randomUUID(),
) {
  const req = t
    .http()
    .post('/api/v1/incidents')
    .set('Authorization', auth)
    .send({
      location: { type: 'Point', coordinates: body.point },
      category: body.category,
      description: body.description ?? '路边占道摆摊，影响通行',
      source: body.source ?? 'patrol',
      ...(body.urgent !== undefined ? { urgent: body.urgent } : {}),
    });
  return key ? req.set('Idempotency-Key', key) : req;
}

/** POST /cases/:id/transitions. */
export function act(t: TestApp, auth: string, caseId: string, body: Record<string, unknown>) {
  return t.http().post(`/api/v1/cases/${caseId}/transitions`).set('Authorization', auth).send(body);
}

/** Walks a fresh report to a given status through the API, as the right people would. */
export async function caseAt(t: TestApp, a: Area, status: 'reported' | 'filed' | 'dispatched' | 'in_progress' | 'resolved' | 'closed', o: { cell?: number; category?: string } = {}) {
  const cell = a.area.cells[o.cell ?? 0]!;
  const insp = a.inspectors[o.cell ?? 0]!;
  const res = await report(t, insp.auth, { point: cell.centre, category: o.category ?? a.minor.code });
  if (res.status !== 201) throw new Error(`report failed: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.data.id as string;
  const steps: [string, Record<string, unknown>][] = [
    ['filed', { action: 'file' }],
    ['dispatched', { action: 'dispatch' }],
    ['in_progress', { action: 'accept' }],
    ['resolved', { action: 'resolve', note: '已劝离摊贩，路面恢复通行' }],
    ['closed', { action: 'verify', note: '核查通过' }],
  ];
  for (const [reached, body] of steps) {
    if (res.body.data.status === status) break;
    const actor = reached === 'filed' || reached === 'dispatched' ? a.dispatcher : reached === 'closed' ? a.dispatcher : insp;
    const r = await act(t, actor.auth, id, body);
    if (r.status !== 200) throw new Error(`${String(body.action)} failed: ${r.status} ${JSON.stringify(r.body)}`);
    if (reached === status) break;
  }
  return id;
}
