import { DEFAULT_RUBRIC } from '../../../backend/src/modules/evaluations/rubric.workflow';
import { InstructionReceiptModel } from '../../../backend/src/modules/instructions';
import { ensure, type Row } from '../../support/authz-matrix';
import { doneRectification, freshRectification, freshReport, scoreSheet } from '../../support/authz-world';
import { only, own, signedIn } from './expect';

/**
 * Instructions (指令) and the half-year evaluation (半年评估).
 *
 * Instructions: own = side A's instruction (sent by a bureau dispatcher to every role user of
 * side A; for the team leader's receipts, the one the leader sent to the team), other = side B's.
 * The bureau sees every instruction; everyone else only what they sent or received.
 *
 * Evaluations: run by the legal office, read by the bureau; a team leader sees the team's figures
 * and rectification items (own = side A's team, other = side B's). Reports: own = a published
 * report, other = a draft (the bureau readers see published ones only).
 */

const INSTRUCTION = 'own = side A’s instruction (to every role user of side A), other = side B’s';
const NO_SCOPE = 'no per-side scope: own and other are the same request about side A / side B';
const TEAM = 'own = side A’s team, other = side B’s team';
const REPORT = 'own = a published report, other = a draft report';

const readers = (ok: number) => only({ legal: ok, chief: ok, disp: ok, lead: ok });
const bureauReaders = (ok: number) => only({ legal: ok, chief: ok, disp: ok });
const legalOnly = (ok: number | readonly [number, number]) => only({ legal: ok });
const teamRead = { ...bureauReaders(200), lead: own(200) };

