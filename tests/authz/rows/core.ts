import { Types } from 'mongoose';
import { NotificationModel } from '../../../backend/src/modules/notifications';
import { ensure, type Env, type Row } from '../../support/authz-matrix';
import { badImport, must } from '../../support/authz-world';
import { uniq } from '../../support/factories';
import { adminOnly, everyone, only, signedIn } from './expect';

/**
 * Rows for the app's own routes, accounts and reference data: health, config, docs, auth, users,
 * audit, org, the category catalogue, geometry, Open311 client keys and the public Open311 API.
 * None of these has per-side scope except the Open311 public reads (own = a request created
 * through Open311, other = an internal case that must stay invisible there).
 */

const NO_SCOPE = 'no per-side scope: own and other are the same request about side A / side B';
const label = { zh: '测试', en: 'Test' };

/** A fresh refresh token of the side's login user (refresh rotates, logout ends it). */
async function refreshTokenOf(e: Env): Promise<string> {
  const res = await must(
    e.t.http().post('/api/v1/auth/login').send({ username: e.s.login.username, password: e.s.login.password }),
    200,
    'login for a refresh token',
  );
  return res.body.refreshToken as string;
}

export const CORE_ROWS: Row[] = [
  { endpoint: 'GET /healthz', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/healthz' }) },
  { endpoint: 'GET /readyz', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/readyz' }) },
  { endpoint: 'GET /api/v1/config', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/api/v1/config' }) },
  { endpoint: 'GET /api/v1/openapi.json', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/api/v1/openapi.json' }) },
  { endpoint: 'GET /api/docs', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/api/docs' }) },
  { endpoint: 'GET /api/docs/docs.js', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/api/docs/docs.js' }) },

  // ---- auth: login, refresh and logout are public (the body carries the credential) ----
  {
    endpoint: 'POST /api/v1/auth/login',
    scope: 'the login user of side A / side B (a bearer token changes nothing)',
    expect: everyone(200),
    req: (e) => ({ method: 'post', url: '/api/v1/auth/login', body: { username: e.s.login.username, password: e.s.login.password } }),
    check: (res, e) => ensure(res.body.user?.id === String(e.s.login._id), 'logged in as someone else'),
  },
  {
    endpoint: 'POST /api/v1/auth/refresh',
    scope: 'a fresh refresh token of side A’s / side B’s login user',
    expect: everyone(200),
    req: async (e) => ({ method: 'post', url: '/api/v1/auth/refresh', body: { refreshToken: await refreshTokenOf(e) } }),
    check: (res, e) => ensure(res.body.user?.id === String(e.s.login._id), 'refreshed someone else'),
  },
  {
    endpoint: 'POST /api/v1/auth/logout',
    scope: 'a fresh refresh token of side A’s / side B’s login user',
    expect: everyone(204),
    req: async (e) => ({ method: 'post', url: '/api/v1/auth/logout', body: { refreshToken: await refreshTokenOf(e) } }),
  },
  {
    endpoint: 'GET /api/v1/auth/me',
    scope: NO_SCOPE,
    expect: signedIn(200),
    req: () => ({ method: 'get', url: '/api/v1/auth/me' }),
    check: (res, e) => ensure(res.body.data.id === e.who!.id, 'me is someone else'),
  },

  // ---- users (admin only) ----
  { endpoint: 'GET /api/v1/users', scope: NO_SCOPE, expect: adminOnly(200), req: (e) => ({ method: 'get', url: '/api/v1/users', query: { teamId: e.s.teamId } }) },
  {
    endpoint: 'POST /api/v1/users',
    scope: 'a new inspector of side A’s / side B’s team',
    expect: adminOnly(201),
    req: (e) => ({
      method: 'post',
      url: '/api/v1/users',
      body: { username: uniq('new'), displayName: '新网格员', role: 'inspector', password: 'Correct-Horse-Battery-9', gridIds: [e.s.cellIds[1]], teamId: e.s.teamId },
    }),
  },
  { endpoint: 'GET /api/v1/users/:id', scope: 'a user of side A / side B', expect: adminOnly(200), req: (e) => ({ method: 'get', url: `/api/v1/users/${String(e.s.victims[0]!._id)}` }) },
  {
    endpoint: 'PATCH /api/v1/users/:id',
    scope: 'a user of side A / side B',
    expect: adminOnly(200),
    req: (e) => ({ method: 'patch', url: `/api/v1/users/${String(e.s.victims[0]!._id)}`, body: { displayName: `网格员 ${uniq()}` } }),
  },
  { endpoint: 'POST /api/v1/users/:id/disable', scope: 'a user of side A / side B', expect: adminOnly(200), req: (e) => ({ method: 'post', url: `/api/v1/users/${String(e.s.victims[0]!._id)}/disable` }) },
  { endpoint: 'POST /api/v1/users/:id/enable', scope: 'a disabled user of side A / side B', expect: adminOnly(200), req: (e) => ({ method: 'post', url: `/api/v1/users/${String(e.s.victims[1]!._id)}/enable` }) },
  {
    endpoint: 'POST /api/v1/users/:id/reset-password',
    scope: 'a user of side A / side B',
    expect: adminOnly(204),
    req: (e) => ({ method: 'post', url: `/api/v1/users/${String(e.s.victims[1]!._id)}/reset-password`, body: { password: 'Another-Horse-Battery-7' } }),
  },

  { endpoint: 'GET /api/v1/audit', scope: NO_SCOPE, expect: only({ legal: 200, admin: 200 }), req: () => ({ method: 'get', url: '/api/v1/audit' }) },

  // ---- org reference data: every signed-in user reads, the admin writes ----
  { endpoint: 'GET /api/v1/org/teams', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/org/teams' }) },
  { endpoint: 'GET /api/v1/org/teams/:id', scope: 'side A’s / side B’s team (reference data)', expect: signedIn(200), req: (e) => ({ method: 'get', url: `/api/v1/org/teams/${e.s.teamId}` }) },
  {
    endpoint: 'POST /api/v1/org/teams',
    scope: NO_SCOPE,
    expect: adminOnly(201),
    req: () => ({ method: 'post', url: '/api/v1/org/teams', body: { code: uniq('T-'), name: label, kind: 'zone' } }),
  },
  { endpoint: 'PATCH /api/v1/org/teams/:id', scope: 'side A’s / side B’s team', expect: adminOnly(200), req: (e) => ({ method: 'patch', url: `/api/v1/org/teams/${e.s.teamId}`, body: { colour: '#1f77b4' } }) },
  { endpoint: 'GET /api/v1/org/zones', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/org/zones' }) },
  { endpoint: 'GET /api/v1/org/zones/:id', scope: 'side A’s / side B’s zone (reference data)', expect: signedIn(200), req: (e) => ({ method: 'get', url: `/api/v1/org/zones/${e.s.zoneId}` }) },
  {
    endpoint: 'POST /api/v1/org/zones',
    scope: 'a zone of side A’s / side B’s team',
    expect: adminOnly(201),
    req: (e) => ({ method: 'post', url: '/api/v1/org/zones', body: { code: uniq('Z-'), name: label, teamId: e.s.teamId } }),
  },
  { endpoint: 'PATCH /api/v1/org/zones/:id', scope: 'side A’s / side B’s zone', expect: adminOnly(200), req: (e) => ({ method: 'patch', url: `/api/v1/org/zones/${e.s.zoneId}`, body: { name: { zh: '测试片区', en: 'Test zone' } } }) },
  { endpoint: 'GET /api/v1/org/cells', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/org/cells' }) },
  { endpoint: 'GET /api/v1/org/cells/:id', scope: 'a cell of side A / side B (reference data)', expect: signedIn(200), req: (e) => ({ method: 'get', url: `/api/v1/org/cells/${e.s.cellIds[0]}` }) },
  {
    endpoint: 'POST /api/v1/org/cells',
    scope: 'a cell in side A’s / side B’s zone',
    expect: adminOnly(201),
    req: (e) => ({ method: 'post', url: '/api/v1/org/cells', body: { code: uniq('G-'), name: label, zoneId: e.s.zoneId } }),
  },
  {
    endpoint: 'PATCH /api/v1/org/cells/:id',
    scope: 'a cell of side A / side B',
    expect: adminOnly(200),
    req: (e) => ({ method: 'patch', url: `/api/v1/org/cells/${e.s.cellIds[0]}`, body: { name: { zh: '测试网格', en: 'Test cell' } } }),
  },
  { endpoint: 'GET /api/v1/org/agencies', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/org/agencies' }) },
  { endpoint: 'GET /api/v1/org/agencies/:id', scope: 'side A’s / side B’s agency (reference data)', expect: signedIn(200), req: (e) => ({ method: 'get', url: `/api/v1/org/agencies/${e.s.agencyId}` }) },
  {
    endpoint: 'POST /api/v1/org/agencies',
    scope: NO_SCOPE,
    expect: adminOnly(201),
    req: () => ({ method: 'post', url: '/api/v1/org/agencies', body: { code: uniq('ag-'), name: label, kind: 'stationed' } }),
  },
  {
    endpoint: 'PATCH /api/v1/org/agencies/:id',
    scope: 'side A’s / side B’s agency',
    expect: adminOnly(200),
    req: (e) => ({ method: 'patch', url: `/api/v1/org/agencies/${e.s.agencyId}`, body: { name: { zh: '测试派驻机构', en: 'Test Agency' } } }),
  },

  // ---- the category catalogue (事项目录) ----
  { endpoint: 'GET /api/v1/categories', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/categories' }) },
  { endpoint: 'GET /api/v1/categories/:code', scope: 'side A’s / side B’s category', expect: signedIn(200), req: (e) => ({ method: 'get', url: `/api/v1/categories/${e.s.area.minor.code}` }) },
  {
    endpoint: 'POST /api/v1/categories',
    scope: NO_SCOPE,
    expect: adminOnly(201),
    req: () => ({
      method: 'post',
      url: '/api/v1/categories',
      body: {
        code: uniq('cat-'),
        name: { zh: '乱堆乱放', en: 'Dumping' },
        domain: 'city_appearance',
        defaultTier: 'grid',
        deadlines: { file: 2, dispatch: 4, handle: 48, verify: 24 },
        legalBasis: '《城市市容和环境卫生管理条例》',
        penaltyCapable: false,
      },
    }),
  },
  {
    endpoint: 'PATCH /api/v1/categories/:code',
    scope: 'side A’s / side B’s category',
    expect: adminOnly(200),
    req: (e) => ({ method: 'patch', url: `/api/v1/categories/${e.s.area.minor.code}`, body: { legalBasis: '《城市市容和环境卫生管理条例》第十四条' } }),
  },

  // ---- geometry ----
  {
    endpoint: 'POST /api/v1/geo/imports',
    scope: 'an import the validator refuses (accepted with 202, nothing changes)',
    expect: adminOnly(202),
    req: () => ({ method: 'post', url: '/api/v1/geo/imports', body: badImport() }),
    after: async (res, e) => {
      if (res.status !== 202) return;
      for (let i = 0; i < 400; i++) {
        const job = await e.t.http().get(`/api/v1/geo/imports/${res.body.data.id}`).set('Authorization', e.w.callers.admin.auth);
        if (job.body.data?.status === 'failed' || job.body.data?.status === 'done') return;
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  },
  { endpoint: 'GET /api/v1/geo/imports/:id', scope: 'the one import job', expect: adminOnly(200), req: (e) => ({ method: 'get', url: `/api/v1/geo/imports/${e.w.geoImportId}` }) },
  { endpoint: 'GET /api/v1/geo/zones', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/geo/zones' }) },
  { endpoint: 'GET /api/v1/geo/grid-cells', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/geo/grid-cells' }) },
  { endpoint: 'GET /api/v1/geo/versions', scope: NO_SCOPE, expect: signedIn(200), req: () => ({ method: 'get', url: '/api/v1/geo/versions', query: { kind: 'zones' } }) },
  {
    endpoint: 'GET /api/v1/geo/route',
    scope: 'a point in side A / side B',
    expect: signedIn(200),
    req: (e) => ({ method: 'get', url: '/api/v1/geo/route', query: { lng: e.s.area.area.cells[0]!.centre[0], lat: e.s.area.area.cells[0]!.centre[1], category: e.s.area.minor.code } }),
    check: (res, e) => ensure(res.body.data.gridId === e.s.cellIds[0], 'routed elsewhere'),
  },
  {
    endpoint: 'GET /api/v1/routing/locate',
    scope: 'a point in side A / side B',
    expect: signedIn(200),
    req: (e) => ({ method: 'get', url: '/api/v1/routing/locate', query: { lng: e.s.area.area.cells[0]!.centre[0], lat: e.s.area.area.cells[0]!.centre[1], category: e.s.area.minor.code } }),
    check: (res, e) => ensure(res.body.data.grid?.id === e.s.cellIds[0] && res.body.data.outOfGrid === false, 'routed elsewhere'),
  },

  // ---- Open311 client keys (admin) ----
  { endpoint: 'GET /api/v1/open311-clients', scope: NO_SCOPE, expect: adminOnly(200), req: () => ({ method: 'get', url: '/api/v1/open311-clients' }) },
  { endpoint: 'POST /api/v1/open311-clients', scope: NO_SCOPE, expect: adminOnly(201), req: () => ({ method: 'post', url: '/api/v1/open311-clients', body: { name: `client ${uniq()}` } }) },
  {
    endpoint: 'POST /api/v1/open311-clients/:id/revoke',
    scope: 'a client system of its own per call (revoked when the admin calls)',
    expect: adminOnly(200),
    req: async (e) => {
      let id = String(new Types.ObjectId());
      if (e.expected === 200) {
        const c = await must(e.t.http().post('/api/v1/open311-clients').set('Authorization', e.w.callers.admin.auth).send({ name: `revoke ${uniq()}` }), 201, 'open311 client');
        id = c.body.data.id;
      } else id = e.w.open311.clientId;
      return { method: 'post', url: `/api/v1/open311-clients/${id}/revoke` };
    },
  },

  // ---- Open311 GeoReport v2: public; the api_key in the form is the credential ----
  { endpoint: 'GET /open311/v2/services.:format', scope: NO_SCOPE, expect: everyone(200), req: () => ({ method: 'get', url: '/open311/v2/services.json' }) },
  {
    endpoint: 'GET /open311/v2/services/:service_code.:format',
    scope: 'side A’s / side B’s category',
    expect: everyone(200),
    req: (e) => ({ method: 'get', url: `/open311/v2/services/${e.s.area.minor.code}.json` }),
  },
  {
    endpoint: 'POST /open311/v2/requests.:format',
    scope: 'a request located in side A / side B, with the client’s api_key',
    expect: everyone(201),
    req: (e) => {
      const c = e.s.area.area.cells[1]!;
      return { method: 'post', url: '/open311/v2/requests.json', form: { api_key: e.w.open311.apiKey, service_code: e.s.area.minor.code, lat: String(c.centre[1]), long: String(c.centre[0]), description: '井盖缺失' } };
    },
  },
  {
    endpoint: 'POST /open311/v2/requests.:format',
    variant: 'no api_key',
    scope: 'a request located in side A / side B, without an api_key',
    expect: everyone(400),
    req: (e) => ({ method: 'post', url: '/open311/v2/requests.json', form: { service_code: e.s.area.minor.code, lat: '29.1', long: '106.1' } }),
  },
  {
    endpoint: 'POST /open311/v2/requests.:format',
    variant: 'wrong api_key',
    scope: 'a request located in side A / side B, with an unknown api_key',
    expect: everyone(403),
    req: (e) => ({ method: 'post', url: '/open311/v2/requests.json', form: { api_key: 'not-a-real-key-0000', service_code: e.s.area.minor.code, lat: '29.1', long: '106.1' } }),
  },
  {
    endpoint: 'GET /open311/v2/requests.:format',
    scope: NO_SCOPE,
    expect: everyone(200),
    req: () => ({ method: 'get', url: '/open311/v2/requests.json' }),
    check: (res, e) => {
      const ids = (res.body as { service_request_id: string }[]).map((r) => r.service_request_id);
      ensure(!ids.includes(e.w.A.caseNo) && !ids.includes(e.w.B.caseNo), 'an internal case listed on Open311');
    },
  },
  {
    endpoint: 'GET /open311/v2/requests/:service_request_id.:format',
    scope: 'own = side A’s Open311 request, other = side B’s internal (patrol) case, which Open311 must not show',
    expect: everyone([200, 404]),
    req: (e) => ({ method: 'get', url: `/open311/v2/requests/${e.scope === 'own' ? e.w.A.open311CaseNo : e.w.B.caseNo}.json` }),
    check: (res, e) => ensure(res.body[0]?.service_request_id === e.w.A.open311CaseNo, 'another request'),
  },

  // ---- notifications: the caller's own notices only ----
  {
    endpoint: 'GET /api/v1/notifications',
    scope: NO_SCOPE,
    expect: signedIn(200),
    req: () => ({ method: 'get', url: '/api/v1/notifications', query: { limit: 200 } }),
    check: async (res, e) => {
      const mine = new Set((await NotificationModel.find({ userId: e.who!.user._id }, { _id: 1 }).lean()).map((n) => String(n._id)));
      ensure((res.body.data as { id: string }[]).every((n) => mine.has(n.id)), 'someone else’s notification');
    },
  },
  {
    endpoint: 'POST /api/v1/notifications/:id/read',
    scope: 'own = a notice of the caller, other = the notice of side B’s user of the same role',
    expect: { ...signedIn([204, 404]), anon: 401 },
    req: (e) => ({ method: 'post', url: `/api/v1/notifications/${e.s.notifications[e.role ?? 'dispatcher']}/read` }),
  },
];
