import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { ApiClient } from './support/api';
import { DESKTOP, newPerson } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 7 in the browser: the bureau opens a joint case from a case, two agencies get tasks, one
 * declines and is replaced, the others report results, the joint decision closes it; then a
 * liaison meeting with attendance, minutes, a resolution whose action item the agency reports
 * done, the minutes PDF, and the meeting concluded. Screenshots of these pages in both languages.
 */
interface CaseRow {
  id: string;
  caseNo: string;
  status: string;
  jointCaseId: string | null;
}
interface Agency {
  id: string;
  code: string;
  name: { zh: string; en: string };
}

const story = useBrowserStory({ demoCases: 10 });
let dispatcherApi: ApiClient;
let agencies: Agency[];
const people = story.people;
/** The joint case and meeting the stories made, shown again in English. */
const made: { jointCaseId?: string; meetingId?: string; caseId?: string } = {};

beforeAll(async () => {
  dispatcherApi = await ApiClient.login(story.server.baseUrl, 'dispatcher');
  agencies = (await dispatcherApi.get<{ data: Agency[] }>('/org/agencies', { limit: 200 })).data;
}, 240_000);

const agency = (code: string) => {
  const a = agencies.find((x) => x.code === code);
  if (!a) throw new Error(`agency ${code} is not in the demo data`);
  return a;
};

/** The task card of an agency on the joint case page or the liaison's task list. */
const taskOf = (page: Page, code: string, status?: string) =>
  page.locator(`[data-testid="joint-task"][data-agency="${code}"]${status ? `[data-status="${status}"]` : ''}`);

async function taskAction(page: Page, code: string, action: string, fill: (form: ReturnType<Page['getByTestId']>) => Promise<void>) {
  const card = taskOf(page, code).filter({ has: page.getByTestId(`task-action-${action}`) });
  await card.getByTestId(`task-action-${action}`).click();
  const form = card.getByTestId(`task-form-${action}`);
  await fill(form);
  await form.getByTestId('task-submit').click();
  await form.waitFor({ state: 'detached' });
}

