import { Types } from 'mongoose';
import { ROLES } from '../../backend/src/contracts';
import { GridCellModel } from '../../backend/src/modules/org';
import { useTestApp } from '../support/app';
import { bearer, buildUser, createUserWithPassword, loginAs, uniq, type LoggedIn } from '../support/factories';

const oid = () => String(new Types.ObjectId());
/** A real grid cell: an inspector's gridIds must name existing cells (their inspectorIds are the source of truth). */
const cellId = async () => String((await GridCellModel.create({ code: uniq('G-'), name: { zh: '测试网格', en: 'Test cell' }, zoneId: oid() }))._id);

describe('users admin API', () => {
  const t = useTestApp();
  let admin: LoggedIn;
  beforeAll(async () => {
    admin = await loginAs(t, 'admin');
  });

  const api = () => {
    const h = t.http();
    return {
      get: (url: string) => h.get(url).set('Authorization', admin.auth),
      post: (url: string, body?: object) => h.post(url).set('Authorization', admin.auth).send(body),
      patch: (url: string, body: object) => h.patch(url).set('Authorization', admin.auth).send(body),
    };
  };

  describe('every endpoint: 401 without a token, 403 for every other role', () => {
    const id = oid();
    const endpoints: { method: 'get' | 'post' | 'patch'; url: string; body?: object }[] = [
      { method: 'get', url: '/api/v1/users' },
      {
        method: 'post',
        url: '/api/v1/users',
        body: { username: 'newbie', displayName: 'N', role: 'dispatcher', password: 'long-enough-1' },
      },
      { method: 'get', url: `/api/v1/users/${id}` },
      { method: 'patch', url: `/api/v1/users/${id}`, body: { displayName: 'X' } },
      { method: 'post', url: `/api/v1/users/${id}/disable` },
      { method: 'post', url: `/api/v1/users/${id}/enable` },
      { method: 'post', url: `/api/v1/users/${id}/reset-password`, body: { password: 'long-enough-1' } },
    ];
    const others = ROLES.filter((r) => r !== 'admin');

    test.each(endpoints)('$method $url', async ({ method, url, body }) => {
      const call = (auth?: string) => {
        const req = t.http()[method](url);
        if (auth) req.set('Authorization', auth);
        return body ? req.send(body) : req;
      };
      const anon = await call();
      expect(anon.status).toBe(401);
      expect(anon.body.error.code).toBe('UNAUTHORIZED');
      for (const role of others) {
        const user = await buildUser({ role });
        const res = await call(bearer(t, user));
        expect([role, res.status, res.body.error?.code]).toEqual([role, 403, 'FORBIDDEN']);
      }
    });
  });

  describe('POST /api/v1/users', () => {
    test('creates an account whose initial password works; no secret is echoed', async () => {
      const username = uniq('insp');
      const gridIds = [await cellId(), await cellId()];
      const teamId = oid();
      const res = await api().post('/api/v1/users', {
        username: username.toUpperCase(),
        displayName: '李网格',
        role: 'inspector',
        password: 'initial-pass-123',
        gridIds,
        teamId,
        phone: '+86 138 0000 0000',
        locale: 'en',
      });
      expect(res.status).toBe(201);
      expect(res.body.data).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        username,
        displayName: '李网格',
        role: 'inspector',
        gridIds: [...gridIds].sort(),
        teamId,
        agencyId: null,
        phone: '+86 138 0000 0000',
        locale: 'en',
        disabled: false,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(JSON.stringify(res.body)).not.toMatch(/initial-pass-123|argon2|hash|sessionVersion/);
      const login = await t.http().post('/api/v1/auth/login').send({ username, password: 'initial-pass-123' });
      expect(login.status).toBe(200);
    });

    test('a taken username answers 409 USERNAME_TAKEN', async () => {
      const existing = await buildUser({ username: uniq('dup') });
      const res = await api().post('/api/v1/users', {
        username: existing.username,
        displayName: 'Again',
        role: 'dispatcher',
        password: 'long-enough-1',
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('USERNAME_TAKEN');
    });

    test.each<[string, Record<string, unknown>, string]>([
      ['an inspector without grid cells', { role: 'inspector' }, 'gridIds'],
      ['a team leader without a team', { role: 'team_leader' }, 'teamId'],
      ['a liaison without an agency', { role: 'agency_liaison' }, 'agencyId'],
      ['a dispatcher with an agency', { role: 'dispatcher', agencyId: oid() }, 'agencyId'],
      ['an inspector with an agency', { role: 'inspector', gridIds: [oid()], agencyId: oid() }, 'agencyId'],
    ])('%s answers 422 ROLE_SCOPE_MISMATCH', async (_name, scope, field) => {
      const res = await api().post('/api/v1/users', {
        username: uniq('u'),
        displayName: 'Scope',
        password: 'long-enough-1',
        ...scope,
      });
      expect(res.status).toBe(422);
      expect(res.body.error).toMatchObject({ code: 'ROLE_SCOPE_MISMATCH', details: [expect.objectContaining({ field })] });
    });

    test.each<[string, Record<string, unknown>]>([
      ['an unknown role', { role: 'superuser' }],
      ['a short password', { password: 'short' }],
      ['a bad username', { username: 'has space' }],
      ['a bad grid id', { role: 'inspector', gridIds: ['nope'] }],
      ['an unknown field', { isAdmin: true }],
      ['a password hash smuggled in', { hash: '$argon2id$...' }],
    ])('%s answers 400', async (_name, patch) => {
      const res = await api().post('/api/v1/users', {
        username: uniq('u'),
        displayName: 'Bad',
        role: 'dispatcher',
        password: 'long-enough-1',
        ...patch,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('GET /api/v1/users', () => {
    const tag = uniq('zz');
    const team = oid();
    const agency = oid();
    beforeAll(async () => {
      await buildUser({ username: `${tag}-a`, role: 'team_leader', teamId: team, displayName: 'Alpha Leader' });
      await buildUser({ username: `${tag}-b`, role: 'inspector', teamId: team, gridIds: [oid()] });
      await buildUser({ username: `${tag}-c`, role: 'agency_liaison', agencyId: agency, disabled: true });
      await buildUser({ username: `${tag}-d`, role: 'dispatcher', displayName: 'Delta' });
      await buildUser({ username: `${tag}-e`, role: 'dispatcher' });
    });
    const names = (res: { body: { data: { username: string }[] } }) => res.body.data.map((u) => u.username);

    test('filters by q, role, team, agency and disabled', async () => {
      expect(names(await api().get(`/api/v1/users?q=${tag}`))).toEqual(['a', 'b', 'c', 'd', 'e'].map((s) => `${tag}-${s}`));
      expect(names(await api().get(`/api/v1/users?q=${tag}&role=dispatcher`))).toEqual([`${tag}-d`, `${tag}-e`]);
      expect(names(await api().get(`/api/v1/users?teamId=${team}`))).toEqual([`${tag}-a`, `${tag}-b`]);
      expect(names(await api().get(`/api/v1/users?agencyId=${agency}`))).toEqual([`${tag}-c`]);
      expect(names(await api().get(`/api/v1/users?q=${tag}&disabled=true`))).toEqual([`${tag}-c`]);
      expect(names(await api().get(`/api/v1/users?q=${tag}&disabled=false`))).toHaveLength(4);
      expect(names(await api().get('/api/v1/users?q=ALPHA%20lead'))).toEqual([`${tag}-a`]);
      expect(names(await api().get('/api/v1/users?q=.*'))).toEqual([]);
    });

    test('pages with a cursor and reports the total', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await api().get(`/api/v1/users?q=${tag}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        expect(res.body.meta.total).toBe(5);
        seen.push(...names(res));
        cursor = res.body.meta.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual(['a', 'b', 'c', 'd', 'e'].map((s) => `${tag}-${s}`));
    });

    test.each([
      ['an unknown key', 'foo=bar'],
      ['an operator in the query', 'role[$ne]=admin'],
      ['a bad role', 'role=root'],
      ['a bad id', 'teamId=123'],
      ['a bad limit', 'limit=0'],
      ['a forged cursor', `cursor=${Buffer.from('$where').toString('base64url')}`],
    ])('%s answers 400', async (_name, qs) => {
      expect((await api().get(`/api/v1/users?${qs}`)).status).toBe(400);
    });
  });

  describe('GET/PATCH /api/v1/users/:id', () => {
    test('reads one user; unknown id 404, malformed id 400', async () => {
      const user = await buildUser({ role: 'legal_officer' });
      const res = await api().get(`/api/v1/users/${String(user._id)}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ id: String(user._id), role: 'legal_officer' });
      expect((await api().get(`/api/v1/users/${oid()}`)).status).toBe(404);
      expect((await api().get('/api/v1/users/not-an-id')).status).toBe(400);
    });

    test('profile edits keep the sessions; a no-op change is accepted', async () => {
      const s = await loginAs(t, 'dispatcher');
      const url = `/api/v1/users/${String(s.user._id)}`;
      const res = await api().patch(url, { displayName: 'New Name', phone: '010-12345678', locale: 'en' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ displayName: 'New Name', phone: '010-12345678', locale: 'en' });
      expect((await api().patch(url, { displayName: 'New Name' })).status).toBe(200);
      expect((await t.http().get('/api/v1/auth/me').set('Authorization', s.auth)).status).toBe(200);
    });

    test('a role change drops scope the new role does not carry and checks what it needs', async () => {
      const user = await createUserWithPassword({ role: 'inspector' });
      const url = `/api/v1/users/${String(user._id)}`;
      const bad = await api().patch(url, { role: 'team_leader' });
      expect(bad.status).toBe(422);
      expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'teamId' })]);
      const team = oid();
      const ok = await api().patch(url, { role: 'team_leader', teamId: team });
      expect(ok.status).toBe(200);
      expect(ok.body.data).toMatchObject({ role: 'team_leader', teamId: team, gridIds: [], agencyId: null });
      expect((await api().patch(url, { teamId: null })).status).toBe(422);
    });

    test('empty or invalid bodies answer 400; an unknown user 404', async () => {
      const user = await buildUser();
      expect((await api().patch(`/api/v1/users/${String(user._id)}`, {})).status).toBe(400);
      expect((await api().patch(`/api/v1/users/${String(user._id)}`, { username: 'rename' })).status).toBe(400);
      expect((await api().patch(`/api/v1/users/${String(user._id)}`, { disabled: false })).status).toBe(400);
      expect((await api().patch(`/api/v1/users/${oid()}`, { displayName: 'X' })).status).toBe(404);
    });

    test('an admin cannot change their own role or disable themselves', async () => {
      const url = `/api/v1/users/${String(admin.user._id)}`;
      expect((await api().patch(url, { role: 'dispatcher' })).body.error.code).toBe('SELF_CHANGE_NOT_ALLOWED');
      expect((await api().post(`${url}/disable`)).status).toBe(422);
      expect((await api().patch(url, { displayName: 'Chief Admin' })).status).toBe(200);
    });
  });
});
