import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Role } from '../../backend/src/contracts';
import { PhotoModel } from '../../backend/src/modules/cases';
import { DEFAULT_RUBRIC } from '../../backend/src/modules/evaluations/rubric.workflow';
import { NotificationModel, notifyUsers } from '../../backend/src/modules/notifications';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import type { TestApp } from './app';
import { buildArea, caseAt, report, type Area } from './case-factories';
import { bearer, buildUser, createUserWithPassword, uniq, type UserWithPassword } from './factories';
import { buildAgency } from './geo-factories';

/**
 * The authorization matrix's township: two sides, A and B, each a complete scope of its own
 * (a zone team with its leader, a zone of two grid cells with an inspector each, a stationed
 * agency with its liaison, and a dispatcher, bureau chief, legal officer and admin), plus objects
 * of every kind in each side: a case shared with the side's agency through a joint case, a photo,
 * a liaison meeting with action items of the side's team and agency, instructions, notifications,
 * case-file review items and rectification items of the side's team, an Open311 request.
 *
 * The callers of the matrix are side A's users ("own scope" = side A's objects, "other scope" =
 * side B's); side B's users exist so that every role has someone in the other scope too.
 */

export const ROLES_IN_ORDER: Role[] = ['inspector', 'team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer', 'admin'];

/** A user of the world with an Authorization value signed against the test clock at each use. */
export interface Who {
  id: string;
  user: UserDoc;
  readonly auth: string;
}

export interface Side {
  key: 'A' | 'B';
  area: Area;
  teamId: string;
  zoneId: string;
  cellIds: string[];
  agencyId: string;
  /** A second agency, the target of task reassignments (so the side's own agency set stays as built). */
  spareAgencyId: string;
  /** Users of the side by role (the inspector is the one of cell 0). */
  users: Record<Role, Who>;
  /** The dispatcher who sends the side's instruction (not a matrix caller). */
  sender: Who;
  /** Accounts the admin rows change (disable, reset password…): never a caller. */
  victims: UserDoc[];
  /** Logs in through POST /auth/login (the auth rows). */
  login: UserWithPassword;
  /** Reported in cell 0 by the cell's inspector, then put under the side's joint case (shared with the side's agency). */
  caseId: string;
  caseNo: string;
  /** A second case of the side, closed (sampled by the case-file review). */
  closedCaseId: string;
  photoId: string;
  photoSha256: string;
  jointId: string;
  taskId: string;
  meetingId: string;
  /** Action items of the side's meeting: one owned by the side's team, one by its agency. */
  items: { team: string; agency: string };
  /** Sent by `sender` to every matrix-role user of the side. */
  instructionId: string;
  /** Sent by the side's team leader to the team. */
  leaderInstructionId: string;
  /** One notification per role user of the side. */
  notifications: Record<Role, string>;
  reviewItemId: string;
  rectificationId: string;
  open311CaseNo: string;
}

export interface World {
  A: Side;
  B: Side;
  /** Side A's users: the matrix callers. */
  callers: Record<Role, Who>;
  /** The evaluation period the case data falls in, and the one reports are written for. */
  period: string;
  reportPeriod: string;
  reviewBatchId: string;
  /** Evaluation reports: one published (bureau readers see it), one draft (the legal office's only). */
  reports: { published: string; draft: string };
  open311: { clientId: string; apiKey: string };
  geoImportId: string;
  png: Buffer;
  /** Base URL of a listening server (SSE), when the suite started one. */
  base?: string;
}

export const NOW = '2026-03-02T02:00:00Z';

/** Setup requests must succeed: this throws with the answer when one does not. */
export async function must<T extends { status: number; body: unknown }>(p: PromiseLike<T>, status: number, what: string): Promise<T> {
  const res = await p;
  if (res.status !== status) throw new Error(`world setup: ${what} answered ${res.status} ${JSON.stringify(res.body)}`);
  return res;
}

export async function who(t: TestApp, id: unknown): Promise<Who> {
  const user = (await UserModel.findById(id).lean<UserDoc>())!;
  return {
    id: String(user._id),
    user,
    get auth() {
      return bearer(t, user);
    },
  };
}

export async function pngBytes(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 20, g: 120, b: 200 } } }).png().toBuffer();
}

export const inHours = (t: TestApp, h: number) => new Date(t.clock.now().getTime() + h * 3_600_000).toISOString();

