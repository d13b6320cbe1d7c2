import { runActionItemScan, runLiaisonScan } from '../../backend/src/modules/meetings';
import { useTestApp } from '../support/app';
import { bearer, loginAs, type LoggedIn } from '../support/factories';
import { buildAgency, buildTeamFor, liaisonOf } from '../support/joint-factories';

describe('liaison meetings: regular series, carry-over of open items, overdue flags', () => {
  const t = useTestApp();
  let dispatcher: LoggedIn;
  let liaison: LoggedIn;
  let leader: LoggedIn;
  let agencyId: string;
  let teamId: string;

  const as = (who: LoggedIn) => ({
    get: (url: string) => t.http().get(`/api/v1${url}`).set('Authorization', bearer(t, who.user)),
    post: (url: string, body: object = {}) => t.http().post(`/api/v1${url}`).set('Authorization', bearer(t, who.user)).send(body),
  });
  const carried = (m: { agenda: { kind: string; title: string }[] }) => m.agenda.filter((a) => a.kind === 'carry_over').map((a) => a.title).sort();

  beforeAll(async () => {
    t.clock.set('2026-03-01T02:00:00Z');
    dispatcher = await loginAs(t, 'dispatcher');
    const agency = await buildAgency({ zh: '规划自然资源所' });
    agencyId = String(agency._id);
    liaison = await liaisonOf(t, agency);
    const team = await buildTeamFor();
    teamId = String(team._id);
    leader = await loginAs(t, 'team_leader', { teamId: team._id });
  });

  test('open items of one monthly meeting carry over to the next, and on to the one after', async () => {
    // 10 March 09:30 Shanghai, monthly on the 10th.
    const created = await as(dispatcher).post('/meetings', {
      title: '月度联席例会', kind: 'regular', scheduledAt: '2026-03-10T01:30:00Z', recurrence: { freq: 'monthly', day: 10 }, invitedAgencyIds: [agencyId],
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ kind: 'regular', recurrence: { freq: 'monthly', day: 10, interval: 1 }, occurrence: 1 });
    const first = created.body.data.id as string;
    const res = await as(dispatcher).post(`/meetings/${first}/resolutions`, {
      text: '违建整治分工',
      actionItems: [
        { title: '违建图斑核实', owner: { kind: 'agency', agencyId }, dueAt: '2026-03-20T10:00:00Z' },
        { title: '拆除方案', owner: { kind: 'team', teamId }, dueAt: '2026-03-25T10:00:00Z' },
        { title: '通报镇政府', owner: { kind: 'bureau' }, dueAt: '2026-03-12T10:00:00Z' },
      ],
    });
    const [survey, plan, report] = res.body.data.resolutions[0].actionItems as { id: string }[];
    await as(dispatcher).post(`/meetings/action-items/${report!.id}/transitions`, { action: 'done', evidence: ['通报已送达'] });

    // Held: the next meeting of the series is scheduled, with the two open items on its agenda.
    t.clock.set('2026-03-10T04:00:00Z');
    const concluded = await as(dispatcher).post(`/meetings/${first}/conclude`);
    expect(concluded.status).toBe(200);
    expect(concluded.body.data).toMatchObject({ status: 'held', heldAt: '2026-03-10T04:00:00.000Z' });
    const secondId = concluded.body.meta.nextMeetingId as string;
    const second = (await as(dispatcher).get(`/meetings/${secondId}`)).body.data;
    expect(second).toMatchObject({ title: '月度联席例会', occurrence: 2, scheduledAt: '2026-04-10T01:30:00.000Z', status: 'scheduled', seriesId: first });
    expect(carried(second)).toEqual(['拆除方案', '违建图斑核实']);
    expect(second.agenda.find((a: { title: string }) => a.title === '违建图斑核实')).toMatchObject({
      carriedOver: { actionItemId: survey!.id, fromMeetingId: first, item: { status: 'open', owner: { kind: 'agency' } } },
    });
    expect((await as(dispatcher).post(`/meetings/${first}/conclude`)).body.error.code).toBe('MEETING_ALREADY_HELD');

    // Idempotent: the scheduler's pass adds nothing twice.
    await runLiaisonScan(t.ctx);
    await runLiaisonScan(t.ctx);
    expect(carried((await as(dispatcher).get(`/meetings/${secondId}`)).body.data)).toEqual(['拆除方案', '违建图斑核实']);

    // An item recorded on the held meeting afterwards reaches the already scheduled next meeting.
    await as(dispatcher).post(`/meetings/${first}/resolutions`, { text: '补充决议', actionItems: [{ title: '补充测绘', owner: { kind: 'agency', agencyId }, dueAt: '2026-04-30T10:00:00Z' }] });
    expect(carried((await as(dispatcher).get(`/meetings/${secondId}`)).body.data)).toEqual(['拆除方案', '补充测绘', '违建图斑核实']);

    // The team finishes its item; the third meeting gets only what is still open.
    await as(leader).post(`/meetings/action-items/${plan!.id}/transitions`, { action: 'done', evidence: ['拆除方案（定稿）'] });
    const next = await as(dispatcher).post(`/meetings/${secondId}/conclude`);
    const third = (await as(dispatcher).get(`/meetings/${next.body.meta.nextMeetingId}`)).body.data;
    expect(third).toMatchObject({ occurrence: 3, scheduledAt: '2026-05-10T01:30:00.000Z' });
    expect(carried(third)).toEqual(['补充测绘', '违建图斑核实']);
    // The held meeting's carried item shows it is done now.
    const secondNow = (await as(dispatcher).get(`/meetings/${secondId}`)).body.data;
    expect(secondNow.agenda.find((a: { title: string }) => a.title === '拆除方案').carriedOver.item.status).toBe('done');
    // The agency's liaison sees its own carried item, and only a placeholder for the team's.
    const asLiaison = (await as(liaison).get(`/meetings/${secondId}`)).body.data;
    // The placeholder is a reason code the web app translates; its title is empty.
    expect(carried(asLiaison)).toEqual(['', '补充测绘', '违建图斑核实']);
    const withheld = asLiaison.agenda.filter((a: { hidden: string | null }) => a.hidden);
    expect(withheld).toEqual([
      expect.objectContaining({ kind: 'carry_over', title: '', hidden: 'action_item', case: null, jointCase: null, carriedOver: expect.objectContaining({ item: null }) }),
    ]);
    expect(asLiaison.agenda.filter((a: { hidden: string | null }) => !a.hidden).every((a: { title: string }) => a.title)).toBe(true);
    expect(JSON.stringify(asLiaison.agenda)).not.toContain('拆除方案');

    // An ad hoc meeting scheduled later gets the open items too.
    const adHoc = await as(dispatcher).post('/meetings', { title: '汛期临时会议', kind: 'ad_hoc', scheduledAt: '2026-05-20T01:30:00Z', invitedAgencyIds: [agencyId] });
    expect(carried(adHoc.body.data)).toEqual(['补充测绘', '违建图斑核实']);
  });

  test('concluding twice at once schedules one next meeting', async () => {
    const created = await as(dispatcher).post('/meetings', {
      title: '季度联席会议', kind: 'regular', scheduledAt: '2026-06-15T01:30:00Z', recurrence: { freq: 'monthly', day: 15, interval: 3 }, invitedAgencyIds: [],
    });
    const id = created.body.data.id as string;
    const results = await Promise.all([as(dispatcher).post(`/meetings/${id}/conclude`), as(dispatcher).post(`/meetings/${id}/conclude`)]);
    const nextIds = results.filter((r) => r.status === 200).map((r) => r.body.meta.nextMeetingId);
    expect(new Set(nextIds).size).toBe(1);
    const series = (await as(dispatcher).get('/meetings')).body.data.filter((m: { seriesId: string }) => m.seriesId === id);
    expect(series.map((m: { scheduledAt: string }) => m.scheduledAt).sort()).toEqual(['2026-06-15T01:30:00.000Z', '2026-09-15T01:30:00.000Z']);
  });

  test('an overdue item is flagged once to its owner and the convener, however often the scan runs', async () => {
    t.clock.set('2026-07-01T02:00:00Z');
    const m = await as(dispatcher).post('/meetings', { title: '七月专题会', kind: 'ad_hoc', scheduledAt: '2026-07-02T01:30:00Z', invitedAgencyIds: [agencyId] });
    const r = await as(dispatcher).post(`/meetings/${m.body.data.id}/resolutions`, {
      text: '限期整改', actionItems: [{ title: '限期提交整改报告', owner: { kind: 'agency', agencyId }, dueAt: '2026-07-05T10:00:00Z' }],
    });
    const itemId = r.body.data.resolutions[0].actionItems[0].id as string;
    const mine = async (who: LoggedIn, kind: string) =>
      (await as(who).get('/notifications')).body.data.filter((n: { kind: string; title: string }) => n.kind === kind && n.title.includes('限期提交整改报告'));

    await runActionItemScan(t.ctx);
    expect(await mine(liaison, 'meeting.item.warning')).toHaveLength(0);
    t.clock.set('2026-07-05T00:00:00Z');
    await runActionItemScan(t.ctx);
    await runActionItemScan(t.ctx);
    expect(await mine(liaison, 'meeting.item.warning')).toHaveLength(1);

    t.clock.set('2026-07-06T00:00:00Z');
    await Promise.all([runActionItemScan(t.ctx), runActionItemScan(t.ctx)]);
    await runActionItemScan(t.ctx);
    expect(await mine(liaison, 'meeting.item.overdue')).toEqual([
      expect.objectContaining({ title: '督办事项已超期：限期提交整改报告', link: `/meetings/${m.body.data.id}` }),
    ]);
    expect(await mine(dispatcher, 'meeting.item.overdue')).toHaveLength(1);
    const listed = (await as(liaison).get(`/meetings/action-items?overdue=true&meetingId=${m.body.data.id}`)).body.data;
    expect(listed).toEqual([expect.objectContaining({ id: itemId, overdue: true, status: 'open' })]);
  });

  test('an item done in time is never flagged', async () => {
    t.clock.set('2026-08-01T02:00:00Z');
    const m = await as(dispatcher).post('/meetings', { title: '八月专题会', kind: 'ad_hoc', scheduledAt: '2026-08-02T01:30:00Z', invitedAgencyIds: [agencyId] });
    const r = await as(dispatcher).post(`/meetings/${m.body.data.id}/resolutions`, {
      text: '按期完成', actionItems: [{ title: '按期报送台账', owner: { kind: 'agency', agencyId }, dueAt: '2026-08-10T10:00:00Z' }],
    });
    const itemId = r.body.data.resolutions[0].actionItems[0].id as string;
    await as(liaison).post(`/meetings/action-items/${itemId}/transitions`, { action: 'done', evidence: ['台账'] });
    t.clock.set('2026-08-12T00:00:00Z');
    await runActionItemScan(t.ctx);
    const titles = (await as(liaison).get('/notifications')).body.data.map((n: { title: string }) => n.title);
    expect(titles.filter((x: string) => x.includes('按期报送台账'))).toEqual(['联席会议督办事项：按期报送台账']);
  });
});
