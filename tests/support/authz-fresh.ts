import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { DEFAULT_RUBRIC } from '../../backend/src/modules/evaluations/rubric.workflow';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import type { TestApp } from './app';
import type { Side, Who, World } from './authz-world';
import { report } from './case-factories';
import { bearer, uniq } from './factories';

/**
 * Helpers the authorization world and its rows share: objects made through the API (a fresh case,
 * task, meeting, action item, rectification item or report) for cells that expect a success, so no
 * cell depends on what another cell left behind.
 */

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

/** An import job that is accepted (202) and then fails validation: nothing in the layers changes. */
export const badImport = () => ({
  kind: 'zones',
  featureCollection: { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: uniq('Z-bad-') }, geometry: { type: 'Point', coordinates: [106, 29] } }] },
});

export const idempotencyKey = () => randomUUID();