/** Opens a joint case over `caseIds` with `agencyId` (and a first task for it unless `withTask` is false). */
export async function openJoint(t: TestApp, dispatcher: Who, caseIds: string[], agencyId: string, withTask = true) {
  const res = await must(
    t.http().post('/api/v1/joint-cases').set('Authorization', dispatcher.auth).send({
      title: `联合整治 ${uniq()}`,
      reason: 'cross_domain',
      caseIds,
      lead: { kind: 'bureau' },
      agencyIds: [agencyId],
      tasks: withTask ? [{ agencyId, description: '核查经营主体资质', dueAt: inHours(t, 72) }] : [],
    }),
    201,
    'open joint case',
  );
  return { jointId: res.body.data.id as string, taskId: (res.body.data.tasks[0]?.id ?? '') as string };
}

/** A fresh case reported in cell `cell` of the side (status reported). */
export async function freshCase(t: TestApp, s: Side, cell = 0): Promise<string> {
  const c = s.area.area.cells[cell]!;
  const res = await must(report(t, s.area.inspectors[cell]!.auth, { point: c.centre, category: s.area.minor.code }), 201, 'report');
  return res.body.data.id as string;
}

/** A task of the side's joint case for the side's agency, freshly assigned. */
export async function freshTask(t: TestApp, w: World, s: Side): Promise<string> {
  const res = await must(
    t.http().post(`/api/v1/joint-cases/${s.jointId}/tasks`).set('Authorization', w.callers.dispatcher.auth).send({ agencyId: s.agencyId, description: '补充调查', dueAt: inHours(t, 48) }),
    201,
    'add task',
  );
  return res.body.data.id as string;
}

/** A fresh meeting of the side (its agency invited), optionally with action items of its team and agency. */
export async function freshMeeting(t: TestApp, s: Side, by: Who, withItems = false) {
  const res = await must(
    t.http().post('/api/v1/meetings').set('Authorization', by.auth).send({
      title: `联席会议 ${uniq()}`,
      kind: 'ad_hoc',
      scheduledAt: inHours(t, 24 * 7),
      location: '白沙镇政府三楼会议室',
      invitedAgencyIds: [s.agencyId],
      agenda: [{ kind: 'topic', title: '春季市容整治分工' }],
    }),
    201,
    'create meeting',
  );
  const meetingId = res.body.data.id as string;
  const items = withItems ? await freshItems(t, s, by, meetingId) : { team: '', agency: '' };
  return { meetingId, items };
}

/** A resolution on the meeting with one open action item for the side's team and one for its agency. */
export async function freshItems(t: TestApp, s: Side, by: Who, meetingId = s.meetingId) {
  const res = await must(
    t.http().post(`/api/v1/meetings/${meetingId}/resolutions`).set('Authorization', by.auth).send({
      text: '夜市占道问题联合整治',
      actionItems: [
        { title: '清理占道', owner: { kind: 'team', teamId: s.teamId }, dueAt: inHours(t, 24 * 10) },
        { title: '夜间联合巡查', owner: { kind: 'agency', agencyId: s.agencyId }, dueAt: inHours(t, 24 * 10) },
      ],
    }),
    201,
    'add resolution',
  );
  const items = (res.body.data.resolutions as { actionItems: { id: string; owner: { kind: string } }[] }[]).at(-1)!.actionItems;
  return { team: items.find((i) => i.owner.kind === 'team')!.id, agency: items.find((i) => i.owner.kind === 'agency')!.id };
}

export const scoreSheet = (findings: string[]) => ({
  veto: Object.fromEntries(DEFAULT_RUBRIC.veto.map((v) => [v.code, true])),
  form: Object.fromEntries(DEFAULT_RUBRIC.form.map((i) => [i.code, i.points!])),
  content: Object.fromEntries(DEFAULT_RUBRIC.content.map((i) => [i.code, i.points!])),
  findings: findings.map((text) => ({ text })),
});

