import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import sharp from 'sharp';
import { ROLES } from '../../backend/src/contracts';
import { CaseModel } from '../../backend/src/modules/cases';
import { DEFAULT_RUBRIC } from '../../backend/src/modules/evaluations/rubric.workflow';
import { canonicalJson, sha256Hex } from '../../backend/src/modules/evaluations/snapshot.workflow';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeamAndCell, insertCaseWithTimeline, type Actor, type Step } from '../support/evaluation-fixtures';

type UserDoc = Awaited<ReturnType<typeof buildUser>>;
const binary = (res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe('evaluation reports: draft → reviewed → published, immutable snapshot, exports', () => {
  const t = useTestApp();
  const api = '/api/v1/evaluations';
  let legal: UserDoc;
  let chief: UserDoc;
  let A: { teamId: string; gridId: string };
  let D: Actor;
  let openCase: string;
  let previousId: string;
  let reportId: string;
  let batchItem: string;

  const life = (day: string, end: 'verify' | 'reject' | 'open'): Step[] => {
    const s: Step[] = [['report', `${day}T00:00:00Z`, D]];
    if (end === 'reject') return [...s, ['reject', `${day}T01:00:00Z`, D]];
    s.push(['file', `${day}T01:00:00Z`, D], ['dispatch', `${day}T02:00:00Z`, D, { teamId: A.teamId }], ['accept', `${day}T03:00:00Z`, D]);
    if (end === 'open') return s;
    return [...s, ['resolve', `${day}T05:00:00Z`, D, { attachments: ['65f0000000000000000000aa'] }], ['verify', `${day}T06:00:00Z`, D]];
  };
  const as = (u: UserDoc) => bearer(t, u);

  beforeAll(async () => {
    t.clock.set('2026-08-01T00:00:00Z');
    legal = await buildUser({ role: 'legal_officer' });
    chief = await buildUser({ role: 'bureau_chief' });
    D = await buildUser({ role: 'dispatcher' });
    A = await buildTeamAndCell('一中队');
    // 2025-H2: one filed and closed, one rejected → filing 1/2. 2026-H1: two closed, one open → filing 3/3.
    await insertCaseWithTimeline({ caseNo: 'RP-P1', teamId: A.teamId, gridId: A.gridId, steps: life('2025-09-01', 'verify') });
    await insertCaseWithTimeline({ caseNo: 'RP-P2', teamId: A.teamId, gridId: A.gridId, steps: life('2025-10-01', 'reject') });
    await insertCaseWithTimeline({ caseNo: 'RP-C1', teamId: A.teamId, gridId: A.gridId, steps: life('2026-03-01', 'verify') });
    await insertCaseWithTimeline({ caseNo: 'RP-C2', teamId: A.teamId, gridId: A.gridId, steps: life('2026-04-01', 'verify') });
    openCase = (await insertCaseWithTimeline({ caseNo: 'RP-C3', teamId: A.teamId, gridId: A.gridId, steps: life('2026-05-01', 'open') })).id;
    const batch = await t.http().post(`${api}/reviews`).set('Authorization', as(legal)).send({ period: '2026-H1', sizePerTeam: 2, seed: 7 });
    batchItem = batch.body.data.items[0].id;
    const full = { veto: Object.fromEntries(DEFAULT_RUBRIC.veto.map((v) => [v.code, true])), form: Object.fromEntries(DEFAULT_RUBRIC.form.map((i) => [i.code, i.points!])), content: Object.fromEntries(DEFAULT_RUBRIC.content.map((i) => [i.code, i.points!])) };
    await t.http().post(`${api}/review-items/${batchItem}/score`).set('Authorization', as(legal)).send({ ...full, findings: [{ item: 'standard_documents', text: '文书格式不规范' }] });
  });
  afterAll(() => t.clock.reset());

  test('401 without a token; bureau readers read, the legal office writes, everyone else 403', async () => {
    expect((await t.http().get(`${api}/reports`)).status).toBe(401);
    for (const role of ROLES) {
      const res = await t.http().get(`${api}/reports`).set('Authorization', as(await buildUser({ role })));
      expect([role, res.status]).toEqual([role, ['legal_officer', 'bureau_chief', 'dispatcher'].includes(role) ? 200 : 403]);
    }
    expect((await t.http().post(`${api}/reports`).set('Authorization', as(chief)).send({ period: '2026-H1' })).status).toBe(403);
  });

  test('the previous half-year is published first; the new draft compares with its frozen figures', async () => {
    const prev = await t.http().post(`${api}/reports`).set('Authorization', as(legal)).send({ period: '2025-H2' });
    previousId = prev.body.data.id;
    await t.http().post(`${api}/reports/${previousId}/review`).set('Authorization', as(legal));
    expect((await t.http().post(`${api}/reports/${previousId}/publish`).set('Authorization', as(legal))).body.data.status).toBe('published');

    const res = await t.http().post(`${api}/reports`).set('Authorization', as(legal)).send({ period: '2026-H1', config: { weights: { team: { reworkRate: 0 } } } });
    expect(res.status).toBe(201);
    expect(res.body.data).toMatchObject({ status: 'draft', version: 1, supersedes: null, title: '综合行政执法2026年上半年评估报告', hash: null });
    expect(res.body.data.config.weights.team).toEqual({ onTimeHandlingRate: 60, closureRate: 30, reworkRate: 0 });
    reportId = res.body.data.id;
    const view = await t.http().get(`${api}/reports/${reportId}`).set('Authorization', as(legal));
    expect(view.body.data).toMatchObject({ status: 'draft', hashValid: null });
    const { content } = view.body.data;
    expect(content.previous).toMatchObject({ source: 'published', reportId: previousId, period: { key: '2025-H2' } });
    // filing rate: 3/3 = 100 % now against 1/2 = 50 % → +0.5
    expect(content.comparison.find((c: { indicator: string }) => c.indicator === 'filingRate')).toMatchObject({ current: 1, previous: 0.5, change: 0.5, currentDisplay: '100.00%', previousDisplay: '50.00%' });
    expect(content.review.summary).toMatchObject({ files: 2, scored: 1, mean: 100, excellent: 1 });
  });

  test('lifecycle: publish needs a review, an edit sends it back to draft; the published snapshot carries its sha256', async () => {
    const post = (p: string) => t.http().post(`${api}/reports/${reportId}/${p}`).set('Authorization', as(legal));
    expect((await post('publish')).body.error.code).toBe('REPORT_INVALID_STATE');
    expect((await post('review')).body.data.status).toBe('reviewed');
    const edit = await t.http().patch(`${api}/reports/${reportId}`).set('Authorization', as(legal)).send({ title: '2026年上半年综合行政执法评估报告' });
    expect(edit.body.data).toMatchObject({ status: 'draft', title: '2026年上半年综合行政执法评估报告' });
    await post('review');
    const published = await post('publish');
    expect(published.status).toBe(200);
    expect(published.body.data).toMatchObject({ status: 'published', hash: expect.stringMatching(/^[0-9a-f]{64}$/), publishedBy: String(legal._id) });
    const view = await t.http().get(`${api}/reports/${reportId}`).set('Authorization', as(legal));
    expect(view.body.data.hashValid).toBe(true);
    expect(sha256Hex(canonicalJson(view.body.data.content))).toBe(published.body.data.hash);
    expect(view.body.data.history.map((h: { action: string }) => h.action)).toEqual(['review', 'edit', 'review', 'publish']);
    // the sample's scores are frozen with the report
    expect((await t.http().post(`${api}/review-items/${batchItem}/score`).set('Authorization', as(legal)).send({})).status).toBe(400);
    const frozen = await t.http().post(`${api}/review-items/${batchItem}/score`).set('Authorization', as(legal)).send({ veto: {}, form: {}, content: {} });
    expect([frozen.status, frozen.body.error.code]).toEqual([409, 'REVIEW_FROZEN']);
  });

  test('later changes to cases never change the published report; it cannot be edited; a correction supersedes it', async () => {
    const before = await t.http().get(`${api}/reports/${reportId}`).set('Authorization', as(legal));
    // A late entry in H1 (rejected), a case re-categorised, and the open case closed now.
    await insertCaseWithTimeline({ caseNo: 'RP-LATE', teamId: A.teamId, gridId: A.gridId, steps: life('2026-06-01', 'reject') });
    await CaseModel.updateOne({ caseNo: 'RP-C1' }, { $set: { categoryCode: 'EVAL_OTHER' } });
    await CaseModel.updateOne({ _id: openCase }, { $set: { status: 'closed' } });
    const live = await t.http().get(`${api}/indicators?period=2026-H1`).set('Authorization', as(legal));
    expect(live.body.data.rows[0].indicators.filingRate).toMatchObject({ numerator: 3, denominator: 4 });

    const after = await t.http().get(`${api}/reports/${reportId}`).set('Authorization', as(legal));
    expect(after.body.data.hash).toBe(before.body.data.hash);
    expect(after.body.data.content).toEqual(before.body.data.content);
    expect(after.body.data.content.indicators.bureau[0].indicators.filingRate).toMatchObject({ numerator: 3, denominator: 3 });

    const patch = await t.http().patch(`${api}/reports/${reportId}`).set('Authorization', as(legal)).send({ title: 'x' });
    expect([patch.status, patch.body.error.code]).toEqual([409, 'REPORT_PUBLISHED']);
    expect((await t.http().post(`${api}/reports/${reportId}/review`).set('Authorization', as(legal))).status).toBe(409);

    const correction = await t.http().post(`${api}/reports/${reportId}/corrections`).set('Authorization', as(legal));
    expect(correction.status).toBe(201);
    expect(correction.body.data).toMatchObject({ status: 'draft', version: 2, supersedes: reportId, periodKey: '2026-H1' });
    expect((await t.http().post(`${api}/reports/${reportId}/corrections`).set('Authorization', as(legal))).status).toBe(409);
    const list = await t.http().get(`${api}/reports?period=2026-H1`).set('Authorization', as(legal));
    expect(list.body.data.map((r: { version: number; status: string; supersededBy: string | null }) => [r.version, r.status, r.supersededBy])).toEqual([
      [2, 'draft', null],
      [1, 'published', correction.body.data.id],
    ]);
    // the bureau chief sees published reports only
    const chiefList = await t.http().get(`${api}/reports?period=2026-H1`).set('Authorization', as(chief));
    expect(chiefList.body.data.map((r: { id: string }) => r.id)).toEqual([reportId]);
    expect((await t.http().get(`${api}/reports/${correction.body.data.id}`).set('Authorization', as(chief))).status).toBe(404);
    expect((await t.http().get(`${api}/reports/${reportId}`).set('Authorization', as(chief))).status).toBe(200);
  });

  test('CSV exports (UTF-8 BOM) of every table parse and agree with the snapshot', async () => {
    const csv = (table: string) => t.http().get(`${api}/reports/${reportId}/export.csv?table=${table}`).set('Authorization', as(chief));
    const res = await csv('indicators');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows = parse(res.text.slice(1), { columns: true }) as Record<string, string>[];
    const filing = rows.find((r) => r['层级 level'] === '全局 bureau' && r['指标 indicator'] === 'filingRate')!;
    expect(filing).toMatchObject({ '指标名称 indicatorName': '立案率', '分子 numerator': '3', '分母 denominator': '3', '显示 display': '100.00%' });
    const comparison = parse((await csv('comparison')).text.slice(1), { columns: true }) as Record<string, string>[];
    expect(comparison.find((r) => r['指标 indicator'] === 'filingRate')).toMatchObject({ '本期 current': '1', '上期 previous': '0.5', '变化 change': '0.5' });
    const scores = parse((await csv('scores')).text.slice(1), { columns: true }) as Record<string, string>[];
    expect(scores.filter((r) => r['对象 key'] === A.teamId).map((r) => r['构成项 component'])).toEqual(['onTimeHandlingRate', 'closureRate', 'reworkRate']);
    const reviews = parse((await csv('reviews')).text.slice(1), { columns: true }) as Record<string, string>[];
    expect(reviews.filter((r) => r['评定 rating'] === '优秀 excellent')).toHaveLength(1);
  });

  test('the PDF has Chinese text, the figures and the hash, and renders to non-blank pages', async () => {
    const res = await t.http().get(`${api}/reports/${reportId}/export.pdf`).set('Authorization', as(legal)).buffer(true).parse(binary as never);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansCJK/);
    const hash = (await t.http().get(`${api}/reports/${reportId}`).set('Authorization', as(legal))).body.data.hash as string;
    if (existsSync('/usr/bin/pdftotext')) {
      const text = execFileSync('/usr/bin/pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf }).toString('utf8');
      for (const expected of ['2026年上半年综合行政执法评估报告', '一、全局指标（与上期对比）', '立案率', '100.00%（3/3）', '50.00%', '二、主要比率指标图', '一中队', '六、案卷评查', '文书格式不规范', hash]) {
        expect([expected, text.includes(expected)]).toEqual([expected, true]);
      }
    }
    if (existsSync('/usr/bin/pdftoppm')) {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'ge-eval-pdf-'));
      execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '40', '-', path.join(dir, 'page')], { input: pdf });
      const pages = readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(pages.length).toBeGreaterThanOrEqual(1);
      const stats = await sharp(readFileSync(path.join(dir, pages.sort()[0]!))).stats();
      // white paper with dark text and the blue bars: the page is far from blank
      expect(stats.channels[0]!.min).toBeLessThan(80);
      expect(stats.channels[2]!.mean).toBeLessThan(254);
    }
  });
});
