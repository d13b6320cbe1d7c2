import type { Response } from 'playwright-core';
import { DESKTOP, newPerson, type Person } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 3's web part: the app signs in, renews an expired access token silently (the action
 * that met the expiry succeeds, the login page never shows) and signs out (the old refresh token
 * is refused by the API afterwards). The server runs with the shortest access-token lifetime the
 * configuration allows (30 s) so the token really expires.
 */
const TTL_SECONDS = 30;
const story = useBrowserStory({ demoCases: 0, env: { ACCESS_TOKEN_TTL_SECONDS: String(TTL_SECONDS) } });
const people = story.people;

interface StoredSession {
  accessToken: string;
  refreshToken: string;
  user: { id: string; username: string };
}

async function storedSession(p: Person): Promise<StoredSession | null> {
  const raw = await p.page.evaluate(() => localStorage.getItem('gridenforce.session'));
  return raw ? (JSON.parse(raw) as StoredSession) : null;
}

/** The `exp` claim of a JWT in milliseconds (read, not verified: the server verifies). */
function expiresAt(jwt: string): number {
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as { exp: number };
  return payload.exp * 1000;
}

test('signs in, refreshes the expired access token silently, and signs out for good', async () => {
  const admin = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(admin);
  const page = admin.page;
  const reading: Promise<unknown>[] = [];
  const api: { method: string; path: string; status: number; code?: string }[] = [];
  page.on('response', (r: Response) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/v1/') || url.pathname === '/api/v1/events') return;
    const entry = { method: r.request().method(), path: url.pathname, status: r.status() } as (typeof api)[number];
    api.push(entry);
    if (r.status() === 401) reading.push(r.json().then((b: { error?: { code?: string } }) => (entry.code = b.error?.code)).catch(() => undefined));
  });

  // Sign in through the form.
  await admin.login('admin');
  await page.getByTestId('admin-page').waitFor();
  const first = (await storedSession(admin))!;
  expect(first.user.username).toBe('admin');
  expect(api.some((r) => r.path === '/api/v1/auth/login' && r.status === 200)).toBe(true);

  // Let the access token expire (the server's clock decides; a second of margin).
  const wait = expiresAt(first.accessToken) - Date.now() + 1500;
  expect(wait).toBeLessThanOrEqual((TTL_SECONDS + 2) * 1000);
  if (wait > 0) await page.waitForTimeout(wait);
  const before = api.length;

  // An action after expiry: rename a demo user from the admin page.
  const row = page.locator('[data-testid="user-row"][data-username="dispatcher2"]');
  await row.getByTestId('user-edit').click();
  const form = page.getByTestId('user-form');
  await form.getByLabel('姓名').fill('指挥中心 李调度（夜班）');
  await form.getByTestId('user-form-submit').click();
  await form.waitFor({ state: 'detached' });
  await row.filter({ hasText: '指挥中心 李调度（夜班）' }).waitFor();

  await Promise.all(reading);
  const after = api.slice(before);
  const refreshes = after.filter((r) => r.path === '/api/v1/auth/refresh');
  const patches = after.filter((r) => r.method === 'PATCH' && r.path.startsWith('/api/v1/users/'));
  expect(refreshes.length).toBeGreaterThanOrEqual(1);
  expect(refreshes.every((r) => r.status === 200)).toBe(true);
  // The save met the expired token (401 TOKEN_EXPIRED), the app refreshed and sent it again, once.
  // (Were anything else to have refreshed first, the save goes straight through: one PATCH, 200.)
  expect(patches.at(-1)?.status).toBe(200);
  expect(patches.length).toBeLessThanOrEqual(2);
  if (patches.length === 2) {
    expect(patches[0]).toMatchObject({ status: 401, code: 'TOKEN_EXPIRED' });
    const [p0, r0, p1] = [after.indexOf(patches[0]!), after.indexOf(refreshes[0]!), after.indexOf(patches[1]!)];
    expect(p0 < r0 && r0 < p1).toBe(true);
  }
  expect(after.filter((r) => r.status === 401).every((r) => r.code === 'TOKEN_EXPIRED')).toBe(true);
  expect(new URL(page.url()).pathname).toBe('/admin');
  await expect(page.getByTestId('login-form').count()).resolves.toBe(0);
  const second = (await storedSession(admin))!;
  expect(second.accessToken).not.toBe(first.accessToken);
  expect(second.refreshToken).not.toBe(first.refreshToken);

  // Sign out: the login page shows, the session is gone from the browser and the API refuses
  // the refresh token the app held.
  await page.getByTestId('logout').click();
  await page.getByTestId('login-form').waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
  expect(await storedSession(admin)).toBeNull();
  const refused = await fetch(`${story.server.baseUrl}/api/v1/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refreshToken: second.refreshToken }),
  });
  expect(refused.status).toBe(401);
  // Going back to a protected page asks for a sign-in again.
  await page.goto('/admin');
  await page.getByTestId('login-form').waitFor();
  expect(new URL(page.url()).pathname).toBe('/login');
}, 240_000);