test('a joint case from opening to the joint decision: one agency declines and is replaced, the others report', async () => {
  const open = (await dispatcherApi.get<{ data: CaseRow[] }>('/cases', { status: 'filed,dispatched,in_progress', limit: 50 })).data.find((c) => !c.jointCaseId);
  expect(open).toBeDefined();
  const kase = open!;
  const [police, market, tax] = [agency('police'), agency('market-regulation'), agency('tax')];

  // The dispatcher opens it from the case page.
  const dispatcher = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(dispatcher);
  await dispatcher.login('dispatcher');
  const dp = dispatcher.page;
  await dp.goto(`/cases/${kase.id}`);
  await dp.getByTestId('case-open-joint').click();
  const form = dp.getByTestId('open-joint-case-form');
  await form.getByTestId('joint-picked-cases').getByText(kase.caseNo).waitFor();
  await form.getByLabel(/标题/).fill(`联合整治 ${kase.caseNo}`);
  await form.getByLabel('重大案件').check();
  await form.getByLabel(police.name.zh).check();
  await form.getByLabel(market.name.zh).check();
  // One task per agency is drafted when it is ticked; say what each is to do.
  const tasks = form.locator('fieldset.task-fields');
  await tasks.nth(1).waitFor();
  await expect(tasks.count()).resolves.toBe(2);
  await tasks.nth(0).getByLabel('任务内容').fill('核查经营者身份信息，协助现场秩序维护');
  await tasks.nth(1).getByLabel('任务内容').fill('核查营业执照及食品经营许可');
  await dispatcher.shot('joint-case-new', 'zh-CN');
  await form.getByTestId('joint-open-submit').click();
  await dp.getByTestId('joint-case-detail').waitFor();
  const jointCaseId = dp.url().split('/').pop()!;
  made.jointCaseId = jointCaseId;
  made.caseId = kase.id;
  await taskOf(dp, police.code, 'assigned').waitFor();
  await taskOf(dp, market.code, 'assigned').waitFor();

  // The police liaison lands on their agency's tasks and declines, with a reason.
  const policeLiaison = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(policeLiaison);
  await policeLiaison.login(`liaison-${police.code}`);
  const pp = policeLiaison.page;
  await pp.waitForURL('**/tasks');
  await taskOf(pp, police.code, 'assigned').waitFor();
  await policeLiaison.shot('agency-tasks', 'zh-CN');
  await taskAction(pp, police.code, 'decline', (f) => f.getByLabel(/理由/).fill('不涉及治安管理事项，建议由税务部门核查'));
  await taskOf(pp, police.code, 'declined').waitFor();

  // Market regulation accepts and reports its result.
  const marketLiaison = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(marketLiaison);
  await marketLiaison.login(`liaison-${market.code}`);
  const mp = marketLiaison.page;
  await taskAction(mp, market.code, 'accept', async () => undefined);
  await taskAction(mp, market.code, 'report', async (f) => {
    await f.getByLabel(/办理结果/).fill('已核查，当事人无证经营，已责令停业整改');
    await f.getByLabel(/附件/).fill('白市监责改〔2026〕18号');
  });
  await taskOf(mp, market.code, 'done').waitFor();

  // No joint decision is offered while the declined task has no successor; the page says why.
  await dp.reload();
  await taskOf(dp, police.code, 'declined').waitFor();
  await dp.getByTestId('joint-decide-waiting').waitFor();
  await expect(dp.getByTestId('joint-decide').count()).resolves.toBe(0);

  // The bureau reassigns the declined task to tax.
  await taskAction(dp, police.code, 'reassign', async (f) => {
    await f.getByLabel('改派给').selectOption(tax.id);
  });
  await taskOf(dp, tax.code, 'assigned').waitFor();

  const taxLiaison = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(taxLiaison);
  await taxLiaison.login(`liaison-${tax.code}`);
  const tp = taxLiaison.page;
  await taskAction(tp, tax.code, 'accept', async () => undefined);
  await taskAction(tp, tax.code, 'start', async () => undefined);
  await taskAction(tp, tax.code, 'report', async (f) => f.getByLabel(/办理结果/).fill('已核查纳税登记，督促办理税务登记'));
  await taskOf(tp, tax.code, 'done').waitFor();

  // Every task is settled: the bureau records the joint decision, which closes the joint case.
  await dp.reload();
  await taskOf(dp, tax.code, 'done').waitFor();
  await dp.getByTestId('joint-decide').click();
  await dp.getByTestId('decision-form').getByLabel(/联合决定/).fill('联合约谈当事人，限期办理证照，逾期依法查处');
  await dp.getByTestId('decision-submit').click();
  await dp.locator('[data-testid="joint-case-detail"][data-status="closed"]').waitFor();
  await dp.getByTestId('joint-decision').waitFor();
  await expect(dp.getByTestId('joint-decide').count()).resolves.toBe(0);
  await dispatcher.shot('joint-case-detail', 'zh-CN');

  const jc = (await dispatcherApi.get<{ data: { status: string; tasks: { agency: { code: string }; status: string }[] } }>(`/joint-cases/${jointCaseId}`)).data;
  expect(jc.status).toBe('closed');
  expect(jc.tasks.map((t) => [t.agency.code, t.status]).sort()).toEqual(
    [
      [market.code, 'done'],
      [police.code, 'declined'],
      [tax.code, 'done'],
    ].sort(),
  );
  // The linked case's timeline shows the joint steps, and links back to the joint case.
  const steps = (await dispatcherApi.get<{ data: { action: string; data: { step?: string } }[] }>(`/cases/${kase.id}/timeline`)).data
    .filter((e) => e.action === 'joint')
    .map((e) => e.data.step);
  expect(steps).toEqual(expect.arrayContaining(['opened', 'task_declined', 'task_reassigned', 'task_done', 'decided']));
  await dp.goto(`/cases/${kase.id}`);
  await dp.getByTestId('case-joint-case').click();
  await dp.waitForURL(`**/joint-cases/${jointCaseId}`);
  await dp.goto('/joint-cases');
  await dp.getByTestId('joint-case-list').getByLabel('状态').selectOption('');
  await dp.locator('[data-testid="joint-case-row"]').first().waitFor();
  await dispatcher.shot('joint-cases', 'zh-CN');
}, 300_000);

