import { Types } from 'mongoose';
import { RefreshFamilyModel } from '../../backend/src/modules/auth/session.model';
import { GridCellModel } from '../../backend/src/modules/org';
import { useTestApp } from '../support/app';
import { loginAs, uniq, type LoggedIn } from '../support/factories';

const ME = '/api/v1/auth/me';
const oid = () => String(new Types.ObjectId());
/** A real grid cell: an inspector's gridIds must name existing cells (their inspectorIds are the source of truth). */
const cellId = async () => String((await GridCellModel.create({ code: uniq('G-'), name: { zh: '测试网格', en: 'Test cell' }, zoneId: oid() }))._id);

describe('admin changes end the user’s sessions at once', () => {
  const t = useTestApp();
  let admin: LoggedIn;
  beforeAll(async () => {
    admin = await loginAs(t, 'admin');
  });

  const asAdmin = (method: 'post' | 'patch', url: string, body?: object) =>
    t.http()[method](url).set('Authorization', admin.auth).send(body);
  const me = (s: LoggedIn) => t.http().get(ME).set('Authorization', s.auth);
  const refresh = (s: LoggedIn) => t.http().post('/api/v1/auth/refresh').send({ refreshToken: s.refreshToken });
  const login = (s: LoggedIn, password = s.user.password) =>
    t.http().post('/api/v1/auth/login').send({ username: s.user.username, password });
  const url = (s: LoggedIn, suffix = '') => `/api/v1/users/${String(s.user._id)}${suffix}`;

  test('disable: the still-valid access token and the refresh token stop working; enable lets them log in again', async () => {
    const s = await loginAs(t, 'inspector');
    expect((await me(s)).status).toBe(200);

    const res = await asAdmin('post', url(s, '/disable'));
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ disabled: true });

    expect((await me(s)).body.error.code).toBe('SESSION_REVOKED');
    expect((await refresh(s)).status).toBe(401);
    expect((await login(s)).body.error.code).toBe('ACCOUNT_DISABLED');
    const families = await RefreshFamilyModel.find({ userId: s.user._id }).lean();
    expect(families.every((f) => f.revokedAt !== null)).toBe(true);
    // Disabling twice is a no-op.
    expect((await asAdmin('post', url(s, '/disable'))).status).toBe(200);

    const enabled = await asAdmin('post', url(s, '/enable'));
    expect(enabled.body.data).toMatchObject({ disabled: false });
    expect((await login(s)).status).toBe(200);
    expect((await me(s)).status).toBe(401);
  });

  test('a role change ends sessions', async () => {
    const s = await loginAs(t, 'dispatcher');
    expect((await asAdmin('patch', url(s), { role: 'bureau_chief' })).status).toBe(200);
    expect((await me(s)).status).toBe(401);
    expect((await refresh(s)).status).toBe(401);
    const again = await login(s);
    expect(again.body.user.role).toBe('bureau_chief');
  });

  test('a scope change ends sessions; re-sending the same scope does not', async () => {
    const grid = await cellId();
    const s = await loginAs(t, 'inspector', { gridIds: [grid] });
    expect((await asAdmin('patch', url(s), { gridIds: [grid] })).status).toBe(200);
    expect((await me(s)).status).toBe(200);
    const moved = await asAdmin('patch', url(s), { gridIds: [grid, await cellId()] });
    expect(moved.status).toBe(200);
    expect(moved.body.data.gridIds).toHaveLength(2);
    expect((await me(s)).status).toBe(401);
  });

  test('reset-password: 204, old password and sessions gone, new password works', async () => {
    const s = await loginAs(t, 'team_leader');
    const res = await asAdmin('post', url(s, '/reset-password'), { password: 'brand-new-pass-1' });
    expect(res.status).toBe(204);
    expect((await me(s)).status).toBe(401);
    expect((await refresh(s)).status).toBe(401);
    expect((await login(s)).status).toBe(401);
    expect((await login(s, 'brand-new-pass-1')).status).toBe(200);
    expect((await asAdmin('post', url(s, '/reset-password'), { password: 'short' })).status).toBe(400);
    expect((await asAdmin('post', `/api/v1/users/${oid()}/reset-password`, { password: 'long-enough-1' })).status).toBe(404);
  });

  test('concurrent changes to one user never lose a disable: losers answer 409', async () => {
    const s = await loginAs(t, 'dispatcher');
    const results = await Promise.all([
      asAdmin('post', url(s, '/disable')),
      asAdmin('patch', url(s), { displayName: 'Renamed A' }),
      asAdmin('patch', url(s), { phone: '123456' }),
      asAdmin('patch', url(s), { locale: 'en' }),
    ]);
    for (const r of results) {
      expect([200, 409]).toContain(r.status);
      if (r.status === 409) expect(r.body.error.code).toBe('USER_CHANGED_CONCURRENTLY');
    }
    const after = await t.http().get(url(s)).set('Authorization', admin.auth);
    const [disable, rename, phone, locale] = results.map((r) => r.status === 200);
    expect(after.body.data.disabled).toBe(disable);
    if (rename) expect(after.body.data.displayName).toBe('Renamed A');
    if (phone) expect(after.body.data.phone).toBe('123456');
    if (locale) expect(after.body.data.locale).toBe('en');
  });
});
