import { useTestApp } from '../support/app';
import { createUserWithPassword, uniq } from '../support/factories';

const LOGIN = '/api/v1/auth/login';

describe('brute-force protection on POST /api/v1/auth/login', () => {
  const t = useTestApp();
  beforeEach(() => t.clock.set('2026-03-02T08:00:00Z'));
  afterAll(() => t.clock.reset());

  /** Each test uses its own client address (TRUST_PROXY trusts the loopback supertest uses). */
  const login = (ip: string, username: string, password: string) =>
    t.http().post(LOGIN).set('X-Forwarded-For', ip).send({ username, password });
  const seconds = (n: number) => t.clock.advance(n * 1000);

  test('after 5 failures the account waits 5 s (429 + Retry-After), then the right password works', async () => {
    const user = await createUserWithPassword();
    for (let i = 0; i < 5; i++) expect((await login('198.51.100.1', user.username, 'wrong-password')).status).toBe(401);

    const blocked = await login('198.51.100.1', user.username, user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('5');
    expect(blocked.body.error).toMatchObject({ code: 'TOO_MANY_REQUESTS', details: { retryAfterSeconds: 5 } });
    // The same account from another address is throttled too (the limit is per account).
    expect((await login('198.51.100.2', user.username, user.password)).status).toBe(429);

    seconds(4);
    expect((await login('198.51.100.1', user.username, user.password)).headers['retry-after']).toBe('1');
    seconds(1);
    expect((await login('198.51.100.1', user.username, user.password)).status).toBe(200);
  });

  test('delays grow with each further failure and a success resets the account counter', async () => {
    const user = await createUserWithPassword();
    const ip = '198.51.100.10';
    for (let i = 0; i < 5; i++) await login(ip, user.username, 'wrong-password');
    const expected = [5, 10, 20, 40];
    for (const delay of expected) {
      expect((await login(ip, user.username, 'wrong-password')).headers['retry-after']).toBe(String(delay));
      seconds(delay);
      expect((await login(ip, user.username, 'wrong-password')).status).toBe(401);
    }
    expect((await login(ip, user.username, user.password)).headers['retry-after']).toBe('80');
    seconds(80);
    expect((await login(ip, user.username, user.password)).status).toBe(200);
    // Reset: five fresh failures are free again.
    for (let i = 0; i < 5; i++) expect((await login(ip, user.username, 'wrong-password')).status).toBe(401);
    expect((await login(ip, user.username, 'wrong-password')).status).toBe(429);
  });

  test('failures older than the window no longer count', async () => {
    const user = await createUserWithPassword();
    for (let i = 0; i < 5; i++) await login('198.51.100.20', user.username, 'wrong-password');
    seconds(3601);
    expect((await login('198.51.100.20', user.username, 'wrong-password')).status).toBe(401);
  });

  test('unknown usernames are throttled exactly like real ones (no enumeration)', async () => {
    const ghost = uniq('ghost');
    for (let i = 0; i < 5; i++) expect((await login('198.51.100.30', ghost, 'wrong-password')).status).toBe(401);
    const res = await login('198.51.100.30', ghost, 'wrong-password');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('5');
  });

  test('one address failing on many accounts is throttled per address; other addresses are not', async () => {
    const ip = '203.0.113.7';
    for (let i = 0; i < 30; i++) expect((await login(ip, uniq('spray'), 'wrong-password')).status).toBe(401);
    const user = await createUserWithPassword();
    const blocked = await login(ip, user.username, user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('2');
    expect((await login('203.0.113.8', user.username, user.password)).status).toBe(200);
    seconds(2);
    expect((await login(ip, user.username, user.password)).status).toBe(200);
  });

  test('a parallel burst of guesses cannot get more than the free attempts checked', async () => {
    const user = await createUserWithPassword();
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(`198.51.100.${100 + i}`, user.username, `guess-${i}`)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
  });
});
