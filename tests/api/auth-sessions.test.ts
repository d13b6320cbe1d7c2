import { createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { AuditEventModel } from '../../backend/src/modules/audit';
import { sweepAuthRecords } from '../../backend/src/modules/auth';
import { RefreshFamilyModel, RefreshTokenModel, RefreshTokenUseModel } from '../../backend/src/modules/auth/session.model';
import { UserModel } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { createUserWithPassword, loginAs } from '../support/factories';

const REFRESH = '/api/v1/auth/refresh';
const LOGOUT = '/api/v1/auth/logout';
const ME = '/api/v1/auth/me';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('refresh-token rotation, reuse detection and logout', () => {
  const t = useTestApp();
  afterEach(() => t.clock.reset());

  const refresh = (refreshToken: unknown) => t.http().post(REFRESH).send({ refreshToken });

  test('refresh rotates: a new pair in the same family, the old token marked used', async () => {
    const s = await loginAs(t, 'team_leader');
    const res = await refresh(s.refreshToken);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      user: expect.objectContaining({ id: String(s.user._id), role: 'team_leader' }),
    });
    expect(res.body.refreshToken).not.toBe(s.refreshToken);
    const claims = jwt.decode(res.body.accessToken) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: String(s.user._id), role: 'team_leader', sv: 1 });
    expect((await t.http().get(ME).set('Authorization', `Bearer ${res.body.accessToken}`)).status).toBe(200);

    const old = await RefreshTokenModel.findById(sha256(s.refreshToken)).lean();
    const next = await RefreshTokenModel.findById(sha256(res.body.refreshToken)).lean();
    expect(old).toMatchObject({ usedAt: expect.any(Date), replacedBy: sha256(res.body.refreshToken) });
    expect(next).toMatchObject({ familyId: old!.familyId, parentId: old!._id, usedAt: null });
    // The chain keeps rotating.
    expect((await refresh(res.body.refreshToken)).status).toBe(200);
  });

  test('reusing a spent token answers 401 and revokes the whole family, newer tokens included', async () => {
    const s = await loginAs(t, 'inspector');
    const first = await refresh(s.refreshToken);
    expect(first.status).toBe(200);

    const reuse = await refresh(s.refreshToken);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('REFRESH_REUSED');

    const newer = await refresh(first.body.refreshToken);
    expect(newer.status).toBe(401);
    expect(newer.body.error.code).toBe('REFRESH_REVOKED');
    const family = await RefreshFamilyModel.findOne({ userId: s.user._id }).lean();
    expect(family).toMatchObject({ revokedAt: expect.any(Date), revokedReason: 'reuse' });
    expect(await AuditEventModel.countDocuments({ action: 'auth.refresh_reuse', actorId: s.user._id })).toBe(1);
  });

  test('concurrent refreshes with one token: exactly one succeeds, and the family is revoked', async () => {
    const s = await loginAs(t, 'dispatcher');
    const results = await Promise.all(Array.from({ length: 6 }, () => refresh(s.refreshToken)));
    const ok = results.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(401);
      expect(r.body.error.code).toMatch(/^REFRESH_(REUSED|REVOKED)$/);
    }
    expect(await RefreshTokenUseModel.countDocuments({ _id: sha256(s.refreshToken) })).toBe(1);
    // The loser may have been a thief racing the owner: the winner's token dies with the family.
    expect((await refresh(ok[0]!.body.refreshToken)).status).toBe(401);
  });

  test('other sessions of the same user are unaffected by one family being revoked', async () => {
    const user = await createUserWithPassword();
    const login = () => t.http().post('/api/v1/auth/login').send({ username: user.username, password: user.password });
    const a = (await login()).body;
    const b = (await login()).body;
    await refresh(a.refreshToken);
    await refresh(a.refreshToken); // reuse: family A revoked
    expect((await refresh(b.refreshToken)).status).toBe(200);
  });

  test('an unknown, expired or malformed refresh token answers 401 / 400', async () => {
    expect((await refresh('x'.repeat(43))).body.error.code).toBe('REFRESH_INVALID');
    expect((await refresh(12345)).status).toBe(400);
    expect((await refresh('a'.repeat(513))).status).toBe(400);
    expect((await t.http().post(REFRESH).send({})).status).toBe(400);

    const s = await loginAs(t, 'legal_officer');
    t.clock.advance((t.config.REFRESH_TOKEN_TTL_SECONDS + 1) * 1000);
    const res = await refresh(s.refreshToken);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('REFRESH_EXPIRED');
  });

  test('a disabled user or a bumped session version cannot refresh', async () => {
    const a = await loginAs(t, 'dispatcher');
    await UserModel.updateOne({ _id: a.user._id }, { $set: { disabled: true } });
    const disabled = await refresh(a.refreshToken);
    expect(disabled.status).toBe(401);
    expect(disabled.body.error.code).toBe('SESSION_REVOKED');

    const b = await loginAs(t, 'dispatcher');
    await UserModel.updateOne({ _id: b.user._id }, { $set: { sessionVersion: 2 } });
    expect((await refresh(b.refreshToken)).body.error.code).toBe('SESSION_REVOKED');
    // Re-enabling does not resurrect the family.
    await UserModel.updateOne({ _id: b.user._id }, { $set: { sessionVersion: 1 } });
    expect((await refresh(b.refreshToken)).status).toBe(401);
  });

  test('logout revokes the family (204), is idempotent and audited once', async () => {
    const s = await loginAs(t, 'bureau_chief');
    const out = await t.http().post(LOGOUT).send({ refreshToken: s.refreshToken });
    expect(out.status).toBe(204);
    expect((await refresh(s.refreshToken)).body.error.code).toBe('REFRESH_REVOKED');
    expect((await t.http().post(LOGOUT).send({ refreshToken: s.refreshToken })).status).toBe(204);
    expect((await t.http().post(LOGOUT).send({ refreshToken: 'never-issued-token-000' })).status).toBe(204);
    expect((await t.http().post(LOGOUT).send({ refreshToken: ['x'] })).status).toBe(400);
    expect(await AuditEventModel.countDocuments({ action: 'auth.logout', actorId: s.user._id })).toBe(1);
  });

  test('the sweeper deletes expired tokens, old use records and stale login attempts', async () => {
    const s = await loginAs(t, 'admin');
    await refresh(s.refreshToken);
    await t.http().post('/api/v1/auth/login').send({ username: 'ghost-user', password: 'wrong-password' });
    const ids = [sha256(s.refreshToken)];
    expect(await RefreshTokenModel.countDocuments({ _id: { $in: ids } })).toBe(1);

    t.clock.advance((2 * t.config.REFRESH_TOKEN_TTL_SECONDS + 3 * 86400) * 1000);
    await sweepAuthRecords(t.ctx);
    expect(await RefreshTokenModel.countDocuments({ userId: s.user._id })).toBe(0);
    expect(await RefreshTokenUseModel.countDocuments({ _id: { $in: ids } })).toBe(0);
    expect(await RefreshFamilyModel.countDocuments({ userId: s.user._id })).toBe(0);
    const { LoginAttemptModel } = await import('../../backend/src/modules/auth/login-attempt.model');
    expect(await LoginAttemptModel.countDocuments({ username: 'ghost-user' })).toBe(0);
  });
});
