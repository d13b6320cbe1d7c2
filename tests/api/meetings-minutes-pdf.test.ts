import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { useTestApp } from '../support/app';
import { bearer, loginAs, type LoggedIn } from '../support/factories';
import { buildAgency, liaisonOf, pdfText } from '../support/joint-factories';

/** Collects a binary response body (supertest buffers only text by default). */
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('GET /api/v1/meetings/:id/minutes.pdf (会议纪要 PDF)', () => {
  const t = useTestApp();
  let dispatcher: LoggedIn;
  let liaison: LoggedIn;
  let meetingId: string;

  const pdf = (who: LoggedIn) =>
    t.http().get(`/api/v1/meetings/${meetingId}/minutes.pdf`).set('Authorization', bearer(t, who.user)).buffer(true).parse(binary as never);

  beforeAll(async () => {
    t.clock.set('2026-03-12T06:00:00Z');
    dispatcher = await loginAs(t, 'dispatcher', {}, { displayName: '王指挥' });
    const agency = await buildAgency({ zh: '市场监督管理所' });
    liaison = await liaisonOf(t, agency);
    const auth = bearer(t, dispatcher.user);
    const m = await t.http().post('/api/v1/meetings').set('Authorization', auth).send({
      title: '白沙镇三月联席会议', kind: 'ad_hoc', scheduledAt: '2026-03-10T01:30:00Z', location: '镇政府三楼会议室',
      invitedAgencyIds: [String(agency._id)], agenda: [{ kind: 'topic', title: '农贸市场周边占道经营整治' }],
    });
    meetingId = m.body.data.id;
    await t.http().put(`/api/v1/meetings/${meetingId}/attendance`).set('Authorization', auth).send({ entries: [{ agencyId: String(agency._id), name: '市场监督管理所 李所长', present: true }] });
    await t.http().put(`/api/v1/meetings/${meetingId}/minutes`).set('Authorization', auth).send({ text: '会议听取了各单位工作汇报，研究部署下一阶段联合执法工作。', baseRevision: 0 });
    await t.http().post(`/api/v1/meetings/${meetingId}/resolutions`).set('Authorization', auth).send({
      text: '开展农贸市场周边联合整治',
      actionItems: [{ title: '摊贩登记造册', owner: { kind: 'agency', agencyId: String(agency._id) }, dueAt: '2026-03-20T10:00:00Z' }],
    });
  });

  test('the minutes export as a PDF whose Chinese text can be extracted', async () => {
    const res = await pdf(liaison);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="minutes-${meetingId}.pdf"`);
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The CJK font is embedded (subset), so the document reads the same everywhere.
    expect(body.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJK/);
    const text = pdfText(body).join('\n');
    for (const expected of [
      '联席会议纪要',
      '白沙镇三月联席会议',
      '时间：2026-03-10 09:30',
      '地点：镇政府三楼会议室',
      '召集人：王指挥',
      '邀请单位：市场监督管理所',
      '市场监督管理所 李所长：出席',
      '1. 农贸市场周边占道经营整治',
      '会议听取了各单位工作汇报',
      '决议 1：开展农贸市场周边联合整治',
      '摊贩登记造册（责任单位：市场监督管理所；完成时限：2026-03-20 18:00；状态：未完成）',
      '生成时间：2026-03-12 14:00',
    ]) {
      expect(text).toContain(expected);
    }
    // Where poppler is installed, its extraction agrees.
    if (existsSync('/usr/bin/pdftotext')) {
      const popplerText = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: body }).toString('utf8');
      expect(popplerText).toContain('白沙镇三月联席会议');
      expect(popplerText).toContain('开展农贸市场周边联合整治');
    }
  });

  test('a missing CJK font is a clear 503, not a broken file', async () => {
    const configured = t.ctx.config.MINUTES_PDF_FONT;
    t.ctx.config.MINUTES_PDF_FONT = '/nonexistent/NotoSansCJK-Regular.ttc';
    try {
      const res = await t.http().get(`/api/v1/meetings/${meetingId}/minutes.pdf`).set('Authorization', bearer(t, dispatcher.user));
      expect(res.status).toBe(503);
      expect(res.body.error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('fonts-noto-cjk') });
      expect(res.body.error.message).toContain('MINUTES_PDF_FONT');
    } finally {
      t.ctx.config.MINUTES_PDF_FONT = configured;
    }
  });

  test('scope: an agency not invited gets 404, an inspector 403', async () => {
    const other = await liaisonOf(t, await buildAgency());
    expect((await t.http().get(`/api/v1/meetings/${meetingId}/minutes.pdf`).set('Authorization', bearer(t, other.user))).status).toBe(404);
    const inspector = await loginAs(t, 'inspector');
    expect((await t.http().get(`/api/v1/meetings/${meetingId}/minutes.pdf`).set('Authorization', bearer(t, inspector.user))).status).toBe(403);
    expect((await t.http().get(`/api/v1/meetings/${meetingId}/minutes.pdf`)).status).toBe(401);
  });
});
