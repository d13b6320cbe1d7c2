import { createHash } from 'node:crypto';
import { ensure, type Env, type Row } from '../../support/authz-matrix';
import { parseCsv, visibleCases } from '../../support/authz-scope';
import { freshCase, idempotencyKey } from '../../support/authz-world';
import { own, signedIn } from './expect';

/**
 * Cases (员管网格、队管片区、局管全面): own = side A's case (in the inspector's cell, the leader's
 * team, shared with the liaison's agency through a joint case), other = side B's. The bureau and
 * the legal office see both; the admin has no case access at all (403, a role decision).
 */

const CASE = 'own = side A’s case (inspector’s cell, leader’s team, liaison’s agency), other = side B’s';
const CASE_LIST = 'lists/exports filtered by side A’s / side B’s team (contents checked in lists.test.ts)';

/** Reads for case roles: in scope 200, out of scope 404 (bureau and legal see all), admin 403. */
const caseRead = { anon: 401, insp: own(200), lead: own(200), disp: 200, chief: 200, liaison: own(200), legal: 200, admin: 403 } as const;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The caller's cases of the side's team, by the independent oracle. */
async function scopeOfTeam(e: Env) {
  return (await visibleCases(e.who!)).filter((c) => String(c.teamId) === e.s.teamId);
}

