import { ApiClient } from './support/api';
import { DESKTOP, newPerson } from './support/browser';
import { useBrowserStory } from './support/story';

/**
 * Issue 7's meeting page, agenda part: the bureau puts a case (picked by its number) and a joint
 * case (picked by its case's number) on a liaison meeting's agenda; both show as links; a
 * resolution on the case item gets an action item that its agency settles, and the page shows
 * the progress. An invited liaison outside both sees the withheld items worded in their
 * language (the API sends a reason code). Screenshots in both languages.
 */
interface Agency {
  id: string;
  code: string;
  name: { zh: string; en: string };
}
interface CaseRow {
  id: string;
  caseNo: string;
  status: string;
  jointCaseId: string | null;
}

const story = useBrowserStory({ demoCases: 10 });
const people = story.people;

test('a meeting agenda item linked to a case and one to a joint case; a resolution tracked to done; withheld items for an outsider', async () => {
  const api = await ApiClient.login(story.server.baseUrl, 'dispatcher');
  const agencies = (await api.get<{ data: Agency[] }>('/org/agencies', { limit: 200 })).data;
  const police = agencies.find((a) => a.code === 'police')!;
  const market = agencies.find((a) => a.code === 'market-regulation')!;
  const open = (await api.get<{ data: CaseRow[] }>('/cases', { limit: 50 })).data.filter(
    (c) => ['filed', 'dispatched', 'in_progress', 'resolved'].includes(c.status) && !c.jointCaseId,
  );
  expect(open.length).toBeGreaterThanOrEqual(2);
  const [onAgenda, inJoint] = open as [CaseRow, CaseRow];
  const joint = (
    await api.post<{ data: { id: string } }>('/joint-cases', {
      title: '河道非法采砂联合查处',
      reason: 'major',
      caseIds: [inJoint.id],
      lead: { kind: 'bureau' },
      agencyIds: [market.id],
    })
  ).data;
  const scheduledAt = new Date(Date.now() + 5 * 86_400_000).toISOString();
  const meeting = (
    await api.post<{ data: { id: string } }>('/meetings', {
      title: '十二月联席会议',
      kind: 'ad_hoc',
      scheduledAt,
      location: '镇政府二楼会议室',
      invitedAgencyIds: [police.id, market.id],
      agenda: [{ kind: 'topic', title: '年度联动执法总结' }],
    })
  ).data;

  const dispatcher = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  const outsider = await newPerson(story.browser, story.server.baseUrl, DESKTOP);
  people.push(dispatcher, outsider);
  await dispatcher.login('dispatcher');
  const dp = dispatcher.page;
  await dp.goto(`/meetings/${meeting.id}`);
  const form = dp.getByTestId('add-agenda-form');

  // A case, found by its number.
  await form.getByLabel('案件', { exact: true }).check();
  await form.getByLabel(/查找案件/).fill(onAgenda.caseNo);
  await form.getByRole('button', { name: `选择 ${onAgenda.caseNo}` }).click();
  await form.getByTestId('agenda-picked-ref').filter({ hasText: onAgenda.caseNo }).waitFor();
  await form.getByTestId('agenda-add-submit').click();
  const agenda = dp.getByTestId('meeting-agenda');
  await agenda.getByTestId('agenda-case-link').filter({ hasText: onAgenda.caseNo }).waitFor();

  // A joint case, found by the number of its case (joint cases have none of their own); keyboard only.
  await form.getByLabel('联合办案', { exact: true }).check();
  await form.getByLabel(/查找联合办案/).fill(inJoint.caseNo);
  const hit = form.getByRole('button', { name: '选择 河道非法采砂联合查处' });
  await hit.focus();
  await dp.keyboard.press('Enter');
  await form.getByLabel(/议程标题/).fill('采砂案件联合查处进展');
  await form.getByLabel(/议程标题/).press('Enter');
  const jointLink = agenda.getByTestId('agenda-joint-link');
  await jointLink.filter({ hasText: '联合办案：河道非法采砂联合查处' }).waitFor();
  await agenda.locator('[data-kind="joint_case"]', { hasText: inJoint.caseNo }).filter({ hasText: '采砂案件联合查处进展' }).waitFor();
  await expect(agenda.getByTestId('agenda-item').count()).resolves.toBe(3);

  // A resolution on the case item with an action item for market regulation.
  await dp.getByTestId('add-resolution').click();
  const res = dp.getByTestId('resolution-form');
  await res.getByLabel('决议内容').fill('市场监管所五日内完成涉案商户许可核查');
  const caseItem = (await api.get<{ data: { agenda: { id: string; kind: string }[] } }>(`/meetings/${meeting.id}`)).data.agenda.find((a) => a.kind === 'case')!;
  await res.getByLabel('对应议程').selectOption(caseItem.id);
  await res.getByLabel('事项内容').fill('核查涉案商户经营许可并报送结果');
  await res.getByLabel('责任单位').selectOption(`agency:${market.id}`);
  await res.getByTestId('resolution-submit').click();
  const progress = dp.getByTestId('resolution-progress');
  await progress.filter({ hasText: '已完成 0 / 1' }).waitFor();
  await agenda.locator('[data-kind="case"]').filter({ hasText: '已作出 1 项决议' }).waitFor();

  // The agency settles the item (its own page is covered by the joint-work story); the meeting page shows it done.
  const marketApi = await ApiClient.login(story.server.baseUrl, `liaison-${market.code}`);
  const items = (await marketApi.get<{ data: { id: string; meetingId: string }[] }>('/meetings/action-items', { status: 'open' })).data;
  const item = items.find((i) => i.meetingId === meeting.id)!;
  await marketApi.post(`/meetings/action-items/${item.id}/transitions`, { action: 'done', evidence: ['许可核查清单（12 户）'] });
  await dp.reload();
  await dp.locator('[data-testid="resolution-progress"][data-done="1"][data-total="1"]').waitFor();
  await dp.getByTestId('meeting-resolutions').locator('[data-testid="action-item"][data-status="done"]').waitFor();
  await dispatcher.shot('meeting-agenda-links', 'zh-CN');

  // The links lead to the case and the joint case.
  await agenda.getByTestId('agenda-case-link').click();
  await dp.getByTestId('case-no').filter({ hasText: onAgenda.caseNo }).waitFor();
  await dp.goBack();
  await dp.getByTestId('agenda-joint-link').click();
  await dp.waitForURL((u) => u.pathname === `/joint-cases/${joint.id}`);

  // Police is invited but neither the case nor the joint case is theirs: both are withheld, worded in their language.
  await outsider.login(`liaison-${police.code}`);
  const op = outsider.page;
  await op.goto(`/meetings/${meeting.id}`);
  const theirs = op.getByTestId('meeting-agenda');
  await theirs.locator('[data-hidden="case"]', { hasText: '案件议题（无权查看）' }).waitFor();
  await theirs.locator('[data-hidden="joint_case"]', { hasText: '联合办案议题（无权查看）' }).waitFor();
  const text = await theirs.innerText();
  expect(text).not.toContain(onAgenda.caseNo);
  expect(text).not.toContain('采砂');
  await expect(op.getByTestId('add-agenda-form').count()).resolves.toBe(0);
  await outsider.shot('meeting-agenda-withheld', 'zh-CN');
  await outsider.switchLanguage('en');
  await theirs.locator('[data-hidden="case"]', { hasText: 'Case item (not visible to you)' }).waitFor();
  await theirs.locator('[data-hidden="joint_case"]', { hasText: 'Joint case item (not visible to you)' }).waitFor();
  await outsider.shot('meeting-agenda-withheld', 'en');

  // The bureau's page in English.
  await dispatcher.switchLanguage('en');
  await dp.goto(`/meetings/${meeting.id}`);
  await dp.locator('[data-testid="resolution-progress"]', { hasText: 'Action items: 1 of 1 done' }).waitFor();
  await dp.getByTestId('agenda-joint-link').filter({ hasText: 'Joint case: 河道非法采砂联合查处' }).waitFor();
  await dp.getByTestId('add-agenda-form').getByLabel('Case', { exact: true }).check();
  await dp.getByTestId('add-agenda-form').getByLabel(/Find a case/).fill(onAgenda.caseNo.slice(0, 7));
  await dp.getByTestId('agenda-ref-hits').waitFor();
  await dispatcher.shot('meeting-agenda-links', 'en');
}, 240_000);