/** A new open rectification item of the side's team (a finding on its review item). */
export async function freshRectification(t: TestApp, w: World, s: Side): Promise<string> {
  const text = `整改 ${uniq()}`;
  await must(
    t.http().post(`/api/v1/evaluations/review-items/${s.reviewItemId}/score`).set('Authorization', w.callers.legal_officer.auth).send(scoreSheet([text])),
    200,
    'score review item',
  );
  const list = await must(
    t.http().get('/api/v1/evaluations/rectifications').query({ batchId: w.reviewBatchId, limit: 200 }).set('Authorization', w.callers.legal_officer.auth),
    200,
    'list rectifications',
  );
  return (list.body.data as { id: string; text: string }[]).find((r) => r.text === text)!.id;
}

/** A rectification item of the side's team that its leader reported done. */
export async function doneRectification(t: TestApp, w: World, s: Side): Promise<string> {
  const id = await freshRectification(t, w, s);
  await must(
    t.http().post(`/api/v1/evaluations/rectifications/${id}/done`).set('Authorization', s.users.team_leader.auth).send({ evidence: '已整改，补充了现场照片' }),
    200,
    'rectification done',
  );
  return id;
}

/** A new evaluation report of the report period, walked to `status` by the legal office. */
export async function freshReport(t: TestApp, w: World, status: 'draft' | 'reviewed' | 'published'): Promise<string> {
  const auth = w.callers.legal_officer.auth;
  const res = await must(t.http().post('/api/v1/evaluations/reports').set('Authorization', auth).send({ period: w.reportPeriod }), 201, 'create report');
  const id = res.body.data.id as string;
  if (status !== 'draft') await must(t.http().post(`/api/v1/evaluations/reports/${id}/review`).set('Authorization', auth), 200, 'review report');
  if (status === 'published') await must(t.http().post(`/api/v1/evaluations/reports/${id}/publish`).set('Authorization', auth), 200, 'publish report');
  return id;
}

async function buildSide(t: TestApp, key: 'A' | 'B', png: Buffer): Promise<Side> {
  const area = await buildArea(t);
  const agency = await buildAgency({ code: uniq(`ag-${key}-`) });
  const spare = await buildAgency({ code: uniq(`ag-${key}s-`) });
  const liaison = await buildUser({ role: 'agency_liaison', agencyId: agency._id, displayName: `联络员${key}` });
  const sender = await buildUser({ role: 'dispatcher', displayName: `指挥中心${key}` });
  const users: Record<Role, Who> = {
    inspector: area.inspectors[0]! as Who,
    team_leader: area.leader as Who,
    dispatcher: area.dispatcher as Who,
    bureau_chief: area.chief as Who,
    agency_liaison: await who(t, liaison._id),
    legal_officer: area.legal as Who,
    admin: area.admin as Who,
  };
  const victims = [
    await buildUser({ role: 'inspector', gridIds: [area.area.cells[1]!.id], teamId: area.team!._id, displayName: `待停用${key}` }),
    await buildUser({ role: 'inspector', gridIds: [area.area.cells[1]!.id], teamId: area.team!._id, displayName: `待改密${key}`, disabled: true }),
  ];
  const login = await createUserWithPassword({ role: 'dispatcher', username: uniq(`login${key.toLowerCase()}`) });
  const partial = {
    key,
    area,
    teamId: String(area.team!._id),
    zoneId: area.area.zone.id,
    cellIds: area.area.cells.map((c) => c.id),
    agencyId: String(agency._id),
    spareAgencyId: String(spare._id),
    users,
    sender: await who(t, sender._id),
    victims,
    login,
  } as Side;

  // The side's case, shared with its agency through a joint case, with a photo.
  partial.caseId = await freshCase(t, partial, 0);
  const kase = await must(t.http().get(`/api/v1/cases/${partial.caseId}`).set('Authorization', users.dispatcher.auth), 200, 'read case');
  partial.caseNo = kase.body.data.caseNo;
  Object.assign(partial, await openJoint(t, users.dispatcher, [partial.caseId], partial.agencyId));
  const photo = await must(
    t.http().post(`/api/v1/cases/${partial.caseId}/photos`).set('Authorization', users.inspector.auth).attach('photo', png, 'scene.png'),
    201,
    'upload photo',
  );
  partial.photoId = photo.body.data.id;
  partial.photoSha256 = (await PhotoModel.findById(partial.photoId).lean<{ sha256: string }>())!.sha256;
  partial.closedCaseId = await caseAt(t, area, 'closed', { cell: 1 });

  // The side's liaison meeting: its agency invited, the case on the agenda, items of its team and agency.
  const m = await must(
    t.http().post('/api/v1/meetings').set('Authorization', users.dispatcher.auth).send({
      title: `${key} 三月联席会议`,
      kind: 'ad_hoc',
      scheduledAt: inHours(t, 24 * 8),
      location: '白沙镇政府三楼会议室',
      invitedAgencyIds: [partial.agencyId],
      agenda: [{ kind: 'case', caseId: partial.caseId }],
    }),
    201,
    'create meeting',
  );
  partial.meetingId = m.body.data.id;
  partial.items = await freshItems(t, partial, users.dispatcher, partial.meetingId);

  // Instructions: from the bureau to every role user of the side, and from the leader to the team.
  const ins = await must(
    t.http().post('/api/v1/instructions').set('Authorization', partial.sender.auth).send({
      title: `${key} 春季整治动员`,
      body: '请各单位按分工落实',
      targets: { userIds: ROLES_IN_ORDER.map((r) => users[r].id) },
    }),
    201,
    'send instruction',
  );
  partial.instructionId = ins.body.data.id;
  const lead = await must(
    t.http().post('/api/v1/instructions').set('Authorization', users.team_leader.auth).send({ title: `${key} 中队晨会`, targets: { teamIds: [partial.teamId] } }),
    201,
    'send team instruction',
  );
  partial.leaderInstructionId = lead.body.data.id;

  const notifications = {} as Record<Role, string>;
  for (const r of ROLES_IN_ORDER) {
    const k = uniq(`authz-${key}-`);
    await notifyUsers([users[r].id], { kind: 'test', title: `${key} ${r}`, key: k, at: t.clock.now() });
    notifications[r] = String((await NotificationModel.findOne({ userId: users[r].user._id, key: k }).lean())!._id);
  }
  partial.notifications = notifications;
  return partial;
}

