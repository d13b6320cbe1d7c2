import type { Role } from '../../backend/src/contracts';
import { PhotoModel } from '../../backend/src/modules/cases';
import { NotificationModel, notifyUsers } from '../../backend/src/modules/notifications';
import type { UserDoc } from '../../backend/src/modules/users';
import type { TestApp } from './app';
import { badImport, freshCase, freshItems, freshRectification, freshReport, inHours, must, openJoint, pngBytes, who } from './authz-fresh';
import { buildArea, caseAt, type Area } from './case-factories';
import { buildUser, createUserWithPassword, uniq, type UserWithPassword } from './factories';
import { buildAgency } from './geo-factories';

export * from './authz-fresh';

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
