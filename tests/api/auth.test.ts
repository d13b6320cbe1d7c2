import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { CredentialModel, UserModel } from '../../backend/src/modules/users';
import { RefreshTokenModel } from '../../backend/src/modules/auth/session.model';
import { useTestApp } from '../support/app';
import { buildUser, createUserWithPassword, loginAs, tokenFor } from '../support/factories';

const LOGIN = '/api/v1/auth/login';
const ME = '/api/v1/auth/me';

describe('POST /api/v1/auth/login', () => {
  const t = useTestApp();

  test('a correct password answers tokens and the presented user, top-level', async () => {
    const user = await createUserWithPassword({ role: 'inspector', displayName: 'Wang Wei' });
    const res = await t.http().post(LOGIN).send({ username: user.username, password: user.password });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: {
        id: String(user._id),
        username: user.username,
        displayName: 'Wang Wei',
        role: 'inspector',
        gridIds: user.gridIds.map(String),
        teamId: null,
        agencyId: null,
        phone: null,
        locale: 'zh-CN',
        disabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    });
    const me = await t.http().get(ME).set('Authorization', `Bearer ${res.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.data).toMatchObject({ id: String(user._id), role: 'inspector' });
  });

  test('the access token is HS256 with issuer, audience and a lifetime of at most 15 minutes', async () => {
    const { accessToken, user } = await loginAs(t, 'dispatcher');
    const decoded = jwt.decode(accessToken, { complete: true });
    expect(decoded?.header.alg).toBe('HS256');
    const claims = decoded?.payload as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: String(user._id), role: 'dispatcher', sv: 1, iss: 'gridenforce', aud: 'gridenforce-api' });
    expect(claims.exp! - claims.iat!).toBe(t.config.ACCESS_TOKEN_TTL_SECONDS);
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(900);
  });

  test('passwords are stored as argon2id hashes and refresh tokens only as SHA-256', async () => {
    const { user, refreshToken } = await loginAs(t, 'admin');
    const cred = await CredentialModel.findOne({ userId: user._id }).lean();
    expect(cred?.hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(cred?.hash).not.toContain(user.password);
    const id = createHash('sha256').update(refreshToken).digest('hex');
    expect(await RefreshTokenModel.countDocuments({ _id: id })).toBe(1);
    expect(await RefreshTokenModel.countDocuments({ _id: refreshToken })).toBe(0);
  });

  test('the username is matched case-insensitively and trimmed', async () => {
    const user = await createUserWithPassword();
    const res = await t.http().post(LOGIN).send({ username: `  ${user.username.toUpperCase()} `, password: user.password });
    expect(res.status).toBe(200);
  });

  test('a wrong password and an unknown user get the same 401 INVALID_CREDENTIALS', async () => {
    const user = await createUserWithPassword();
    const wrong = await t.http().post(LOGIN).send({ username: user.username, password: 'not-the-password' });
    const unknown = await t.http().post(LOGIN).send({ username: 'nobody-here', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Invalid username or password' });
    expect(unknown.body.error).toEqual({ ...wrong.body.error, requestId: unknown.body.error.requestId });
  });

  test('a user without a stored password cannot log in', async () => {
    const user = await buildUser();
    const res = await t.http().post(LOGIN).send({ username: user.username, password: 'anything-at-all' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  test('a disabled user with the right password gets 401 ACCOUNT_DISABLED', async () => {
    const user = await createUserWithPassword({ disabled: true });
    const res = await t.http().post(LOGIN).send({ username: user.username, password: user.password });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('ACCOUNT_DISABLED');
  });

  test.each([
    ['a numeric username', { username: 12345, password: 'x' }],
    ['an array password', { username: 'alice', password: ['a', 'b'] }],
    ['an object password', { username: 'alice', password: { a: 1 } }],
    ['null fields', { username: null, password: null }],
    ['a missing password', { username: 'alice' }],
    ['empty strings', { username: '', password: '' }],
    ['an unknown key', { username: 'alice', password: 'x', remember: true }],
    ['a username over 200 characters', { username: 'a'.repeat(201), password: 'x' }],
    ['a password over 1024 characters', { username: 'alice', password: 'p'.repeat(1025) }],
  ])('%s answers 400 VALIDATION_FAILED', async (_name, body) => {
    const res = await t.http().post(LOGIN).send(body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: expect.any(Array) });
  });

  test('a JSON array body answers 400', async () => {
    const res = await t.http().post(LOGIN).send([{ username: 'a', password: 'b' }]);
    expect(res.status).toBe(400);
  });

  test('operator injection {"username": {"$gt": ""}} answers 400 and logs nobody in', async () => {
    await createUserWithPassword();
    const res = await t.http().post(LOGIN).send({ username: { $gt: '' }, password: { $gt: '' } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('OPERATOR_NOT_ALLOWED');
    expect(res.body.accessToken).toBeUndefined();
  });
});

describe('access tokens on protected routes (GET /api/v1/auth/me)', () => {
  const t = useTestApp();
  afterEach(() => t.clock.reset());

  const sign = (payload: object, secret: string, options: jwt.SignOptions) => jwt.sign(payload, secret, options);
  const valid = (user: { _id: unknown }): jwt.SignOptions => ({
    algorithm: 'HS256',
    subject: String(user._id),
    issuer: t.config.JWT_ISSUER,
    audience: t.config.JWT_AUDIENCE,
    expiresIn: 300,
  });

  test('a valid token answers 200', async () => {
    const user = await buildUser();
    const res = await t.http().get(ME).set('Authorization', `Bearer ${tokenFor(t, user)}`);
    expect(res.status).toBe(200);
  });

  test.each([
    ['no Authorization header', undefined],
    ['an empty bearer', 'Bearer '],
    ['another scheme', 'Basic dXNlcjpwYXNz'],
    ['a malformed token', 'Bearer not.a.jwt-at-all'],
    ['garbage characters', 'Bearer <script>alert(1)</script>'],
  ])('%s answers 401', async (_name, header) => {
    const req = t.http().get(ME);
    const res = await (header === undefined ? req : req.set('Authorization', header));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: expect.stringMatching(/^(UNAUTHORIZED|TOKEN_INVALID)$/) });
  });

  test('an expired token answers 401 TOKEN_EXPIRED once the clock passes its lifetime', async () => {
    const user = await buildUser();
    const token = tokenFor(t, user);
    t.clock.advance((t.config.ACCESS_TOKEN_TTL_SECONDS + 1) * 1000);
    const res = await t.http().get(ME).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('TOKEN_EXPIRED');
  });

  test('wrongly signed, alg none, other algorithms, wrong audience and wrong issuer answer 401', async () => {
    const user = await buildUser();
    const payload = { role: user.role, sv: 1 };
    const secret = t.config.JWT_SECRET;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ ...payload, sub: String(user._id), iss: t.config.JWT_ISSUER, aud: t.config.JWT_AUDIENCE, exp: Math.floor(Date.now() / 1000) + 300 }),
    ).toString('base64url')}.`;
    const tokens = {
      wrongSecret: sign(payload, 'another-secret-that-is-long-enough-000', valid(user)),
      algNone: unsigned,
      hs512: sign(payload, secret, { ...valid(user), algorithm: 'HS512' }),
      wrongAudience: sign(payload, secret, { ...valid(user), audience: 'someone-else' }),
      wrongIssuer: sign(payload, secret, { ...valid(user), issuer: 'evil' }),
      noSessionVersion: sign({ role: user.role }, secret, valid(user)),
      notBeforeFuture: sign(payload, secret, { ...valid(user), notBefore: 600 }),
    };
    for (const [name, token] of Object.entries(tokens)) {
      const res = await t.http().get(ME).set('Authorization', `Bearer ${token}`);
      expect([name, res.status]).toEqual([name, 401]);
      expect(res.body.error).toMatchObject({ code: 'TOKEN_INVALID' });
    }
  });

  test("a disabled user's still-valid token answers 401 SESSION_REVOKED", async () => {
    const user = await buildUser();
    const token = tokenFor(t, user);
    await UserModel.updateOne({ _id: user._id }, { $set: { disabled: true } });
    const res = await t.http().get(ME).set('Authorization', `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SESSION_REVOKED');
  });

  test('a token of an older session version or of a deleted user answers 401', async () => {
    const user = await buildUser();
    const token = tokenFor(t, user);
    await UserModel.updateOne({ _id: user._id }, { $set: { sessionVersion: 2 } });
    expect((await t.http().get(ME).set('Authorization', `Bearer ${token}`)).status).toBe(401);
    const gone = await buildUser();
    const goneToken = tokenFor(t, gone);
    await UserModel.deleteOne({ _id: gone._id });
    expect((await t.http().get(ME).set('Authorization', `Bearer ${goneToken}`)).status).toBe(401);
  });
});
