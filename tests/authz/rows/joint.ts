import { ensure, type Env, type Row } from '../../support/authz-matrix';
import { visibleItemIds, visibleJointIds, visibleMeetingIds, visibleTaskIds } from '../../support/authz-scope';
import { freshCase, freshItems, freshMeeting, freshTask, inHours, must, openJoint } from '../../support/authz-world';
import { only, own } from './expect';

/**
 * Joint cases (联合办案) and liaison meetings (联席会议). own = side A's joint case (over side A's
 * case, with side A's agency) / meeting (side A's agency invited, items of side A's team and
 * agency); other = side B's. Inspectors and team leaders read the joint cases of cases they see;
 * the bureau opens, assigns and decides; liaisons act on their agency's tasks and items.
 */

const JOINT = 'own = side A’s joint case (over side A’s case, with side A’s agency), other = side B’s';
const MEETING = 'own = side A’s meeting (side A’s agency invited, items of side A’s team and agency), other = side B’s';
const NO_SCOPE = 'no per-side scope: own and other are the same request about side A / side B';

const jointRead = { anon: 401, insp: own(200), lead: own(200), disp: 200, chief: 200, liaison: own(200), legal: 200, admin: 403 } as const;
const bureau = (ok: number) => only({ disp: ok, chief: ok });
const meetingRead = { ...only({ disp: 200, chief: 200, legal: 200 }), lead: own(200), liaison: own(200) };

/** Every id on the page is in the caller's scope (by the independent oracle). */
const pageWithin = (oracle: (e: Env) => Promise<Set<string>>) => async (res: { body: { data: { id: string }[] } }, e: Env) => {
  const scope = await oracle(e);
  ensure(res.body.data.every((x) => scope.has(x.id)), 'an out-of-scope item on the page');
};

/** A declined task of the side's joint case (declined by the side's liaison), ready for reassignment. */
async function declinedTask(e: Env): Promise<string> {
  const id = await freshTask(e.t, e.w, e.s);
  await must(
    e.t.http().post(`/api/v1/joint-cases/${e.s.jointId}/tasks/${id}/transitions`).set('Authorization', e.s.users.agency_liaison.auth).send({ action: 'decline', reason: '不属本所职责' }),
    200,
    'decline task',
  );
  return id;
}