test('a liaison meeting: attendance, minutes, a resolution whose action item the agency reports done, the PDF, concluded', async () => {
  const market = agency('market-regulation');
  const police = agency('police');
  const dispatcher = await newPerson(story.browser, story.server.baseUrl, { ...DESKTOP, acceptDownloads: true });
  const liaison = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(dispatcher, liaison);
  await dispatcher.login('dispatcher');
  const dp = dispatcher.page;

  await dp.goto('/meetings');
  await dp.getByTestId('meeting-new').click();
  const form = dp.getByTestId('create-meeting-form');
  await form.getByLabel(/会议名称/).fill('白沙镇联动执法联席会议（11月）');
  await form.getByLabel('例会', { exact: true }).check();
  await form.getByLabel(/每月几号/).fill('20');
  await form.getByLabel('地点', { exact: true }).fill('镇政府三楼会议室');
  await form.getByLabel(market.name.zh).check();
  await form.getByLabel(police.name.zh).check();
  await form.getByLabel('议题', { exact: true }).fill('老街占道经营联合整治\n农贸市场食品安全专项检查');
  await form.getByTestId('create-meeting-submit').click();
  await dp.getByTestId('meeting-detail').waitFor();
  const meetingId = dp.url().split('/').pop()!;
  made.meetingId = meetingId;
  await expect(dp.getByTestId('meeting-agenda').locator('li').count()).resolves.toBe(2);

  // Attendance: market regulation present, police absent with a note.
  const att = dp.getByTestId('attendance-editor');
  await att.getByLabel(`${market.name.zh} 出席`).check();
  await att.getByLabel(`${police.name.zh} 备注`).fill('请假');
  await att.getByTestId('attendance-save').click();
  await dp.getByRole('status').filter({ hasText: '出席情况已保存' }).waitFor();
  const attendance = (await dispatcherApi.get<{ data: { attendance: { name: string; present: boolean; note: string | null }[] } }>(`/meetings/${meetingId}`)).data.attendance;
  expect(attendance.filter((a) => a.present).map((a) => a.name)).toEqual([market.name.zh]);
  expect(attendance.find((a) => a.name === police.name.zh)?.note).toBe('请假');

  // Minutes, saved as revision 1.
  await dp.getByTestId('minutes-editor').getByLabel('纪要内容').fill('会议听取了老街占道经营整治情况汇报，研究部署农贸市场食品安全专项检查。');
  await dp.getByTestId('minutes-save').click();
  await dp.locator('[data-testid="minutes-revision"][data-revision="1"]').waitFor();

  // A resolution with an action item owned by market regulation.
  await dp.getByTestId('add-resolution').click();
  const res = dp.getByTestId('resolution-form');
  await res.getByLabel('决议内容').fill('由市场监管所牵头，十日内完成农贸市场食品经营许可核查');
  await res.getByLabel('事项内容').fill('完成农贸市场食品经营许可全面核查并报送清单');
  await res.getByLabel('责任单位').selectOption(`agency:${market.id}`);
  await res.getByTestId('resolution-submit').click();
  await dp.getByTestId('meeting-resolutions').getByTestId('action-item').waitFor();
  await dispatcher.shot('meeting-detail', 'zh-CN');

  // The agency reports the item done with evidence, from its task page.
  await liaison.login(`liaison-${market.code}`);
  const lp = liaison.page;
  const item = lp.getByTestId('action-item-list').locator('[data-testid="action-item"][data-status="open"]');
  await item.getByTestId('item-action-done').click();
  await item.getByTestId('item-form-done').getByLabel(/办结佐证/).fill('核查清单（共 46 户）\n白市监〔2026〕31号');
  await item.getByTestId('item-submit').click();
  await lp.getByTestId('action-item-list').getByLabel('状态').selectOption('done');
  await lp.getByTestId('action-item-list').locator('[data-testid="action-item"][data-status="done"]').waitFor();

  // The minutes PDF downloads (Chinese text is checked by the API tests).
  await dp.reload();
  await dp.getByTestId('meeting-resolutions').locator('[data-testid="action-item"][data-status="done"]').waitFor();
  const [download] = await Promise.all([dp.waitForEvent('download'), dp.getByTestId('minutes-pdf').click()]);
  const file = await download.path();
  expect(readFileSync(file!).subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // Concluded: held, and a regular meeting schedules the next one.
  dp.once('dialog', (d) => void d.accept());
  await dp.getByTestId('meeting-conclude').click();
  await dp.locator('[data-testid="meeting-detail"][data-status="held"]').waitFor();
  await dp.getByRole('link', { name: '查看下次例会 →' }).waitFor();
  await dp.goto('/meetings');
  await dp.locator('[data-testid="meeting-row"]').nth(1).waitFor();
  await dispatcher.shot('meetings', 'zh-CN');
}, 300_000);

test('the legal office evaluates the half-year: indicators by level, scores, a report drafted, reviewed, published and downloaded', async () => {
  const legal = await newPerson(story.browser, story.server.baseUrl, { ...DESKTOP, acceptDownloads: true });
  people.push(legal);
  await legal.login('legal');
  const lp = legal.page;
  await lp.waitForURL('**/evaluations');
  const indicators = lp.getByTestId('evaluation-indicators');
  await indicators.getByTestId('indicator-row').first().waitFor();
  await lp.getByTestId('level-tab-team').click();
  await indicators.locator('[data-testid="indicator-row"][data-key]').nth(1).waitFor();
  await lp.getByTestId('evaluation-scores').locator('tbody tr').first().waitFor();

  await lp.getByTestId('ev-view-reports').click();
  const reports = lp.getByTestId('evaluation-reports');
  await reports.getByTestId('report-create').click();
  await reports.locator('[data-testid="report-row"][data-status="draft"]').waitFor();
  await reports.getByTestId('report-review').click();
  await reports.locator('[data-testid="report-row"][data-status="reviewed"]').waitFor();
  await reports.getByTestId('report-publish').click();
  await reports.locator('[data-testid="report-row"][data-status="published"]').waitFor();
  const [download] = await Promise.all([lp.waitForEvent('download'), reports.getByTestId('report-pdf').click()]);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  await legal.shot('evaluations', 'zh-CN');
  await legal.switchLanguage('en');
  await reports.getByRole('heading', { name: 'Reports' }).waitFor();
  await legal.shot('evaluations', 'en');
}, 240_000);

test('the joint work pages in English', async () => {
  expect(made.jointCaseId && made.meetingId).toBeTruthy();
  const dispatcher = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  const liaison = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(dispatcher, liaison);
  await dispatcher.login('dispatcher');
  await liaison.login('liaison-market-regulation');
  await dispatcher.switchLanguage('en');
  await liaison.switchLanguage('en');
  const dp = dispatcher.page;

  await dp.goto(`/joint-cases/new?cases=${made.caseId}`);
  await dp.getByTestId('open-joint-case-form').getByRole('heading', { name: 'Open a joint case' }).waitFor();
  await dispatcher.shot('joint-case-new', 'en');
  await dp.goto('/joint-cases');
  await dp.getByTestId('joint-case-list').getByLabel('Status').selectOption('');
  await dp.locator('[data-testid="joint-case-row"]').first().waitFor();
  await dispatcher.shot('joint-cases', 'en');
  await dp.goto(`/joint-cases/${made.jointCaseId}`);
  await dp.getByTestId('joint-timeline').waitFor();
  await dispatcher.shot('joint-case-detail', 'en');
  await dp.goto('/meetings');
  await dp.getByTestId('meeting-list').getByRole('link').first().waitFor();
  await dispatcher.shot('meetings', 'en');
  await dp.goto(`/meetings/${made.meetingId}`);
  await dp.getByTestId('meeting-resolutions').waitFor();
  await dispatcher.shot('meeting-detail', 'en');

  await liaison.page.goto('/tasks');
  await liaison.page.getByRole('heading', { name: "My agency's joint tasks" }).waitFor();
  await liaison.page.getByTestId('joint-task').first().waitFor();
  await liaison.shot('agency-tasks', 'en');
}, 180_000);
