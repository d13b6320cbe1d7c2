import { createApp } from '../../backend/src/app';
import type { AppContext } from '../../backend/src/core/context';
import { createLogger } from '../../backend/src/core/logger';
import { listEndpoints } from '../../backend/src/modules/openapi';
import { testConfig, TestClock } from '../support/app';
import { CALLERS, expectedOf, rowName } from '../support/authz-matrix';
import { ALL_ROWS } from './rows';

/**
 * The matrix must keep up with the router: the endpoint list (METHOD + path pattern) is derived
 * from the mounted Express app at test time, so a new route without a row fails here, and so does
 * a row whose endpoint no longer exists.
 */
describe('authorization matrix ↔ router', () => {
  const config = testConfig();
  const ctx: AppContext = { config, logger: createLogger('silent'), clock: new TestClock() };
  const { app } = createApp(ctx);
  const routed = listEndpoints(app.router as unknown as { stack: unknown[] }).map((e) => `${e.method.toUpperCase()} ${e.path}`);
  const rowed = new Set(ALL_ROWS.map((r) => r.endpoint));

  test('the router walk finds the app’s endpoints (sanity: the walk itself works)', () => {
    expect(routed.length).toBeGreaterThan(100);
    expect(routed).toEqual(expect.arrayContaining(['GET /api/v1/cases/:id', 'GET /api/v1/events', 'GET /healthz', 'POST /open311/v2/requests.:format']));
    expect(new Set(routed).size).toBe(routed.length);
  });

  test('every endpoint of the router has at least one row', () => {
    expect(routed.filter((e) => !rowed.has(e))).toEqual([]);
  });

  test('every row names an endpoint the router has', () => {
    expect([...rowed].filter((e) => !routed.includes(e))).toEqual([]);
  });

  test('row names are unique and every row states what own and other scope mean', () => {
    const names = ALL_ROWS.map(rowName);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    expect(ALL_ROWS.filter((r) => r.scope.trim().length < 8).map(rowName)).toEqual([]);
  });

  test('every protected endpoint answers 401 to anonymous callers in its rows; public ones are named', () => {
    const PUBLIC = new Set([
      'GET /healthz',
      'GET /readyz',
      'GET /api/v1/config',
      'GET /api/v1/openapi.json',
      'GET /api/docs',
      'GET /api/docs/docs.js',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/refresh',
      'POST /api/v1/auth/logout',
    ]);
    const anonymousOk = ALL_ROWS.filter((r) => !r.endpoint.includes(' /open311/v2/') && !PUBLIC.has(r.endpoint))
      .filter((r) => expectedOf(r, 'anonymous', 'own') !== 401 || expectedOf(r, 'anonymous', 'other') !== 401)
      .map(rowName);
    expect(anonymousOk).toEqual([]);
  });

  test('the matrix has a cell for every caller and both scopes on every row', () => {
    for (const r of ALL_ROWS) {
      for (const c of CALLERS) {
        for (const s of ['own', 'other'] as const) expect([rowName(r), c, s, Number.isInteger(expectedOf(r, c, s))]).toEqual([rowName(r), c, s, true]);
      }
    }
  });
});
