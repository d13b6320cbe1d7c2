import { createHash } from 'node:crypto';
import type { Role } from '../../backend/src/contracts';
import { CaseModel } from '../../backend/src/modules/cases';
import { RectificationModel, ReportModel } from '../../backend/src/modules/evaluations';
import { InstructionModel, InstructionReceiptModel } from '../../backend/src/modules/instructions';
import { NotificationModel } from '../../backend/src/modules/notifications';
import { useTestApp } from '../support/app';
import {
  pages,
  parseCsv,
  seesCase,
  visibleCases,
  visibleItemIds,
  visibleJointIds,
  visibleMeetingIds,
  visibleTaskIds,
} from '../support/authz-scope';
import { buildWorld, freshCase, must, ROLES_IN_ORDER, type Who, type World } from '../support/authz-world';

/**
 * Lists never leak: for every role, every page of every scoped list holds only ids of the caller's
 * scope, the totals and counts are those of the scope, and paging to the end yields exactly the
 * scope (compared with sets read straight from the database through an independent oracle). The
 * same for the CSV export, the map clusters and photo bytes.
 */
describe('scoped lists, counts, exports, map and photo bytes', () => {
  const t = useTestApp();
  let w: World;
  const CASE_ROLES: Role[] = ['inspector', 'team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer'];
  const as = (role: Role): Who => w.callers[role];

  beforeAll(async () => {
    w = await buildWorld(t);
    // Scope by relation rather than place: side A's inspector reports in side B (reporter rule),
    // and side B's case is handed to side A's team leader (holder rule).
    await must(
      t.http().post('/api/v1/incidents').set('Authorization', w.A.users.inspector.auth).set('Idempotency-Key', `authz-lists-${Date.now()}`)
        .send({ location: { type: 'Point', coordinates: w.B.area.area.cells[1]!.centre }, category: w.B.area.minor.code, description: '越界上报', source: 'patrol' }),
      201,
      'report in side B',
    );
    const held = await freshCase(t, w.B, 1);
    const act = (body: object) => t.http().post(`/api/v1/cases/${held}/transitions`).set('Authorization', w.B.users.dispatcher.auth).send(body);
    await must(act({ action: 'file' }), 200, 'file');
    await must(act({ action: 'dispatch', tier: 'team', teamId: w.B.teamId, holderId: w.A.users.team_leader.id }), 200, 'dispatch to side A’s leader');
    for (let i = 0; i < 3; i++) await freshCase(t, w.B, i % 2);
  }, 300_000);

  describe('GET /api/v1/cases', () => {
    test.each(CASE_ROLES)('as %s: every page holds only in-scope cases, meta.total is the scope size, the pages add up to the scope', async (role) => {
      const expected = new Set((await visibleCases(as(role))).map((c) => String(c._id)));
      const got = await pages(t, as(role).auth, '/api/v1/cases', { limit: 3 });
      const all = got.flatMap((p) => p.ids);
      for (const p of got) {
        expect(p.ids.filter((id) => !expected.has(id))).toEqual([]);
        expect(p.body.meta.total).toBe(expected.size);
      }
      expect(new Set(all).size).toBe(all.length);
      expect(new Set(all)).toEqual(expected);
      if (role === 'inspector' || role === 'team_leader' || role === 'agency_liaison') {
        expect(expected.size).toBeLessThan((await CaseModel.countDocuments({})));
        expect(expected.size).toBeGreaterThan(0);
      }
    }, 120_000);

    test.each(CASE_ROLES)('as %s: filters naming the other side narrow the scope, never widen it', async (role) => {
      const who = as(role);
      const all = await visibleCases(who);
      const filters: [Record<string, string>, (c: Record<string, unknown>) => boolean][] = [
        [{ teamId: w.B.teamId }, (c) => String(c.teamId) === w.B.teamId],
        [{ zoneId: w.B.zoneId }, (c) => String(c.zoneId) === w.B.zoneId],
        [{ gridId: w.B.cellIds[0]! }, (c) => String(c.gridId) === w.B.cellIds[0]],
        [{ holderId: w.B.users.inspector.id }, (c) => String(c.holderId) === w.B.users.inspector.id],
        [{ q: w.B.caseNo }, (c) => c.caseNo === w.B.caseNo],
      ];
      for (const [query, match] of filters) {
        const expected = new Set(all.filter(match).map((c) => String(c._id)));
        const got = await pages(t, who.auth, '/api/v1/cases', { ...query, limit: 50 });
        expect([query, new Set(got.flatMap((p) => p.ids)), got[0]!.body.meta.total]).toEqual([query, expected, expected.size]);
      }
    }, 120_000);

    test('the admin has no case list at all (403)', async () => {
      const res = await t.http().get('/api/v1/cases').set('Authorization', as('admin').auth);
      expect(res.status).toBe(403);
    });
  });

  describe('GET /api/v1/cases/export.csv', () => {
    test.each(CASE_ROLES)('as %s: the CSV holds exactly the in-scope cases (with and without a filter)', async (role) => {
      const who = as(role);
      const visible = await visibleCases(who);
      for (const query of [{}, { teamId: w.B.teamId }, { teamId: w.A.teamId }]) {
        const res = await t.http().get('/api/v1/cases/export.csv').query(query).set('Authorization', who.auth).buffer(true);
        expect(res.status).toBe(200);
        const [header, ...rows] = parseCsv(res.text).filter((r) => r.length > 1);
        const col = header!.findIndex((h) => h.endsWith(' caseNo'));
        const expected = visible.filter((c) => !('teamId' in query) || String(c.teamId) === query.teamId).map((c) => String(c.caseNo));
        expect([query, rows.map((r) => r[col]).sort()]).toEqual([query, expected.sort()]);
      }
    }, 120_000);
  });

  test('GET /api/v1/map/clusters: every point is in scope and the points and cluster counts add up to the scope', async () => {
    const whole = { bbox: '105,28,108,31', zoom: 22 };
    for (const role of CASE_ROLES) {
      const who = as(role);
      const visible = await visibleCases(who);
      const res = await t.http().get('/api/v1/map/clusters').query(whole).set('Authorization', who.auth);
      expect(res.status).toBe(200);
      const feats = res.body.data.features as { properties: { caseId?: string; cluster?: boolean; point_count?: number } }[];
      const points = feats.filter((f) => !f.properties.cluster).map((f) => f.properties.caseId!);
      const clustered = feats.filter((f) => f.properties.cluster).reduce((n, f) => n + f.properties.point_count!, 0);
      const ids = new Set(visible.map((c) => String(c._id)));
      expect([role, points.filter((id) => !ids.has(id))]).toEqual([role, []]);
      expect([role, points.length + clustered]).toEqual([role, visible.length]);
    }
    expect((await t.http().get('/api/v1/map/clusters').query(whole).set('Authorization', as('admin').auth)).status).toBe(403);
  }, 120_000);

  describe('photo bytes', () => {
    const binary = (res: { body: unknown }) => (Buffer.isBuffer(res.body) ? res.body : Buffer.alloc(0));
    test.each(ROLES_IN_ORDER)('as %s: the photo of a visible case is served byte for byte, any other answers a JSON 404 without image bytes', async (role) => {
      const who = as(role);
      for (const side of [w.A, w.B]) {
        const kase = await CaseModel.findById(side.caseId).lean<Record<string, unknown>>();
        const visible = role !== 'admin' && seesCase(who, kase!);
        for (const variant of ['', '/thumb']) {
          const res = await t.http().get(`/api/v1/photos/${side.photoId}${variant}`).set('Authorization', who.auth).buffer(true);
          if (visible) {
            expect([side.key, variant, res.status, String(res.headers['content-type']).startsWith('image/')]).toEqual([side.key, variant, 200, true]);
            if (variant === '') expect(createHash('sha256').update(binary(res)).digest('hex')).toBe(side.photoSha256);
          } else {
            expect([side.key, variant, res.status, res.headers['content-type']]).toEqual([side.key, variant, 404, expect.stringContaining('application/json')]);
            expect(res.text).not.toContain('PNG');
            expect(res.text).not.toContain('JFIF');
          }
        }
      }
    });

    test('a case’s photo list is only seen with the case', async () => {
      const mine = await t.http().get(`/api/v1/cases/${w.A.caseId}`).set('Authorization', as('inspector').auth);
      expect(mine.body.data.photos.map((p: { id: string }) => p.id)).toContain(w.A.photoId);
      const theirs = await t.http().get(`/api/v1/cases/${w.B.caseId}`).set('Authorization', as('inspector').auth);
      expect(theirs.status).toBe(404);
      expect(JSON.stringify(theirs.body)).not.toContain(w.B.photoId);
    });
  });

  describe('joint cases, tasks, meetings and action items', () => {
    const READERS: Role[] = ['inspector', 'team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer'];
    test.each(READERS)('as %s: joint cases and tasks, page by page', async (role) => {
      const who = as(role);
      const joints = await visibleJointIds(who);
      const got = await pages(t, who.auth, '/api/v1/joint-cases', { limit: 2 });
      expect(new Set(got.flatMap((p) => p.ids))).toEqual(joints);
      expect(got.flatMap((p) => p.ids).length).toBe(joints.size);
      const tasks = await visibleTaskIds(who);
      const gotTasks = await pages(t, who.auth, '/api/v1/joint-cases/tasks', { limit: 2 });
      expect(new Set(gotTasks.flatMap((p) => p.ids))).toEqual(tasks);
      if (role === 'agency_liaison' || role === 'inspector' || role === 'team_leader') {
        expect(joints.has(w.A.jointId) && !joints.has(w.B.jointId)).toBe(true);
      }
    }, 120_000);

    test.each(['team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer'] as Role[])('as %s: meetings and action items, page by page', async (role) => {
      const who = as(role);
      const meetings = await visibleMeetingIds(who);
      const got = await pages(t, who.auth, '/api/v1/meetings', { limit: 2 });
      expect(new Set(got.flatMap((p) => p.ids))).toEqual(meetings);
      const items = await visibleItemIds(who);
      const gotItems = await pages(t, who.auth, '/api/v1/meetings/action-items', { limit: 2 });
      expect(new Set(gotItems.flatMap((p) => p.ids))).toEqual(items);
      if (role === 'agency_liaison' || role === 'team_leader') expect(meetings.has(w.A.meetingId) && !meetings.has(w.B.meetingId)).toBe(true);
    }, 120_000);

    test('a meeting’s items filter cannot open another side’s items to a liaison or leader', async () => {
      for (const role of ['agency_liaison', 'team_leader'] as Role[]) {
        const res = await t.http().get('/api/v1/meetings/action-items').query({ meetingId: w.B.meetingId }).set('Authorization', as(role).auth);
        expect([role, res.status, res.body.data]).toEqual([role, 200, []]);
      }
    });
  });

  describe('instructions and notifications', () => {
    test.each(ROLES_IN_ORDER)('as %s: the inbox holds exactly the instructions addressed to the caller, with their unread count', async (role) => {
      const who = as(role);
      const receipts = await InstructionReceiptModel.find({ userId: who.user._id }).lean<{ instructionId: unknown; readAt: Date | null }[]>();
      const got = await pages(t, who.auth, '/api/v1/instructions/inbox', { limit: 1 });
      expect(new Set(got.flatMap((p) => p.ids))).toEqual(new Set(receipts.map((r) => String(r.instructionId))));
      expect(got[0]!.body.meta.unread).toBe(receipts.filter((r) => !r.readAt).length);
      expect(got.flatMap((p) => p.ids)).toContain(w.A.instructionId);
      expect(got.flatMap((p) => p.ids)).not.toContain(w.B.instructionId);
    });

    test.each(['team_leader', 'dispatcher', 'bureau_chief'] as Role[])('as %s: the sent list holds only what the caller sent', async (role) => {
      const who = as(role);
      const mine = await InstructionModel.find({ senderId: who.user._id }).lean();
      const got = await pages(t, who.auth, '/api/v1/instructions/sent', { limit: 1 });
      expect(new Set(got.flatMap((p) => p.ids))).toEqual(new Set(mine.map((i) => String(i._id))));
    });

    test.each(ROLES_IN_ORDER)('as %s: notifications are the caller’s own, and so is the unread count', async (role) => {
      const who = as(role);
      const res = await t.http().get('/api/v1/notifications').query({ limit: 200 }).set('Authorization', who.auth);
      const mine = await NotificationModel.find({ userId: who.user._id }).lean<{ _id: unknown; readAt: Date | null }[]>();
      expect(new Set((res.body.data as { id: string }[]).map((n) => n.id))).toEqual(new Set(mine.map((n) => String(n._id))));
      expect(res.body.meta.unread).toBe(mine.filter((n) => !n.readAt).length);
      expect((res.body.data as { id: string }[]).map((n) => n.id)).not.toContain(w.B.notifications[role]);
    });
  });

  describe('evaluations', () => {
    test.each(['team_leader', 'dispatcher', 'bureau_chief', 'legal_officer'] as Role[])('as %s: rectification items of the caller’s scope only', async (role) => {
      const who = as(role);
      const all = await RectificationModel.find({}).lean<{ _id: unknown; team: string }[]>();
      const expected = all.filter((r) => role !== 'team_leader' || r.team === w.A.teamId).map((r) => String(r._id));
      const got = await pages(t, who.auth, '/api/v1/evaluations/rectifications', { limit: 1 });
      expect(new Set(got.flatMap((p) => p.ids))).toEqual(new Set(expected));
      if (role === 'team_leader') expect(expected).not.toContain(w.B.rectificationId);
    });

    test.each(['dispatcher', 'bureau_chief', 'legal_officer'] as Role[])('as %s: the report history shows drafts to the legal office only', async (role) => {
      const res = await t.http().get('/api/v1/evaluations/reports').set('Authorization', as(role).auth);
      const all = await ReportModel.find({}).lean<{ _id: unknown; status: string }[]>();
      const expected = all.filter((r) => role === 'legal_officer' || r.status === 'published').map((r) => String(r._id));
      expect(new Set((res.body.data as { id: string }[]).map((r) => r.id))).toEqual(new Set(expected));
    });

    test('a team leader’s indicators are the team level, the own team only', async () => {
      const leader = as('team_leader');
      const res = await t.http().get('/api/v1/evaluations/indicators').query({ period: w.period, level: 'team' }).set('Authorization', leader.auth);
      expect(res.status).toBe(200);
      expect((res.body.data.rows as { key: string }[]).map((r) => r.key)).toEqual([w.A.teamId]);
      for (const level of ['bureau', 'grid', 'domain', 'category', 'agency', 'inspector', 'dispatcher']) {
        const other = await t.http().get('/api/v1/evaluations/indicators').query({ period: w.period, level }).set('Authorization', leader.auth);
        expect([level, other.status]).toEqual([level, 403]);
      }
    });
  });

  test('Open311 lists only requests created through Open311, never internal cases', async () => {
    const res = await t.http().get('/open311/v2/requests.json');
    expect(res.status).toBe(200);
    const ids = (res.body as { service_request_id: string }[]).map((r) => r.service_request_id);
    const open311 = new Set((await CaseModel.find({ source: 'open311' }, { caseNo: 1 }).lean<{ caseNo: string }[]>()).map((c) => c.caseNo));
    expect(ids.filter((id) => !open311.has(id))).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining([w.A.open311CaseNo, w.B.open311CaseNo]));
    const internal = await t.http().get('/open311/v2/requests.json').query({ service_request_id: `${w.A.caseNo},${w.B.caseNo}` });
    expect(internal.body).toEqual([]);
  });
});