export const JOINT_ROWS: Row[] = [
  {
    endpoint: 'GET /api/v1/joint-cases',
    scope: 'lists filtered by side A’s / side B’s agency (contents checked in lists.test.ts)',
    expect: { ...jointRead, insp: 200, lead: 200, liaison: 200 },
    req: (e) => ({ method: 'get', url: '/api/v1/joint-cases', query: { agencyId: e.s.agencyId } }),
    check: pageWithin((e) => visibleJointIds(e.who!)),
  },
  {
    endpoint: 'POST /api/v1/joint-cases',
    scope: 'a fresh case of side A / side B with the side’s agency',
    expect: bureau(201),
    req: async (e) => ({
      method: 'post',
      url: '/api/v1/joint-cases',
      body: {
        title: '农贸市场周边联合整治',
        reason: 'cross_domain',
        caseIds: [e.expected === 201 ? await freshCase(e.t, e.s) : e.s.caseId],
        lead: { kind: 'bureau' },
        agencyIds: [e.s.agencyId],
      },
    }),
  },
  {
    endpoint: 'GET /api/v1/joint-cases/tasks',
    scope: 'lists filtered by side A’s / side B’s joint case (contents checked in lists.test.ts)',
    expect: { ...jointRead, insp: 200, lead: 200, liaison: 200 },
    req: (e) => ({ method: 'get', url: '/api/v1/joint-cases/tasks', query: { jointCaseId: e.s.jointId } }),
    check: pageWithin((e) => visibleTaskIds(e.who!)),
  },
  {
    endpoint: 'GET /api/v1/joint-cases/:id',
    scope: JOINT,
    expect: jointRead,
    req: (e) => ({ method: 'get', url: `/api/v1/joint-cases/${e.s.jointId}` }),
    check: (res, e) => ensure(res.body.data.id === e.s.jointId, 'another joint case'),
  },
  { endpoint: 'GET /api/v1/joint-cases/:id/timeline', scope: JOINT, expect: jointRead, req: (e) => ({ method: 'get', url: `/api/v1/joint-cases/${e.s.jointId}/timeline` }) },
  {
    endpoint: 'POST /api/v1/joint-cases/:id/tasks',
    scope: JOINT,
    expect: bureau(201),
    req: (e) => ({ method: 'post', url: `/api/v1/joint-cases/${e.s.jointId}/tasks`, body: { agencyId: e.s.agencyId, description: '协查经营许可', dueAt: inHours(e.t, 48) } }),
  },
  {
    endpoint: 'POST /api/v1/joint-cases/:id/tasks/:taskId/transitions',
    variant: 'accept',
    scope: `${JOINT}; a fresh task for the side’s agency`,
    // Only the liaison of the task's agency accepts; readers who see the joint case are the wrong
    // role (403), those who do not see it get 404.
    expect: { anon: 401, insp: [403, 404], lead: [403, 404], disp: 403, chief: 403, liaison: own(200), legal: 403, admin: 403 },
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/joint-cases/${e.s.jointId}/tasks/${e.expected === 200 ? await freshTask(e.t, e.w, e.s) : e.s.taskId}/transitions`,
      body: { action: 'accept' },
    }),
  },
  {
    endpoint: 'POST /api/v1/joint-cases/:id/tasks/:taskId/transitions',
    variant: 'cancel',
    scope: `${JOINT}; a fresh task for the side’s agency`,
    expect: { anon: 401, insp: [403, 404], lead: [403, 404], disp: 200, chief: 200, liaison: [403, 404], legal: 403, admin: 403 },
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/joint-cases/${e.s.jointId}/tasks/${e.expected === 200 ? await freshTask(e.t, e.w, e.s) : e.s.taskId}/transitions`,
      body: { action: 'cancel', reason: '任务重复' },
    }),
  },
  {
    endpoint: 'POST /api/v1/joint-cases/:id/tasks/:taskId/reassign',
    scope: `${JOINT}; a task the side’s agency declined`,
    expect: bureau(201),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/joint-cases/${e.s.jointId}/tasks/${e.expected === 201 ? await declinedTask(e) : e.s.taskId}/reassign`,
      body: { agencyId: e.s.spareAgencyId, dueAt: inHours(e.t, 72) },
    }),
  },
  {
    endpoint: 'POST /api/v1/joint-cases/:id/decision',
    scope: 'own = a fresh joint case over a side A case, other = one over a side B case (no tasks: decidable)',
    expect: bureau(200),
    req: async (e) => {
      const id = e.expected === 200 ? (await openJoint(e.t, e.w.callers.dispatcher, [await freshCase(e.t, e.s)], e.s.agencyId, false)).jointId : e.s.jointId;
      return { method: 'post', url: `/api/v1/joint-cases/${id}/decision`, body: { decision: '依法联合处理，责令整改' } };
    },
  },

  // ---- liaison meetings ----
  {
    endpoint: 'GET /api/v1/meetings',
    scope: NO_SCOPE,
    expect: { ...meetingRead, lead: 200, liaison: 200 },
    req: () => ({ method: 'get', url: '/api/v1/meetings' }),
    check: pageWithin((e) => visibleMeetingIds(e.who!)),
  },
  {
    endpoint: 'POST /api/v1/meetings',
    scope: 'a meeting inviting side A’s / side B’s agency',
    expect: bureau(201),
    req: (e) => ({
      method: 'post',
      url: '/api/v1/meetings',
      body: { title: '临时联席会议', kind: 'ad_hoc', scheduledAt: inHours(e.t, 24 * 9), invitedAgencyIds: [e.s.agencyId] },
    }),
  },
  {
    endpoint: 'GET /api/v1/meetings/action-items',
    scope: 'lists of side A’s / side B’s meeting (contents checked in lists.test.ts)',
    expect: { ...meetingRead, lead: 200, liaison: 200 },
    req: (e) => ({ method: 'get', url: '/api/v1/meetings/action-items', query: { meetingId: e.s.meetingId } }),
    check: pageWithin((e) => visibleItemIds(e.who!)),
  },
  {
    endpoint: 'POST /api/v1/meetings/action-items/:itemId/transitions',
    variant: 'done',
    scope: 'own = a fresh open item of side A’s team (for the leader) or agency (for everyone else), other = side B’s',
    expect: { anon: 401, insp: 403, lead: own(200), disp: 200, chief: 200, liaison: own(200), legal: 403, admin: 403 },
    req: async (e) => {
      const items = e.expected === 200 ? await freshItems(e.t, e.s, e.w.callers.dispatcher) : e.s.items;
      return { method: 'post', url: `/api/v1/meetings/action-items/${e.role === 'team_leader' ? items.team : items.agency}/transitions`, body: { action: 'done', evidence: ['巡查记录 3 份'] } };
    },
  },
  {
    endpoint: 'POST /api/v1/meetings/action-items/:itemId/transitions',
    variant: 'cancel',
    scope: 'own = a fresh open item of side A’s team (for the leader) or agency (for everyone else), other = side B’s',
    // Cancelling is the bureau's: owners who see the item are the wrong role (403).
    expect: { anon: 401, insp: 403, lead: [403, 404], disp: 200, chief: 200, liaison: [403, 404], legal: 403, admin: 403 },
    req: async (e) => {
      const items = e.expected === 200 ? await freshItems(e.t, e.s, e.w.callers.dispatcher) : e.s.items;
      return { method: 'post', url: `/api/v1/meetings/action-items/${e.role === 'team_leader' ? items.team : items.agency}/transitions`, body: { action: 'cancel', note: '已并入其他事项' } };
    },
  },
  {
    endpoint: 'GET /api/v1/meetings/:id',
    scope: MEETING,
    expect: meetingRead,
    req: (e) => ({ method: 'get', url: `/api/v1/meetings/${e.s.meetingId}` }),
    check: (res, e) => ensure(res.body.data.id === e.s.meetingId, 'another meeting'),
  },
  {
    endpoint: 'GET /api/v1/meetings/:id/minutes.pdf',
    scope: MEETING,
    expect: meetingRead,
    req: (e) => ({ method: 'get', url: `/api/v1/meetings/${e.s.meetingId}/minutes.pdf` }),
    check: (res) => ensure(res.headers['content-type'] === 'application/pdf', 'not a PDF'),
  },
  {
    endpoint: 'POST /api/v1/meetings/:id/agenda',
    scope: MEETING,
    expect: bureau(201),
    req: (e) => ({ method: 'post', url: `/api/v1/meetings/${e.s.meetingId}/agenda`, body: { kind: 'topic', title: '占道经营回头看' } }),
  },
  {
    endpoint: 'PUT /api/v1/meetings/:id/attendance',
    scope: MEETING,
    expect: bureau(200),
    req: (e) => ({ method: 'put', url: `/api/v1/meetings/${e.s.meetingId}/attendance`, body: { entries: [{ agencyId: e.s.agencyId, name: '所长', present: true }] } }),
  },
  {
    endpoint: 'PUT /api/v1/meetings/:id/minutes',
    scope: MEETING,
    expect: bureau(200),
    req: async (e) => {
      let base = 0;
      if (e.expected === 200) {
        const m = await must(e.t.http().get(`/api/v1/meetings/${e.s.meetingId}`).set('Authorization', e.w.callers.dispatcher.auth), 200, 'read meeting');
        base = m.body.data.minutes?.revision ?? 0;
      }
      return { method: 'put', url: `/api/v1/meetings/${e.s.meetingId}/minutes`, body: { text: '会议纪要：各单位按分工落实。', baseRevision: base } };
    },
  },
  {
    endpoint: 'POST /api/v1/meetings/:id/resolutions',
    scope: MEETING,
    expect: bureau(201),
    req: (e) => ({ method: 'post', url: `/api/v1/meetings/${e.s.meetingId}/resolutions`, body: { text: '加强夜间巡查' } }),
  },
  {
    endpoint: 'POST /api/v1/meetings/:id/conclude',
    scope: 'own = a fresh meeting inviting side A’s agency, other = side B’s',
    expect: bureau(200),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/meetings/${e.expected === 200 ? (await freshMeeting(e.t, e.s, e.w.callers.dispatcher)).meetingId : e.s.meetingId}/conclude`,
    }),
  },
];
