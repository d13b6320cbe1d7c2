import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';

/**
 * Issue 10: per-user rate limit of the authenticated API. 6 requests per user per minute over
 * 2 API instances → 3 per instance (core/rate-limit.ts says why it is per instance). The window
 * follows the injected clock, so moving it past the window lets the user in again.
 * (The Open311 per-api_key limit, shared by all instances through the database, is in open311.test.ts.)
 */
const t = useTestApp({ RATE_LIMIT_USER_REQUESTS: '6', API_INSTANCES: '2', RATE_LIMIT_WINDOW_SECONDS: '60' });

const inbox = (auth?: string) => {
  const req = t.http().get('/api/v1/notifications');
  return auth ? req.set('Authorization', auth) : req;
};

describe('per-user rate limit', () => {
  afterAll(() => t.clock.reset());

  test('past the limit: 429 in the error shape with Retry-After; other users unaffected; the next window admits again', async () => {
    t.clock.set('2026-03-02T10:00:10Z');
    const user = await buildUser({ role: 'inspector' });
    const other = await buildUser({ role: 'inspector' });
    const auth = bearer(t, user);

    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await inbox(auth)).status);
    // Requests refused before authentication (no or bad token) count for nobody.
    expect((await inbox()).status).toBe(401);
    expect((await inbox('Bearer not-a-valid-token-at-all')).status).toBe(401);
    const refused = await inbox(auth);
    statuses.push(refused.status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(refused.headers['retry-after']).toBe('50');
    expect(refused.body).toEqual({
      error: {
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringContaining('3 requests per 60 s'),
        details: { retryAfterSeconds: 50 },
        requestId: expect.any(String),
      },
    });
    // Writes count too, and are refused the same way (nothing is done).
    const write = await t.http().post('/api/v1/instructions').set('Authorization', auth).send({ title: 'x', targets: { userIds: [String(other._id)] } });
    expect(write.status).toBe(429);

    // Keyed by user: someone else still gets in.
    expect((await inbox(bearer(t, other))).status).toBe(200);

    // Later in the same window: still refused, with less to wait.
    t.clock.advance(30_000);
    const later = await inbox(bearer(t, user));
    expect(later.status).toBe(429);
    expect(later.headers['retry-after']).toBe('20');

    // The window turns at 10:01:00.
    t.clock.set('2026-03-02T10:01:00Z');
    const again = [];
    for (let i = 0; i < 4; i++) again.push((await inbox(bearer(t, user))).status);
    expect(again).toEqual([200, 200, 200, 429]);
  });

  test('concurrent requests: exactly the limit gets through', async () => {
    t.clock.set('2026-03-02T11:00:00Z');
    const user = await buildUser({ role: 'dispatcher' });
    const auth = bearer(t, user);
    const burst = await Promise.all(Array.from({ length: 8 }, () => inbox(auth)));
    const counts = burst.reduce<Record<number, number>>((m, r) => ({ ...m, [r.status]: (m[r.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 200: 3, 429: 5 });
  });
});