export const WORK_ROWS: Row[] = [
  {
    endpoint: 'POST /api/v1/instructions',
    scope: 'an instruction to side A’s / side B’s team',
    // The bureau instructs anyone; a team leader only their own team: naming another team is an
    // action outside their authority (403 OUT_OF_SCOPE; teams are public reference data).
    expect: only({ disp: 201, chief: 201, lead: [201, 403] }),
    req: (e) => ({ method: 'post', url: '/api/v1/instructions', body: { title: '清理占道', targets: { teamIds: [e.s.teamId] } } }),
  },
  {
    endpoint: 'GET /api/v1/instructions/inbox',
    scope: NO_SCOPE,
    expect: signedIn(200),
    req: () => ({ method: 'get', url: '/api/v1/instructions/inbox', query: { limit: 200 } }),
    check: async (res, e) => {
      const mine = await InstructionReceiptModel.find({ userId: e.who!.user._id }).lean<{ instructionId: unknown; readAt: Date | null }[]>();
      const ids = new Set(mine.map((r) => String(r.instructionId)));
      ensure((res.body.data as { id: string }[]).every((i) => ids.has(i.id)), 'someone else’s instruction in the inbox');
      ensure(res.body.meta.unread === mine.filter((r) => !r.readAt).length, 'unread count of someone else');
    },
  },
  {
    endpoint: 'GET /api/v1/instructions/recipients',
    scope: 'own = side A’s inspector searched by username, other = side B’s (a team leader is offered only their team’s people)',
    expect: only({ disp: 200, chief: 200, lead: 200 }),
    req: (e) => ({ method: 'get', url: '/api/v1/instructions/recipients', query: { q: e.s.users.inspector.user.username } }),
    check: (res, e) => {
      const found = (res.body.data as { id: string }[]).map((u) => u.id);
      const offered = e.role !== 'team_leader' || e.scope === 'own';
      ensure(found.includes(e.s.users.inspector.id) === offered, offered ? 'a targetable user not offered' : 'another team’s user offered to a team leader');
    },
  },
  { endpoint: 'GET /api/v1/instructions/sent', scope: NO_SCOPE, expect: only({ disp: 200, chief: 200, lead: 200 }), req: () => ({ method: 'get', url: '/api/v1/instructions/sent' }) },
  {
    endpoint: 'GET /api/v1/instructions/:id',
    scope: INSTRUCTION,
    expect: { anon: 401, insp: own(200), lead: own(200), disp: 200, chief: 200, liaison: own(200), legal: own(200), admin: own(200) },
    req: (e) => ({ method: 'get', url: `/api/v1/instructions/${e.s.instructionId}` }),
    check: (res, e) => ensure(res.body.data.id === e.s.instructionId, 'another instruction'),
  },
  {
    endpoint: 'GET /api/v1/instructions/:id/receipts',
    scope: `${INSTRUCTION}; for the team leader: the instruction the side’s leader sent`,
    expect: { ...only({ disp: 200, chief: 200 }), lead: own(200) },
    req: (e) => ({ method: 'get', url: `/api/v1/instructions/${e.role === 'team_leader' ? e.s.leaderInstructionId : e.s.instructionId}/receipts` }),
  },
  {
    endpoint: 'POST /api/v1/instructions/:id/read',
    scope: INSTRUCTION,
    expect: signedIn(own(200)),
    req: (e) => ({ method: 'post', url: `/api/v1/instructions/${e.s.instructionId}/read` }),
  },
  {
    endpoint: 'POST /api/v1/instructions/:id/ack',
    scope: INSTRUCTION,
    expect: signedIn(own(200)),
    req: (e) => ({ method: 'post', url: `/api/v1/instructions/${e.s.instructionId}/ack`, body: { reply: '收到，立即落实' } }),
  },

  // ---- evaluations: figures ----
  { endpoint: 'GET /api/v1/evaluations/definitions', scope: NO_SCOPE, expect: readers(200), req: () => ({ method: 'get', url: '/api/v1/evaluations/definitions' }) },
  {
    endpoint: 'GET /api/v1/evaluations/indicators',
    scope: TEAM,
    expect: teamRead,
    req: (e) => ({ method: 'get', url: '/api/v1/evaluations/indicators', query: { period: e.w.period, level: 'team', key: e.s.teamId } }),
    check: (res, e) => ensure((res.body.data.rows as { key: string }[]).every((r) => r.key === e.s.teamId), 'rows of another team'),
  },
  {
    endpoint: 'GET /api/v1/evaluations/indicators/cases',
    scope: TEAM,
    expect: teamRead,
    req: (e) => ({
      method: 'get',
      url: '/api/v1/evaluations/indicators/cases',
      query: { period: e.w.period, level: 'team', key: e.s.teamId, indicator: 'onTimeClosureRate', part: 'denominator' },
    }),
  },
  {
    endpoint: 'GET /api/v1/evaluations/scores',
    scope: NO_SCOPE,
    expect: readers(200),
    req: (e) => ({ method: 'get', url: '/api/v1/evaluations/scores', query: { period: e.w.period } }),
    check: (res, e) => {
      if (e.role !== 'team_leader') return;
      const s = res.body.data.scores as { team: { key: string }[]; inspector: unknown[]; dispatcher: unknown[] };
      ensure(s.team.every((r) => r.key === e.w.A.teamId) && s.inspector.length === 0 && s.dispatcher.length === 0, 'a leader sees other scores');
    },
  },

  // ---- evaluations: case-file review ----
  { endpoint: 'GET /api/v1/evaluations/rubrics', scope: NO_SCOPE, expect: bureauReaders(200), req: () => ({ method: 'get', url: '/api/v1/evaluations/rubrics' }) },
  {
    endpoint: 'POST /api/v1/evaluations/rubrics',
    scope: NO_SCOPE,
    expect: legalOnly(201),
    req: () => ({ method: 'post', url: '/api/v1/evaluations/rubrics', body: { veto: DEFAULT_RUBRIC.veto, form: DEFAULT_RUBRIC.form, content: DEFAULT_RUBRIC.content, thresholds: DEFAULT_RUBRIC.thresholds } }),
  },
  { endpoint: 'GET /api/v1/evaluations/reviews', scope: NO_SCOPE, expect: bureauReaders(200), req: () => ({ method: 'get', url: '/api/v1/evaluations/reviews' }) },
  {
    endpoint: 'POST /api/v1/evaluations/reviews',
    scope: NO_SCOPE,
    expect: legalOnly(201),
    req: (e) => ({ method: 'post', url: '/api/v1/evaluations/reviews', body: { period: e.w.period, sizePerTeam: 1, seed: 11 } }),
  },
  { endpoint: 'GET /api/v1/evaluations/reviews/:id', scope: 'the review sample (both teams)', expect: bureauReaders(200), req: (e) => ({ method: 'get', url: `/api/v1/evaluations/reviews/${e.w.reviewBatchId}` }) },
  {
    endpoint: 'POST /api/v1/evaluations/review-items/:id/score',
    scope: 'own = side A’s sampled file, other = side B’s',
    expect: legalOnly(200),
    req: (e) => ({ method: 'post', url: `/api/v1/evaluations/review-items/${e.s.reviewItemId}/score`, body: scoreSheet([]) }),
  },

  // ---- evaluations: rectification items (整改) ----
  {
    endpoint: 'GET /api/v1/evaluations/rectifications',
    scope: 'lists (contents checked in lists.test.ts)',
    expect: readers(200),
    req: () => ({ method: 'get', url: '/api/v1/evaluations/rectifications', query: { limit: 200 } }),
    check: (res, e) => ensure(e.role !== 'team_leader' || (res.body.data as { team: string }[]).every((r) => r.team === e.w.A.teamId), 'another team’s rectification'),
  },
  {
    endpoint: 'GET /api/v1/evaluations/rectifications/:id',
    scope: `${TEAM}’s rectification item`,
    expect: teamRead,
    req: (e) => ({ method: 'get', url: `/api/v1/evaluations/rectifications/${e.s.rectificationId}` }),
  },
  {
    endpoint: 'POST /api/v1/evaluations/rectifications/:id/done',
    scope: `${TEAM}’s open rectification item (fresh where one succeeds)`,
    expect: only({ lead: own(200) }),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/evaluations/rectifications/${e.expected === 200 ? await freshRectification(e.t, e.w, e.s) : e.s.rectificationId}/done`,
      body: { evidence: '已整改，附现场照片' },
    }),
  },
  {
    endpoint: 'POST /api/v1/evaluations/rectifications/:id/confirm',
    scope: `${TEAM}’s rectification item reported done (fresh where one succeeds)`,
    expect: legalOnly(200),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/evaluations/rectifications/${e.expected === 200 ? await doneRectification(e.t, e.w, e.s) : e.s.rectificationId}/confirm`,
      body: { accepted: true },
    }),
  },

  // ---- evaluations: reports ----
  {
    endpoint: 'GET /api/v1/evaluations/reports',
    scope: NO_SCOPE,
    expect: bureauReaders(200),
    req: () => ({ method: 'get', url: '/api/v1/evaluations/reports' }),
    check: (res, e) => ensure(e.role === 'legal_officer' || (res.body.data as { status: string }[]).every((r) => r.status === 'published'), 'a draft shown to a bureau reader'),
  },
  {
    endpoint: 'POST /api/v1/evaluations/reports',
    scope: NO_SCOPE,
    expect: legalOnly(201),
    req: (e) => ({ method: 'post', url: '/api/v1/evaluations/reports', body: { period: e.w.reportPeriod } }),
  },
  {
    endpoint: 'GET /api/v1/evaluations/reports/:id',
    scope: REPORT,
    expect: only({ legal: 200, disp: own(200), chief: own(200) }),
    req: (e) => ({ method: 'get', url: `/api/v1/evaluations/reports/${e.scope === 'own' ? e.w.reports.published : e.w.reports.draft}` }),
  },
  {
    endpoint: 'PATCH /api/v1/evaluations/reports/:id',
    scope: REPORT,
    // A published report is frozen (409); the draft is edited.
    expect: legalOnly([409, 200]),
    req: (e) => ({ method: 'patch', url: `/api/v1/evaluations/reports/${e.scope === 'own' ? e.w.reports.published : e.w.reports.draft}`, body: { title: '2025年下半年评估报告' } }),
  },
  {
    endpoint: 'POST /api/v1/evaluations/reports/:id/review',
    scope: 'own = a published report (frozen: 409), other = a fresh draft',
    expect: legalOnly([409, 200]),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/evaluations/reports/${e.scope === 'own' ? e.w.reports.published : e.expected === 200 ? await freshReport(e.t, e.w, 'draft') : e.w.reports.draft}/review`,
    }),
  },
  {
    endpoint: 'POST /api/v1/evaluations/reports/:id/publish',
    scope: 'own = a published report (409), other = a fresh reviewed report',
    expect: legalOnly([409, 200]),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/evaluations/reports/${e.scope === 'own' ? e.w.reports.published : e.expected === 200 ? await freshReport(e.t, e.w, 'reviewed') : e.w.reports.draft}/publish`,
    }),
  },
  {
    endpoint: 'POST /api/v1/evaluations/reports/:id/corrections',
    scope: 'own = a fresh published report, other = a draft (only published reports are corrected: 409)',
    expect: legalOnly([201, 409]),
    req: async (e) => ({
      method: 'post',
      url: `/api/v1/evaluations/reports/${e.scope === 'other' ? e.w.reports.draft : e.expected === 201 ? await freshReport(e.t, e.w, 'published') : e.w.reports.published}/corrections`,
    }),
  },
  {
    endpoint: 'GET /api/v1/evaluations/reports/:id/export.csv',
    scope: REPORT,
    expect: only({ legal: 200, disp: own(200), chief: own(200) }),
    req: (e) => ({ method: 'get', url: `/api/v1/evaluations/reports/${e.scope === 'own' ? e.w.reports.published : e.w.reports.draft}/export.csv` }),
    check: (res) => ensure(String(res.headers['content-type']).startsWith('text/csv'), 'not CSV'),
  },
  {
    endpoint: 'GET /api/v1/evaluations/reports/:id/export.pdf',
    scope: REPORT,
    expect: only({ legal: 200, disp: own(200), chief: own(200) }),
    req: (e) => ({ method: 'get', url: `/api/v1/evaluations/reports/${e.scope === 'own' ? e.w.reports.published : e.w.reports.draft}/export.pdf` }),
    check: (res) => ensure(res.headers['content-type'] === 'application/pdf', 'not a PDF'),
  },
];
