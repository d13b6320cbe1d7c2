import { ApiClient } from './support/api';
import { DESKTOP, newPerson, PHONE } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 9's web part: the bureau sends an instruction (指令) to a team; the team leader sees the
 * unread count without reloading, opens it (read receipt) and acknowledges with a reply; the
 * sender's receipt view shows who has read and acknowledged. Screenshots in both languages.
 */
const story = useBrowserStory({ demoCases: 0 });
const people = story.people;

test('an instruction to a team is read and acknowledged, and the sender sees the receipts', async () => {
  const leaderApi = await ApiClient.login(story.server.baseUrl, 'lead-t1');
  const team = (await leaderApi.get<{ data: { id: string; code: string; name: { zh: string; en: string } } }>(`/org/teams/${leaderApi.user.teamId}`)).data;

  const leader = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  const dispatcher = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  const inspector = await newPerson(story.browser, story.server.baseUrl, PHONE);
  people.push(leader, dispatcher, inspector);
  await leader.login('lead-t1');
  const lp = leader.page;
  await lp.getByTestId('nav-instructions').waitFor();
  await expect(lp.getByTestId('unread-count').count()).resolves.toBe(0);

  // The dispatcher sends an urgent instruction to the team.
  await dispatcher.login('dispatcher');
  const dp = dispatcher.page;
  await dp.getByTestId('nav-instructions').click();
  await dp.getByTestId('instructions-tab-send').click();
  const form = dp.getByTestId('send-instruction-form');
  await form.getByLabel('标题').fill('今晚开展老街夜市占道经营集中整治');
  await form.getByLabel('内容').fill('请第一中队 19:00 前到位，网格员配合劝导，21:00 前回执整治情况。');
  await form.getByLabel('紧急', { exact: true }).check();
  await form.getByLabel(team.name.zh).check();
  await dispatcher.shot('instruction-send', 'zh-CN');
  await form.getByTestId('send-instruction-submit').click();
  await dp.getByTestId('instruction-receipts').waitFor();
  const instructionId = dp.url().split('/').pop()!;
  const summary = dp.getByTestId('receipt-summary');
  const recipients = Number(await summary.getAttribute('data-recipients'));
  expect(recipients).toBeGreaterThan(1);

  // The team leader's navigation shows it without a reload (live stream, or the 10 s poll).
  await lp.getByTestId('unread-count').waitFor({ timeout: 30_000 });
  await expect(lp.getByTestId('unread-count').getAttribute('data-count')).resolves.toBe('1');
  await lp.getByTestId('nav-instructions').click();
  const item = lp.getByTestId('instruction-inbox').getByTestId('inbox-item').first();
  await expect(item.getAttribute('data-status')).resolves.toBe('unread');
  await item.getByTestId('inbox-open').click();
  await lp.locator('[data-testid="inbox-item"][data-status="read"]').waitFor();
  await leader.shot('instruction-inbox', 'zh-CN');
  await item.getByLabel('回复').fill('收到，19:00 前到位');
  await item.getByTestId('instruction-ack').click();
  await lp.locator('[data-testid="inbox-item"][data-status="acknowledged"]').waitFor();
  await lp.getByTestId('unread-count').waitFor({ state: 'detached' });

  // An inspector of the team got it too, on the phone.
  await inspector.login('insp-z1-01');
  await inspector.page.getByTestId('unread-count').waitFor();
  await inspector.page.getByTestId('nav-instructions').click();
  await inspector.page.getByTestId('inbox-item').first().waitFor();
  await inspector.shot('instruction-inbox-phone', 'zh-CN');

  // The sender's receipt view: the leader acknowledged with the reply, the inspector has not even read it.
  await dp.reload();
  const leaderRow = dp.locator('[data-testid="receipt-row"]', { hasText: leaderApi.user.displayName });
  // Rows render after the receipts load: wait for the acknowledged row with the reply.
  await dp.locator('[data-testid="receipt-row"][data-status="acknowledged"]', { hasText: leaderApi.user.displayName }).filter({ hasText: '收到，19:00 前到位' }).waitFor({ timeout: 15_000 });
  await expect(leaderRow.getAttribute('data-status')).resolves.toBe('acknowledged');
  await expect(summary.getAttribute('data-acknowledged')).resolves.toBe('1');
  await dispatcher.shot('instruction-receipts', 'zh-CN');
  await dp.getByRole('link', { name: /已发指令/ }).click();
  await dp.getByTestId('sent-row').first().waitFor();

  // The same pages in English.
  for (const p of [dispatcher, leader]) await p.switchLanguage('en');
  await dp.goto(`/instructions/${instructionId}`);
  await dp.getByRole('heading', { name: 'Recipients' }).waitFor();
  await dispatcher.shot('instruction-receipts', 'en');
  await dp.goto('/instructions?tab=send');
  await dp.getByTestId('send-instruction-form').getByRole('heading', { name: 'Send an instruction' }).waitFor();
  await dispatcher.shot('instruction-send', 'en');
  await lp.goto('/instructions');
  await lp.getByTestId('inbox-item').first().getByTestId('inbox-open').click();
  await lp.getByText(/Acknowledged at/).waitFor();
  await leader.shot('instruction-inbox', 'en');
}, 240_000);

