import { ApiClient } from './support/api';
import { DESKTOP, newPerson, PHONE } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 3's user administration page: the admin creates an inspector with two grid cells (the
 * server's per-field refusal of a short password shown first), the new inspector signs in, the
 * admin disables the account and the inspector's open session is refused at its next request.
 * Screenshots of the page in both languages.
 */
const story = useBrowserStory({ demoCases: 0 });
const people = story.people;

interface CellFeature {
  properties: { id: string; code: string; zoneId: string | null; name: { zh: string; en: string } };
}

test('the admin creates an inspector with cells, who signs in and is shut out when disabled', async () => {
  const adminApi = await ApiClient.login(story.server.baseUrl, 'admin');
  const cellsBody = await adminApi.get<{ data?: { features: CellFeature[] }; features?: CellFeature[] }>('/geo/grid-cells');
  const cells = (cellsBody.data?.features ?? cellsBody.features ?? []).map((f) => f.properties).sort((a, b) => a.code.localeCompare(b.code));
  const zoneId = cells[0]!.zoneId;
  const chosen = cells.filter((c) => c.zoneId === zoneId).slice(0, 2);
  expect(chosen).toHaveLength(2);

  const admin = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(admin);
  const ap = admin.page;
  await admin.login('admin');
  await ap.getByTestId('admin-page').waitFor();
  await ap.getByTestId('user-row').first().waitFor();
  await admin.shot('admin-users', 'zh-CN');

  // Filters: inspectors only, then search.
  const list = ap.getByTestId('user-admin-list');
  await list.getByLabel('角色').selectOption('inspector');
  await ap.waitForFunction(() => Array.from(document.querySelectorAll('[data-testid="user-row"]')).every((r) => r.textContent?.includes('网格员')));
  await list.getByLabel('角色').selectOption('');

  // Keyboard: Enter opens the form with focus on its heading, Escape closes it and focus returns.
  await ap.getByTestId('user-new').focus();
  await ap.keyboard.press('Enter');
  await ap.getByTestId('user-form').waitFor();
  await ap.waitForFunction(() => document.activeElement?.tagName === 'H2' && document.activeElement.textContent === '新建用户');
  await ap.keyboard.press('Tab');
  await ap.waitForFunction(() => document.activeElement?.getAttribute('name') === 'username');
  await ap.keyboard.press('Escape');
  await ap.getByTestId('user-form').waitFor({ state: 'detached' });
  await ap.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'user-new');

  // Create: the first attempt has a too-short password, refused by the API beside the field.
  await ap.getByTestId('user-new').click();
  const form = ap.getByTestId('user-form');
  await form.getByLabel('用户名').fill('insp-e2e-new');
  await form.getByLabel('姓名', { exact: false }).first().fill('新网格员 赵一');
  await form.getByLabel('角色').selectOption('inspector');
  for (const c of chosen) await form.getByLabel(`${c.code} ${c.name.zh}`, { exact: true }).check();
  await form.getByLabel('初始密码').fill('short');
  await form.getByTestId('user-form-submit').click();
  await form.locator('.field-error', { hasText: '密码至少 8 个字符' }).waitFor();
  await expect(form.getByLabel('初始密码').getAttribute('aria-invalid')).resolves.toBe('true');
  await admin.shot('admin-user-create-errors', 'zh-CN');
  await form.getByLabel('初始密码').fill('Grid#Patrol-2026');
  await form.getByTestId('user-form-submit').click();
  await form.waitFor({ state: 'detached' });
  const row = ap.locator('[data-testid="user-row"][data-username="insp-e2e-new"]');
  await row.waitFor();
  const created = await adminApi.get<{ data: { id: string; role: string; gridIds: string[]; disabled: boolean }[] }>('/users', { q: 'insp-e2e-new' });
  expect(created.data).toHaveLength(1);
  expect(created.data[0]!.role).toBe('inspector');
  expect([...created.data[0]!.gridIds].sort()).toEqual(chosen.map((c) => c.id).sort());

  // The new inspector signs in on a phone.
  const inspector = await newPerson(story.browser, story.server.baseUrl, PHONE);
  people.push(inspector);
  await inspector.login('insp-e2e-new', 'Grid#Patrol-2026');
  await inspector.page.getByTestId('current-user').filter({ hasText: '新网格员 赵一' }).waitFor();

  // The admin disables the account (asked once more); the row says so.
  await row.getByTestId('user-disable').click();
  await row.getByTestId('user-disable-confirm').click();
  await ap.locator('[data-testid="user-row"][data-username="insp-e2e-new"][data-disabled="true"]').waitFor();

  // The inspector's still-valid access token is refused at the next request; the app shows the
  // login page saying the session ended.
  const raw = await inspector.page.evaluate(() => localStorage.getItem('gridenforce.session'));
  const token = (JSON.parse(raw!) as { accessToken: string }).accessToken;
  const refused = await fetch(`${story.server.baseUrl}/api/v1/auth/me`, { headers: { Authorization: `Bearer ${token}` } });
  expect(refused.status).toBe(401);
  await inspector.page.getByTestId('nav-myWork').click();
  await inspector.page.getByTestId('login-form').waitFor();
  await inspector.page.getByText('会话已失效').waitFor();
  // And signing in again is refused too.
  const again = await fetch(`${story.server.baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'insp-e2e-new', password: 'Grid#Patrol-2026' }),
  });
  expect(again.status).toBe(401);

  // Edit form with the cell picker, then the same page in English.
  await row.getByTestId('user-edit').click();
  await ap.getByTestId('cell-picker').waitFor();
  await admin.shot('admin-user-edit', 'zh-CN');
  // A role whose scope is missing: the server's refusal is shown at the team field.
  const editForm = ap.getByTestId('user-form');
  await editForm.getByLabel('角色').selectOption('team_leader');
  await editForm.getByTestId('user-form-submit').click();
  await editForm.locator('.field-error', { hasText: '中队长必须选择所属中队' }).waitFor();
  await expect(editForm.getByLabel('中队').getAttribute('aria-invalid')).resolves.toBe('true');
  await admin.shot('admin-user-edit-errors', 'zh-CN');
  await editForm.getByLabel('角色').selectOption('inspector');
  await ap.locator('.toast').first().waitFor({ state: 'detached' });
  await admin.switchLanguage('en');
  await ap.getByRole('heading', { name: 'Edit user insp-e2e-new' }).waitFor();
  await admin.shot('admin-user-edit', 'en');
  await ap.getByTestId('user-form').getByRole('button', { name: 'Cancel' }).click();
  await ap.getByRole('heading', { name: 'Users' }).waitFor();
  await admin.shot('admin-users', 'en');
  // The admin's reset with a generated password is shown once.
  await row.getByTestId('user-reset-password').click();
  await ap.getByTestId('reset-password-submit').click();
  const shown = await ap.getByTestId('generated-password').inputValue();
  expect(shown).toMatch(/^[A-Za-z0-9]{16}$/);
  await admin.shot('admin-user-password-reset', 'en');
}, 240_000);
