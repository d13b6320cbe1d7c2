import jwt from 'jsonwebtoken';
import { Types } from 'mongoose';
import { listEndpoints } from '../../backend/src/modules/openapi';
import { UserModel } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { expectedOf } from '../support/authz-matrix';
import { buildUser } from '../support/factories';
import { ALL_ROWS } from './rows';

/**
 * Bad access tokens on every protected endpoint of every module (tests/api/auth.test.ts covers the
 * same kinds on GET /auth/me only): missing, malformed, another scheme, expired, wrongly signed,
 * `alg: none`, another algorithm, wrong audience, wrong issuer, no session version, and the
 * still-valid token of a disabled user → 401 everywhere, before any lookup or validation. The
 * protected endpoints are the router's endpoints whose matrix rows expect 401 for anonymous.
 */
describe('bad access tokens → 401 on every protected endpoint', () => {
  const t = useTestApp();
  const NOW = '2026-03-02T02:00:00Z';
  const nowSeconds = () => Math.floor(t.clock.now().getTime() / 1000);

  const protectedEndpoints = () => {
    const anon401 = new Set(ALL_ROWS.filter((r) => expectedOf(r, 'anonymous', 'own') === 401).map((r) => r.endpoint));
    return listEndpoints(t.app.router as unknown as { stack: unknown[] })
      .map((e) => ({ method: e.method, path: e.path, key: `${e.method.toUpperCase()} ${e.path}` }))
      .filter((e) => anon401.has(e.key));
  };

  /** A concrete URL for a path pattern: ids are fresh ObjectIds, codes a valid code. */
  const urlOf = (path: string) =>
    path.replace(/:format/g, 'json').replace(/:code\b/g, 'street-vending').replace(/:([A-Za-z]+)/g, () => String(new Types.ObjectId()));

  let tokens: Record<string, string | null>;
  let control: string;

  beforeAll(async () => {
    t.clock.set(NOW);
    const user = await buildUser({ role: 'dispatcher' });
    const disabled = await buildUser({ role: 'dispatcher' });
    const { JWT_SECRET: secret, JWT_ISSUER: issuer, JWT_AUDIENCE: audience } = t.config;
    const payload = { role: 'dispatcher', sv: 1, iat: nowSeconds() };
    const opts = (o: jwt.SignOptions = {}): jwt.SignOptions => ({ algorithm: 'HS256', subject: String(user._id), issuer, audience, expiresIn: 300, ...o });
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    control = jwt.sign(payload, secret, opts());
    tokens = {
      missing: null,
      malformed: 'Bearer not.a.jwt-at-all',
      emptyBearer: 'Bearer ',
      otherScheme: 'Basic ZGlzcGF0Y2hlcjpwYXNzd29yZA==',
      expired: `Bearer ${jwt.sign({ ...payload, iat: nowSeconds() - 3600 }, secret, opts({ expiresIn: 600 }))}`,
      wrongSecret: `Bearer ${jwt.sign(payload, 'another-secret-that-is-long-enough-000', opts())}`,
      algNone: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...payload, sub: String(user._id), iss: issuer, aud: audience, exp: nowSeconds() + 300 })}.`,
      hs512: `Bearer ${jwt.sign(payload, secret, opts({ algorithm: 'HS512' }))}`,
      wrongAudience: `Bearer ${jwt.sign(payload, secret, opts({ audience: 'another-api' }))}`,
      wrongIssuer: `Bearer ${jwt.sign(payload, secret, opts({ issuer: 'evil' }))}`,
      noSessionVersion: `Bearer ${jwt.sign({ role: 'dispatcher', iat: nowSeconds() }, secret, opts())}`,
      disabledUser: `Bearer ${jwt.sign(payload, secret, opts({ subject: String(disabled._id) }))}`,
    };
    await UserModel.updateOne({ _id: disabled._id }, { $set: { disabled: true } });
  });

  test('the control token, built exactly like the bad ones but valid, is accepted', async () => {
    const res = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${control}`);
    expect(res.status).toBe(200);
  });

  test('the protected endpoints cover every module', () => {
    const modules = new Set(protectedEndpoints().map((e) => e.path.split('/')[3]));
    expect([...modules].sort()).toEqual(
      ['audit', 'auth', 'cases', 'categories', 'evaluations', 'events', 'geo', 'incidents', 'instructions', 'joint-cases', 'map', 'meetings', 'notifications', 'open311-clients', 'org', 'photos', 'routing', 'users'].sort(),
    );
  });

  test('every bad token answers 401 with the error shape on every protected endpoint', async () => {
    const wrong: string[] = [];
    for (const e of protectedEndpoints()) {
      const url = urlOf(e.path);
      for (const [kind, header] of Object.entries(tokens)) {
        let req = t.http()[e.method](url);
        if (header !== null) req = req.set('Authorization', header);
        const res = e.method === 'get' ? await req : await req.send({});
        const code = res.body?.error?.code;
        if (res.status !== 401 || !['UNAUTHORIZED', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'SESSION_REVOKED'].includes(code)) wrong.push(`${e.key} ${kind}: ${res.status} ${code}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  test('the EventSource query token (?access_token=) is checked the same way', async () => {
    for (const [kind, header] of Object.entries(tokens)) {
      if (header === null || !header.startsWith('Bearer ')) continue;
      const res = await t.http().get('/api/v1/events').query({ access_token: header.slice(7) });
      expect([kind, res.status]).toEqual([kind, 401]);
    }
  });
});
