import { readFileSync } from 'node:fs';
import { ApiClient, type ApiUser } from './support/api';
import { DESKTOP, newPerson } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 8's page in the browser: the legal office opens the half-year dashboard, drills down from a
 * figure to the cases behind it and opens one, draws a case-file review sample (seed shown), scores
 * a file next to its timeline with a finding, the team leader reports the rectification done and
 * the legal office confirms it, then a report is drafted, reviewed, published (content hash shown),
 * downloaded and corrected as a new version. Screenshots of the dashboard, the review workspace
 * and the report history in both languages.
 */
const story = useBrowserStory({ demoCases: 24 });
let adminApi: ApiClient;
const people = story.people;

beforeAll(async () => {
  adminApi = await ApiClient.login(story.server.baseUrl, 'admin');
}, 240_000);

test('the legal office drills down from a figure, scores a sampled file, has it rectified and publishes the report', async () => {
  const legal = await newPerson(story.browser, story.server.baseUrl, { ...DESKTOP, acceptDownloads: true });
  people.push(legal);
  await legal.login('legal');
  const lp = legal.page;
  await lp.waitForURL('**/evaluations');

  // Dashboard: the bureau's figures, then the team level chosen with the keyboard (tabs).
  const indicators = lp.getByTestId('evaluation-indicators');
  const bureauClosure = indicators.locator('[data-testid="indicator-row"][data-indicator="closureRate"] [data-testid="figure-link"]');
  await bureauClosure.waitFor();
  const halfYearClosure = (await bureauClosure.textContent())!.trim();
  expect(halfYearClosure).toMatch(/^(\d+\.\d{2}%|—)$/);
  await lp.getByTestId('chart-teams').locator('.recharts-bar-rectangle').first().waitFor();
  await lp.getByTestId('chart-trend').locator('.recharts-bar-rectangle').first().waitFor();
  await lp.getByTestId('evaluation-scores').locator('tbody tr').first().waitFor();
  await lp.getByTestId('level-tab-bureau').focus();
  await lp.keyboard.press('ArrowRight');
  await expect(lp.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('level-tab-team');
  await lp.locator('[data-testid="level-tab-team"][aria-selected="true"]').waitFor();
  await indicators.locator('[data-testid="indicator-row"][data-key]').nth(1).waitFor();

  // Drill down: a team's filing-rate denominator (valid reports in the period) lists exactly that many cases.
  const denominator = indicators.getByRole('link', { name: /立案率 分母 [1-9]/ }).first();
  const n = Number(/分母 (\d+)/.exec((await denominator.getAttribute('aria-label'))!)![1]);
  await denominator.click();
  const drill = lp.getByTestId('drill-down');
  await drill.getByTestId('drill-item').first().waitFor();
  await expect(drill.getByTestId('drill-count').textContent()).resolves.toContain(`共计 ${n} 个计数单位`);
  await expect(drill.getByTestId('drill-item').count()).resolves.toBe(n);
  await legal.shot('evaluations-dashboard', 'zh-CN');
  const caseNo = (await drill.getByTestId('drill-case-link').first().textContent())!.trim();
  await drill.getByTestId('drill-case-link').first().click();
  await lp.waitForURL('**/cases/**');
  await lp.getByText(caseNo).first().waitFor();
  await lp.goBack();
  await lp.getByTestId('drill-down').waitFor();

  // Case-file review: a sample of 2 files per team with a fixed seed, shown with the sample.
  await lp.getByTestId('ev-view-review').click();
  const form = lp.getByTestId('review-sample-form');
  await form.getByTestId('sample-size').fill('2');
  await form.getByTestId('sample-seed').fill('20260701');
  await form.getByTestId('sample-create').click();
  await expect(lp.getByTestId('sample-seed-value').textContent()).resolves.toBe('20260701');
  const files = lp.getByTestId('sampled-file');
  await files.first().waitFor();

  // Score the first file next to its timeline: 2 form points off, one finding.
  await files.first().getByTestId('file-open').click();
  const workspace = lp.getByTestId('file-workspace');
  await workspace.getByTestId('case-timeline').waitFor();
  const sheet = workspace.getByTestId('score-sheet');
  await sheet.getByLabel('文书规范').fill('3');
  await expect(sheet.getByTestId('score-preview').textContent()).resolves.toContain('98');
  await sheet.getByTestId('finding-add').click();
  await sheet.getByTestId('finding-text').last().fill('询问笔录未由当事人逐页签名');
  await sheet.getByTestId('score-submit').click();
  await lp.locator('[data-testid="sampled-file"][data-status="scored"]').first().waitFor();
  await expect(lp.locator('[data-testid="sampled-file"][data-status="scored"]').first().textContent()).resolves.toContain('98');
  const rect = lp.locator('[data-testid="rectification-row"][data-status="open"]');
  await rect.first().waitFor();
  await legal.shot('evaluations-review', 'zh-CN');

  // The team's leader reports the rectification done; the legal office confirms it.
  const team = (await lp.getByTestId('rectification-team').first().getAttribute('data-team'))!;
  const users = (await adminApi.get<{ data: ApiUser[] }>('/users', { limit: 200 })).data;
  const leaderName = users.find((u) => u.role === 'team_leader' && u.teamId === team)?.username;
  expect(leaderName).toBeDefined();
  const leader = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(leader);
  await leader.login(leaderName!);
  await leader.page.goto('/evaluations?view=rectifications');
  const open = leader.page.locator('[data-testid="rectification-row"][data-status="open"]').first();
  await open.getByLabel('整改佐证').fill('已组织补签并归档，附补签页扫描件');
  await open.getByRole('button', { name: '报告已整改' }).click();
  await leader.page.locator('[data-testid="rectification-row"][data-status="done"]').first().waitFor();
  await lp.reload();
  await lp.locator('[data-testid="rectification-row"][data-status="done"]').first().getByTestId('rect-confirm').click();
  await lp.locator('[data-testid="rectification-row"][data-status="confirmed"]').first().waitFor();

  // Report: draft → reviewed → published with its content hash; PDF; a correction as v2.
  await lp.getByTestId('ev-view-reports').click();
  const reports = lp.getByTestId('evaluation-reports');
  // The team weights of this report: closure 40 instead of the guide's 30.
  const settings = reports.getByTestId('report-config');
  await settings.locator('summary').click();
  await settings.getByLabel('结案率', { exact: true }).fill('40');
  await reports.getByTestId('report-create').click();
  await reports.locator('[data-testid="report-row"][data-status="draft"]').waitFor();
  await expect(reports.getByTestId('report-config-summary').textContent()).resolves.toContain('结案率 ×40');
  await reports.getByTestId('report-review').click();
  await reports.locator('[data-testid="report-row"][data-status="reviewed"]').waitFor();
  await reports.getByTestId('report-publish').click();
  const published = reports.locator('[data-testid="report-row"][data-status="published"]');
  await published.waitFor();
  await expect(published.getByTestId('report-hash').getAttribute('title')).resolves.toMatch(/^[0-9a-f]{64}$/);
  const detail = reports.getByTestId('report-detail');
  await detail.getByTestId('hash-valid').waitFor();
  await expect(detail.getByTestId('hash-valid').textContent()).resolves.toBe('哈希校验通过');
  const [download] = await Promise.all([lp.waitForEvent('download'), published.getByTestId('report-pdf').click()]);
  expect(readFileSync((await download.path())!).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const [csv] = await Promise.all([lp.waitForEvent('download'), published.getByTestId('report-csv').click()]);
  expect(readFileSync((await csv.path())!, 'utf8')).toContain('closureRate');
  await published.getByTestId('report-correct').click();
  const v2 = reports.locator('[data-testid="report-row"][data-status="draft"][data-version="2"]');
  await v2.waitFor();
  await expect(v2.textContent()).resolves.toContain('更正 v1');
  await published.getByTestId('report-open').click();
  await detail.getByTestId('hash-valid').waitFor();
  await legal.shot('evaluations-reports', 'zh-CN');

  // The same three views in English.
  await legal.switchLanguage('en');
  await reports.getByRole('heading', { name: 'Reports' }).waitFor();
  await legal.shot('evaluations-reports', 'en');
  await lp.getByTestId('ev-view-review').click();
  await lp.getByTestId('sampled-file').first().getByTestId('file-open').click();
  await lp.getByTestId('file-workspace').getByTestId('case-timeline').waitFor();
  await lp.getByTestId('score-sheet').getByText('Score sheet', { exact: false }).first().waitFor();
  await legal.shot('evaluations-review', 'en');
  await lp.getByTestId('ev-view-dashboard').click();
  await lp.getByTestId('drill-down').getByTestId('drill-item').first().waitFor();
  await lp.getByTestId('chart-teams').locator('.recharts-bar-rectangle').first().waitFor();
  await legal.shot('evaluations-dashboard', 'en');

  // A custom range of Shanghai days (both inclusive): 1 July to today holds every demo case, so
  // the bureau's closure rate is the half-year's.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const year = today.slice(0, 4);
  await lp.getByTestId('period-kind').selectOption('custom');
  await lp.getByLabel('First day').fill(`${year}-07-01`);
  await lp.getByLabel('Last day').fill(today);
  await lp.waitForURL((u) => u.searchParams.get('period') === `${year}-07-01..${today}`);
  await lp.getByTestId('level-tab-bureau').click();
  const closureNow = '[data-testid="evaluation-indicators"][aria-busy="false"] [data-indicator="closureRate"] [data-testid="figure-link"]';
  await lp.locator(closureNow).waitFor();
  // Settled on the custom period's bureau figure (a period typed day by day may pass through others).
  await lp.waitForFunction(([sel, want]) => document.querySelector(sel!)?.textContent?.trim() === want, [closureNow, halfYearClosure], { timeout: 15_000 }).catch(() => undefined);
  await expect(bureauClosure.textContent()).resolves.toBe(halfYearClosure);

  // The rubric is configuration: a revision is saved as version 2 (existing samples keep version 1).
  await lp.getByTestId('ev-view-review').click();
  const rubric = lp.getByTestId('rubric');
  await rubric.locator('summary').click();
  await rubric.getByTestId('rubric-edit').click();
  await rubric.getByLabel('Pass from').fill('65');
  await legal.shot('evaluations-rubric', 'en');
  await rubric.getByTestId('rubric-save').click();
  await rubric.getByRole('heading', { name: 'Review rubric (version 2)' }).waitFor();
  await expect(rubric.textContent()).resolves.toContain('pass ≥ 65');
}, 300_000);
