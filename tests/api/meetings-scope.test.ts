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
  });
});
