import { Types } from 'mongoose';
import { AuditEventModel } from '../../backend/src/modules/audit';
import { ensureUser } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { uniq } from '../support/factories';

describe('ensureUser (the seed helper the demo fixture loader calls)', () => {
  const t = useTestApp();

  test('is idempotent by username and leaves an existing password alone', async () => {
    const username = uniq('seed');
    const input = {
      username,
      displayName: 'Seeded',
      role: 'team_leader' as const,
      teamId: String(new Types.ObjectId()),
      password: 'seed-pass-123',
    };
    const first = await ensureUser(input, t.ctx);
    const second = await ensureUser({ ...input, password: 'another-pass-456' }, t.ctx);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(String(second.user._id)).toBe(String(first.user._id));
    const login = await t.http().post('/api/v1/auth/login').send({ username, password: 'seed-pass-123' });
    expect(login.status).toBe(200);
    expect(
      await AuditEventModel.countDocuments({ action: 'user.created', targetId: String(first.user._id), 'details.via': 'seed' }),
    ).toBe(1);
  });

  test('concurrent calls for one username create it once', async () => {
    const input = { username: uniq('twin'), displayName: 'Twin', role: 'dispatcher' as const, password: 'twin-pass-123' };
    const results = await Promise.all([ensureUser(input, t.ctx), ensureUser(input, t.ctx), ensureUser(input, t.ctx)]);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => String(r.user._id))).size).toBe(1);
  });

  test('refuses a scope that does not fit the role', async () => {
    await expect(
      ensureUser({ username: uniq('bad'), displayName: 'Bad', role: 'team_leader', password: 'seed-pass-123' }, t.ctx),
    ).rejects.toMatchObject({ code: 'ROLE_SCOPE_MISMATCH' });
  });
});
