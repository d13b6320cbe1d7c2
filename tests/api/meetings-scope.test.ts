import type { Types } from 'mongoose';
import { useTestApp } from '../support/app';
import { bearer, loginAs, type LoggedIn } from '../support/factories';
import { buildAgency, buildCase, liaisonOf } from '../support/joint-factories';

// An invited liaison sees the meeting, but not what lies outside their agency's scope on its agenda.
describe('GET /api/v1/meetings/:id hides out-of-scope agenda content', () => {
  const t = useTestApp();
  let dispatcher: LoggedIn;
  let police: { _id: Types.ObjectId };
  let market: { _id: Types.ObjectId };
  let policeLiaison: LoggedIn;
  const as = (who: LoggedIn) => ({
    get: (url: string) => t.http().get(`/api/v1${url}`).set('Authorization', bearer(t, who.user)),
    post: (url: string, body: object) => t.http().post(`/api/v1${url}`).set('Authorization', bearer(t, who.user)).send(body),
  });

  beforeAll(async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    dispatcher = await loginAs(t, 'dispatcher');
    police = await buildAgency({ zh: '公安派出所' });
    market = await buildAgency({ zh: '市场监管所' });
    policeLiaison = await liaisonOf(t, police as never);
  });

  test('a carried-over item of another agency and an unshared case show as placeholders; the bureau sees them', async () => {
    const first = await as(dispatcher).post('/meetings', {
      title: '二月联席会议', kind: 'ad_hoc', scheduledAt: '2026-03-03T01:30:00Z', location: '会议室', invitedAgencyIds: [String(market._id)], agenda: [],
    });
    expect(first.status).toBe(201);
    const resolved = await as(dispatcher).post(`/meetings/${first.body.data.id}/resolutions`, {
      text: '市场监管所牵头整治无证经营',
      actionItems: [{ title: '无证商户清单（市场监管内部）', owner: { kind: 'agency', agencyId: String(market._id) }, dueAt: '2026-03-20T10:00:00Z' }],
    });
    expect(resolved.status).toBe(201);
    const secret = await buildCase(t, { description: '某商户涉嫌无证经营（未共享给公安）' });
    const second = await as(dispatcher).post('/meetings', {
      title: '三月联席会议', kind: 'ad_hoc', scheduledAt: '2026-03-10T01:30:00Z', location: '会议室', invitedAgencyIds: [String(police._id)],
      agenda: [{ kind: 'case', caseId: String(secret._id) }],
    });
    expect(second.status).toBe(201);
    const id = second.body.data.id;

    const bureau = (await as(dispatcher).get(`/meetings/${id}`)).body.data;
    expect(JSON.stringify(bureau.agenda)).toContain('无证商户清单');
    expect(JSON.stringify(bureau.agenda)).toContain(secret.caseNo);

    const res = await as(policeLiaison).get(`/meetings/${id}`);
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.body.data.agenda);
    expect(text).not.toContain('无证商户清单');
    expect(text).not.toContain(secret.caseNo);
    expect(text).not.toContain('未共享给公安');
    expect(res.body.data.agenda).toHaveLength(bureau.agenda.length);
    // Withheld entries carry a reason code (the web app words it), never a hard-coded sentence.
    const hidden = res.body.data.agenda.filter((a: { hidden: string | null }) => a.hidden);
    expect(hidden.map((a: { kind: string; hidden: string }) => [a.kind, a.hidden]).sort()).toEqual([['carry_over', 'action_item'], ['case', 'case']]);
    for (const a of hidden) expect(a).toMatchObject({ title: '', case: null, jointCaseId: null, jointCase: null });
    expect(text).not.toContain('无权查看');
    expect(bureau.agenda.every((a: { hidden: string | null }) => a.hidden === null)).toBe(true);
  });

  test('a joint case on the agenda: linked with its title and case numbers for those in it, a reason code for others', async () => {
    const linked = await buildCase(t, { description: '沿江非法采砂（联合查处）' });
    const opened = await as(dispatcher).post('/joint-cases', {
      title: '沿江非法采砂联合查处', reason: 'major', caseIds: [String(linked._id)], lead: { kind: 'bureau' }, agencyIds: [String(market._id)],
    });
    expect(opened.status).toBe(201);
    const jointId = opened.body.data.id as string;
    const marketLiaison = await liaisonOf(t, market as never);
    const created = await as(dispatcher).post('/meetings', {
      title: '四月联席会议', kind: 'ad_hoc', scheduledAt: '2026-04-07T01:30:00Z', invitedAgencyIds: [String(police._id), String(market._id)],
      agenda: [{ kind: 'joint_case', jointCaseId: jointId }, { kind: 'case', caseId: String(linked._id), title: '采砂案件通报' }],
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id;
    const entry = (who: LoggedIn) => as(who).get(`/meetings/${id}`).then((r) => r.body.data.agenda.find((a: { kind: string }) => a.kind === 'joint_case'));

    const seen = { jointCaseId: jointId, title: '沿江非法采砂联合查处', hidden: null, jointCase: { id: jointId, title: '沿江非法采砂联合查处', status: 'open', caseNos: [linked.caseNo] } };
    expect(await entry(dispatcher)).toMatchObject(seen);
    expect(await entry(marketLiaison)).toMatchObject(seen);
    expect(await entry(policeLiaison)).toMatchObject({ kind: 'joint_case', title: '', jointCaseId: null, jointCase: null, hidden: 'joint_case' });
    expect(JSON.stringify((await as(policeLiaison).get(`/meetings/${id}`)).body.data.agenda)).not.toContain('采砂');
  });
});