export const CASE_ROWS: Row[] = [
  {
    endpoint: 'POST /api/v1/incidents',
    scope: 'a patrol report located in side A / side B (reporting is not limited to one’s own cell)',
    expect: { anon: 401, insp: 201, lead: 201, disp: 201, chief: 201, liaison: 403, legal: 403, admin: 403 },
    req: (e) => ({
      method: 'post',
      url: '/api/v1/incidents',
      headers: { 'Idempotency-Key': idempotencyKey() },
      body: { location: { type: 'Point', coordinates: e.s.area.area.cells[1]!.centre }, category: e.s.area.minor.code, description: '占道经营', source: 'patrol' },
    }),
  },
  {
    endpoint: 'GET /api/v1/cases',
    scope: CASE_LIST,
    expect: { ...signedIn(200), admin: 403 },
    req: (e) => ({ method: 'get', url: '/api/v1/cases', query: { teamId: e.s.teamId, limit: 5 } }),
    check: async (res, e) => {
      const scope = new Set((await scopeOfTeam(e)).map((c) => String(c._id)));
      ensure(res.body.meta.total === scope.size, `meta.total ${res.body.meta.total}, scope ${scope.size}`);
      ensure((res.body.data as { id: string }[]).every((c) => scope.has(c.id)), 'an out-of-scope case on the page');
    },
  },
  {
    endpoint: 'GET /api/v1/cases/export.csv',
    scope: CASE_LIST,
    expect: { ...signedIn(200), admin: 403 },
    req: (e) => ({ method: 'get', url: '/api/v1/cases/export.csv', query: { teamId: e.s.teamId } }),
    check: async (res, e) => {
      ensure(String(res.headers['content-type']).startsWith('text/csv'), 'not CSV');
      const [header, ...rows] = parseCsv(res.text).filter((r) => r.length > 1);
      const col = header!.findIndex((h) => h.endsWith(' caseNo'));
      const got = rows.map((r) => r[col]).sort();
      const scope = (await scopeOfTeam(e)).map((c) => String(c.caseNo)).sort();
      ensure(JSON.stringify(got) === JSON.stringify(scope), `CSV rows ${got.length}, scope ${scope.length}`);
    },
  },
  {
    endpoint: 'GET /api/v1/cases/:id',
    scope: CASE,
    expect: caseRead,
    req: (e) => ({ method: 'get', url: `/api/v1/cases/${e.s.caseId}` }),
    check: (res, e) => ensure(res.body.data.id === e.s.caseId, 'another case'),
  },
  { endpoint: 'GET /api/v1/cases/:id/timeline', scope: CASE, expect: caseRead, req: (e) => ({ method: 'get', url: `/api/v1/cases/${e.s.caseId}/timeline` }) },
  { endpoint: 'GET /api/v1/cases/:id/verify', scope: CASE, expect: caseRead, req: (e) => ({ method: 'get', url: `/api/v1/cases/${e.s.caseId}/verify` }) },
  {
    endpoint: 'POST /api/v1/cases/:id/transitions',
    variant: 'comment',
    scope: CASE,
    // Everyone who sees the case may comment, except the legal office, which changes nothing.
    expect: { ...caseRead, legal: 403 },
    req: (e) => ({ method: 'post', url: `/api/v1/cases/${e.s.caseId}/transitions`, body: { action: 'comment', note: '现场复核备注' } }),
  },
  {
    endpoint: 'POST /api/v1/cases/:id/transitions',
    variant: 'file',
    scope: 'own = a fresh report in side A’s cell of the inspector (team of the leader), other = one in side B; neither shared with an agency',
    // Filing is the bureau's and the team leader's (for their team); an inspector or the legal
    // office seeing the case may not (403); the liaison does not see an unshared case (404).
    expect: { anon: 401, insp: own(403), lead: own(200), disp: 200, chief: 200, liaison: 404, legal: 403, admin: 403 },
    req: async (e) => ({ method: 'post', url: `/api/v1/cases/${await freshCase(e.t, e.s)}/transitions`, body: { action: 'file' } }),
  },
  {
    endpoint: 'POST /api/v1/cases/:id/transitions',
    variant: 'handle_on_spot',
    scope: 'own = a fresh minor report in side A’s cell of the inspector, other = one in side B; neither shared with an agency',
    // 当场处置 is the grid inspector's alone: everyone else who sees the case is the wrong role.
    expect: { anon: 401, insp: own(200), lead: [403, 404], disp: 403, chief: 403, liaison: 404, legal: 403, admin: 403 },
    req: async (e) => ({ method: 'post', url: `/api/v1/cases/${await freshCase(e.t, e.s)}/transitions`, body: { action: 'handle_on_spot', note: '已当场劝离' } }),
  },
  {
    endpoint: 'POST /api/v1/cases/:id/photos',
    scope: CASE,
    expect: { anon: 401, insp: own(201), lead: own(201), disp: 201, chief: 201, liaison: own(201), legal: 403, admin: 403 },
    req: (e) => ({ method: 'post', url: `/api/v1/cases/${e.s.caseId}/photos`, attach: { field: 'photo', bytes: e.w.png, filename: 'scene.png' } }),
  },
  {
    endpoint: 'GET /api/v1/photos/:id',
    scope: 'own = the photo of side A’s case, other = side B’s',
    // The admin is not refused by role here: the photo's case is simply not visible (404).
    expect: { ...caseRead, admin: 404 },
    req: (e) => ({ method: 'get', url: `/api/v1/photos/${e.s.photoId}` }),
    check: (res, e) => {
      ensure(String(res.headers['content-type']).startsWith('image/'), 'not an image');
      ensure(Buffer.isBuffer(res.body) && sha256(res.body) === e.s.photoSha256, 'other bytes than the stored photo');
    },
  },
  {
    endpoint: 'GET /api/v1/photos/:id/thumb',
    scope: 'own = the photo of side A’s case, other = side B’s',
    expect: { ...caseRead, admin: 404 },
    req: (e) => ({ method: 'get', url: `/api/v1/photos/${e.s.photoId}/thumb` }),
    check: (res) => ensure(res.headers['content-type'] === 'image/jpeg' && Buffer.isBuffer(res.body) && res.body.length > 0, 'no thumbnail bytes'),
  },
  {
    endpoint: 'GET /api/v1/map/clusters',
    scope: 'a viewport over side A / side B (contents checked in lists.test.ts)',
    expect: { ...signedIn(200), admin: 403 },
    req: (e) => {
      const [x, y] = e.s.area.area.origin;
      return { method: 'get', url: '/api/v1/map/clusters', query: { bbox: `${x - 0.01},${y - 0.01},${x + 0.02},${y + 0.02}`, zoom: 18 } };
    },
    check: async (res, e) => {
      const scope = new Set((await visibleCases(e.who!)).map((c) => String(c._id)));
      const points = (res.body.data.features as { properties: { caseId?: string } }[]).map((f) => f.properties.caseId).filter(Boolean);
      ensure(points.every((id) => scope.has(id!)), 'an out-of-scope case on the map');
    },
  },
  {
    endpoint: 'GET /api/v1/events',
    scope: 'the caller’s own stream (what arrives on it is checked in events-stream.test.ts)',
    expect: signedIn(200),
    req: () => ({ method: 'get', url: '/api/v1/events', sse: true }),
  },
];

