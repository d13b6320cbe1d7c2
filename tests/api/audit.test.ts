import { Types } from 'mongoose';
import { ROLES } from '../../backend/src/contracts';
import { AuditEventModel, recordAudit } from '../../backend/src/modules/audit';
import { useTestApp } from '../support/app';
import { bearer, buildUser, createUserWithPassword, loginAs, uniq, type LoggedIn } from '../support/factories';

const AUDIT = '/api/v1/audit';

describe('GET /api/v1/audit', () => {
  const t = useTestApp();
  let admin: LoggedIn;
  beforeAll(async () => {
    t.clock.set('2026-04-01T09:00:00Z');
    admin = await loginAs(t, 'admin');
  });
  afterAll(() => t.clock.reset());

  /** The admin's token is minted at call time, so tests that move the clock keep a valid one. */
  const list = (qs = '', auth?: string) =>
    t.http().get(`${AUDIT}${qs}`).set('Authorization', auth ?? bearer(t, admin.user));

  test('401 without a token; 403 for every role but admin and legal officer', async () => {
    expect((await t.http().get(AUDIT)).status).toBe(401);
    for (const role of ROLES) {
      const res = await list('', bearer(t, await buildUser({ role })));
      const expected = role === 'admin' || role === 'legal_officer' ? 200 : 403;
      expect([role, res.status]).toEqual([role, expected]);
    }
  });

  test('logins and failed logins are recorded with the client address', async () => {
    const user = await createUserWithPassword({ role: 'inspector' });
    const ip = '192.0.2.44';
    await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username: user.username, password: 'nope-nope' });
    await t.http().post('/api/v1/auth/login').set('X-Forwarded-For', ip).send({ username: user.username, password: user.password });

    const res = await list(`?targetId=${String(user._id)}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual([
      {
        id: expect.any(String),
        at: '2026-04-01T09:00:00.000Z',
        action: 'auth.login',
        actor: { id: String(user._id), username: user.username, role: 'inspector' },
        target: { type: 'user', id: String(user._id), label: user.username },
        details: {},
        ip,
      },
      expect.objectContaining({ action: 'auth.login_failed', actor: null, details: { reason: 'bad_password' }, ip }),
    ]);
    const ghost = uniq('ghost');
    await t.http().post('/api/v1/auth/login').send({ username: ghost, password: 'whatever1' });
    const failed = await list('?action=auth.login_failed');
    expect(failed.body.data[0]).toMatchObject({ target: { type: 'user', id: null, label: ghost }, details: { reason: 'unknown_user' } });
  });

  test('user administration is recorded with before → after, readable by the legal officer', async () => {
    const legal = await loginAs(t, 'legal_officer');
    const created = await t
      .http()
      .post('/api/v1/users')
      .set('Authorization', admin.auth)
      .send({ username: uniq('aud'), displayName: 'Audited', role: 'dispatcher', password: 'long-enough-1' });
    const id = created.body.data.id as string;
    const team = String(new Types.ObjectId());
    const patch = (body: object) => t.http().patch(`/api/v1/users/${id}`).set('Authorization', admin.auth).send(body);
    await patch({ role: 'team_leader', teamId: team, displayName: 'Audited Leader' });
    await t.http().post(`/api/v1/users/${id}/disable`).set('Authorization', admin.auth);
    await t.http().post(`/api/v1/users/${id}/enable`).set('Authorization', admin.auth);
    await t.http().post(`/api/v1/users/${id}/reset-password`).set('Authorization', admin.auth).send({ password: 'long-enough-2' });

    const res = await list(`?targetId=${id}&limit=50`, legal.auth);
    expect(res.status).toBe(200);
    const byAction = Object.fromEntries(res.body.data.map((e: { action: string }) => [e.action, e]));
    expect(Object.keys(byAction).sort()).toEqual(
      ['user.created', 'user.disabled', 'user.enabled', 'user.password_reset', 'user.role_changed', 'user.scope_changed', 'user.updated'].sort(),
    );
    expect(byAction['user.role_changed']).toMatchObject({
      actor: { id: String(admin.user._id), role: 'admin' },
      details: { before: { role: 'dispatcher' }, after: { role: 'team_leader' } },
    });
    expect(byAction['user.scope_changed'].details).toEqual({
      role: 'team_leader',
      before: { gridIds: [], teamId: null, agencyId: null },
      after: { gridIds: [], teamId: team, agencyId: null },
    });
    expect(byAction['user.updated'].details).toEqual({
      fields: ['displayName'],
      before: { displayName: 'Audited' },
      after: { displayName: 'Audited Leader' },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/long-enough|argon2/);
    const mine = await list(`?actorId=${String(admin.user._id)}&action=user.disabled`, legal.auth);
    expect(mine.body.data.map((e: { target: { id: string } }) => e.target.id)).toContain(id);
  });

  test('filters by time range and pages newest first without gaps or repeats', async () => {
    const target = uniq('page');
    const base = new Date('2026-05-01T00:00:00Z').getTime();
    for (let i = 0; i < 7; i++) {
      t.clock.set(new Date(base + Math.floor(i / 2) * 60000)); // pairs share a timestamp
      await recordAudit(t.ctx, { action: 'test.paged', actor: null, target: { type: 'thing', id: target }, details: { i } });
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res = await list(`?targetId=${target}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...res.body.data.map((e: { details: { i: number } }) => e.details.i));
      cursor = res.body.meta.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    const times = seen.map((i) => Math.floor(i / 2));
    expect([...times].sort((a, b) => b - a)).toEqual(times);

    const ranged = await list(`?targetId=${target}&from=2026-05-01T00:01:00Z&to=2026-05-01T08:02:00%2B08:00`);
    expect(ranged.body.data.map((e: { details: { i: number } }) => e.details.i).sort()).toEqual([2, 3]);
  });

  test.each([
    ['an unknown key', '?foo=1'],
    ['a bad date', '?from=yesterday'],
    ['from after to', '?from=2026-05-02T00:00:00Z&to=2026-05-01T00:00:00Z'],
    ['a bad actor id', '?actorId=admin'],
    ['an operator', '?action[$regex]=.*'],
    ['a forged cursor', `?cursor=${Buffer.from('1.nothex').toString('base64url')}`],
  ])('%s answers 400', async (_name, qs) => {
    expect((await list(qs)).status).toBe(400);
  });

  test('the trail is append-only: updates and deletes are refused by the model', async () => {
    await expect(AuditEventModel.updateOne({}, { $set: { action: 'x.y' } })).rejects.toThrow(/append-only/);
    await expect(AuditEventModel.deleteMany({})).rejects.toThrow(/append-only/);
    await expect(recordAudit(t.ctx, { action: 'NotDotted', actor: null })).rejects.toThrow(/invalid audit action/);
  });
});