/** Builds the whole world through the API (and factories where the API has no way in). */
export async function buildWorld(t: TestApp): Promise<World> {
  t.clock.set(NOW);
  const png = await pngBytes();
  const A = await buildSide(t, 'A', png);
  const B = await buildSide(t, 'B', png);
  const w = { A, B, callers: A.users, period: '2026-H1', reportPeriod: '2025-H2', png } as World;

  // Case-file review of the period: each side's closed case is sampled for its team.
  const legal = w.callers.legal_officer.auth;
  const batch = await must(
    t.http().post('/api/v1/evaluations/reviews').set('Authorization', legal).send({ period: w.period, sizePerTeam: 5, seed: 7 }),
    201,
    'draw review sample',
  );
  w.reviewBatchId = batch.body.data.id;
  for (const s of [A, B]) {
    const item = (batch.body.data.items as { id: string; team: string }[]).find((i) => i.team === s.teamId);
    if (!item) throw new Error(`world setup: no review item for team ${s.key}`);
    s.reviewItemId = item.id;
    s.rectificationId = await freshRectification(t, w, s);
  }
  w.reports = { published: await freshReport(t, w, 'published'), draft: await freshReport(t, w, 'draft') };

  // Open311: a client system and one public request per side.
  const admin = w.callers.admin.auth;
  const client = await must(t.http().post('/api/v1/open311-clients').set('Authorization', admin).send({ name: `authz ${uniq()}` }), 201, 'open311 client');
  w.open311 = { clientId: client.body.data.id, apiKey: client.body.data.apiKey };
  for (const s of [A, B]) {
    const c = s.area.area.cells[1]!;
    const res = await must(
      t.http().post('/open311/v2/requests.json').type('form').send({ api_key: w.open311.apiKey, service_code: s.area.minor.code, lat: String(c.centre[1]), long: String(c.centre[0]), description: '垃圾满溢' }),
      201,
      'open311 request',
    );
    s.open311CaseNo = res.body[0].service_request_id;
  }

  // A geometry import the validator refuses (the active layers stay as they are).
  const job = await must(
    t.http().post('/api/v1/geo/imports').set('Authorization', admin).send(badImport()),
    202,
    'geo import',
  );
  w.geoImportId = job.body.data.id;
  return w;
}

/** An import job that is accepted (202) and then fails validation: nothing in the layers changes. */
export const badImport = () => ({
  kind: 'zones',
  featureCollection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: uniq('Z-bad-') }, geometry: { type: 'Point', coordinates: [106, 29] } }] },
});

export const idempotencyKey = () => randomUUID();