test('an instruction to a named user: picked by search, received live, acknowledged, and the sender sees the receipt', async () => {
  const dispatcherApi = await ApiClient.login(story.server.baseUrl, 'dispatcher');
  const leaderApi = await ApiClient.login(story.server.baseUrl, 'lead-t1');
  // An inspector outside team 1 (the first story's target), so their inbox starts empty.
  const inspectors = (
    await dispatcherApi.get<{ data: { username: string; displayName: string; teamId: string | null }[] }>('/instructions/recipients', { role: 'inspector', limit: 50 })
  ).data;
  const named = inspectors.find((u) => u.teamId !== leaderApi.user.teamId && u.username.startsWith('insp-'));
  expect(named).toBeDefined();

  const recipient = await newPerson(story.browser, story.server.baseUrl, PHONE);
  const dispatcher = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(recipient, dispatcher);
  await recipient.login(named!.username);
  const rp = recipient.page;
  await rp.getByTestId('nav-instructions').waitFor();
  await expect(rp.getByTestId('unread-count').count()).resolves.toBe(0);

  // The dispatcher names the inspector with the user picker (search by username, keyboard only).
  await dispatcher.login('dispatcher');
  const dp = dispatcher.page;
  await dp.goto('/instructions?tab=send');
  const form = dp.getByTestId('send-instruction-form');
  await form.getByLabel('标题').fill('核查河堤垃圾倾倒点');
  await form.getByLabel('内容').fill('请于明早 9 点前到现场拍照核实并回复。');
  await form.getByLabel('紧急', { exact: true }).check();
  const deadline = new Date(Date.now() + 3 * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
  await form.getByLabel(/回执期限/).fill(deadline);
  const picker = form.getByTestId('instruction-user-picker');
  await picker.getByLabel('按角色筛选').selectOption('inspector');
  await picker.getByLabel(/搜索人员/).fill(named!.username);
  const hit = picker.locator(`[data-testid="user-hit"][data-username="${named!.username}"]`);
  await hit.focus();
  await dp.keyboard.press('Enter');
  await picker.getByTestId('picked-user').filter({ hasText: named!.displayName }).waitFor();
  await expect(picker.getByTestId('picked-user').count()).resolves.toBe(1);
  await dispatcher.shot('instruction-send-named', 'zh-CN');
  await form.getByTestId('send-instruction-submit').click();
  await dp.getByTestId('instruction-receipts').waitFor();
  const instructionId = dp.url().split('/').pop()!;
  const summary = dp.getByTestId('receipt-summary');
  await expect(summary.getAttribute('data-recipients')).resolves.toBe('1');
  await dp.getByTestId('receipt-targets').filter({ hasText: `指定人员 1 人（${named!.displayName}）` }).waitFor();

  // The inspector's phone shows it without a reload; opening reads it, the reply acknowledges it.
  await rp.getByTestId('unread-count').waitFor({ timeout: 30_000 });
  await expect(rp.getByTestId('unread-count').getAttribute('data-count')).resolves.toBe('1');
  await rp.getByTestId('nav-instructions').click();
  const item = rp.getByTestId('instruction-inbox').getByTestId('inbox-item').filter({ hasText: '核查河堤垃圾倾倒点' });
  await item.getByTestId('inbox-open').click();
  await rp.locator('[data-testid="inbox-item"][data-status="read"]').waitFor();
  await item.getByLabel('回复').fill('已到现场，正在清理');
  await item.getByTestId('instruction-ack').click();
  await rp.locator('[data-testid="inbox-item"][data-status="acknowledged"]').waitFor();
  await rp.getByTestId('unread-count').waitFor({ state: 'detached' });
  await recipient.shot('instruction-inbox-named', 'zh-CN');

  // The sender's receipt view turns acknowledged with the reply (live, without a reload).
  await dp
    .locator('[data-testid="receipt-row"][data-status="acknowledged"]', { hasText: named!.displayName })
    .filter({ hasText: '已到现场，正在清理' })
    .waitFor({ timeout: 30_000 });
  await expect(summary.getAttribute('data-acknowledged')).resolves.toBe('1');
  await dp.getByTestId('receipt-filter').selectOption('pending');
  await dp.getByText('没有符合条件的接收人。').waitFor();
  await dp.getByTestId('receipt-filter').selectOption('acknowledged');
  await dispatcher.shot('instruction-receipts-named', 'zh-CN');

  // English.
  await dispatcher.switchLanguage('en');
  await dp.goto(`/instructions/${instructionId}`);
  await dp.getByTestId('receipt-targets').filter({ hasText: `1 named person (${named!.displayName})` }).waitFor();
  await dispatcher.shot('instruction-receipts-named', 'en');
  await dp.goto('/instructions?tab=send');
  const enForm = dp.getByTestId('send-instruction-form');
  await enForm.getByLabel('Filter by role').selectOption('inspector');
  await enForm.getByLabel(/Search people/).fill(named!.username);
  await enForm.locator(`[data-testid="user-hit"][data-username="${named!.username}"]`).click();
  await enForm.getByTestId('picked-user').waitFor();
  await dispatcher.shot('instruction-send-named', 'en');
}, 240_000);
