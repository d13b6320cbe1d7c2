import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../config';
import { serviceUnavailable } from '../../core/errors';
import { indicatorDef } from './indicator-defs';
import type { ReportContent } from './report-content.service';

/**
 * The report as a PDF with Chinese text (Noto Sans CJK through the shared MINUTES_PDF_FONT keys),
 * tables and two bar charts: the bureau's rates against the previous half-year, and the teams'
 * composite scores. Built in memory first, so a failure is an error response, never half a file.
 */
const fonts = new Map<string, Buffer>();
function cjkFont(config: Config): Buffer {
  const file = config.MINUTES_PDF_FONT;
  const cached = fonts.get(file);
  if (cached) return cached;
  if (!existsSync(file)) throw serviceUnavailable(`Report PDF export needs a CJK font: ${file} is missing (install fonts-noto-cjk or set MINUTES_PDF_FONT)`);
  const buf = readFileSync(file);
  fonts.set(file, buf);
  return buf;
}

type Doc = InstanceType<typeof PDFDocument>;
const STATUS_ZH: Record<string, string> = { draft: '草稿', reviewed: '已审核', published: '已发布' };
const RATING_ZH: Record<string, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };
const LEFT = 48;
const WIDTH = 499;
const BOTTOM = 790;

function ensure(doc: Doc, height: number) {
  if (doc.y + height > BOTTOM) doc.addPage();
}

function heading(doc: Doc, text: string) {
  ensure(doc, 60);
  doc.moveDown(0.8).fontSize(13).fillColor('#000').text(text, LEFT).moveDown(0.3).fontSize(9.5);
}

/** A simple table: header row shaded, columns at fixed widths. */
function table(doc: Doc, widths: number[], head: string[], rows: string[][]) {
  const line = (cells: string[], shade: boolean) => {
    ensure(doc, 18);
    const y = doc.y;
    if (shade) doc.rect(LEFT, y - 2, WIDTH, 16).fill('#e8eef7').fillColor('#000');
    let x = LEFT;
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y, { width: widths[i]! - 6, lineBreak: false, ellipsis: true });
      x += widths[i]!;
    });
    doc.y = y + 16;
  };
  line(head, true);
  for (const r of rows) line(r, false);
  doc.x = LEFT;
}

/** Horizontal bars, one or two series (current, previous), scaled to `max`. */
function bars(doc: Doc, items: { label: string; values: (number | null)[]; texts: string[] }[], max: number, series: string[]) {
  const colours = ['#2f5d9e', '#b0b7c3'];
  const labelW = 150;
  const barW = WIDTH - labelW - 70;
  const rowH = 10 * series.length + 8;
  ensure(doc, 20 + rowH * Math.min(items.length, 4));
  let y = doc.y;
  series.forEach((s, i) => {
    doc.rect(LEFT + labelW + i * 90, y, 10, 8).fill(colours[i]!).fillColor('#000');
    doc.text(s, LEFT + labelW + i * 90 + 14, y - 1, { lineBreak: false });
  });
  y += 16;
  for (const it of items) {
    if (y + rowH > BOTTOM) {
      doc.addPage();
      y = doc.y;
    }
    doc.fillColor('#000').text(it.label, LEFT, y + 2, { width: labelW - 6, lineBreak: false, ellipsis: true });
    it.values.forEach((v, i) => {
      const by = y + i * 10;
      const w = v === null || max === 0 ? 0 : Math.max(1, (Math.min(v, max) / max) * barW);
      if (w > 0) doc.rect(LEFT + labelW, by, w, 8).fill(colours[i]!);
      doc.fillColor('#000').text(it.texts[i] ?? '', LEFT + labelW + w + 4, by - 1, { lineBreak: false });
    });
    y += rowH;
  }
  doc.y = y + 4;
  doc.x = LEFT;
}

export async function renderReportPdf(config: Config, c: ReportContent, meta: { status: string; hash: string | null; generatedAt: Date }): Promise<Buffer> {
  const font = cjkFont(config);
  const doc = new PDFDocument({ size: 'A4', margin: LEFT, info: { Title: c.report.title, Subject: c.period.label.zh } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', font, config.MINUTES_PDF_FONT.toLowerCase().endsWith('.ttc') ? config.MINUTES_PDF_FONT_FAMILY : undefined);
    doc.font('cjk');
  } catch (err) {
    throw serviceUnavailable(`Report PDF font ${config.MINUTES_PDF_FONT} could not be used (${(err as Error).message})`);
  }
  doc.fontSize(17).text(c.report.title, { align: 'center' }).moveDown(0.3);
  doc.fontSize(10).text(`评估期间：${c.period.label.zh}（${c.period.firstDay} 至 ${c.period.lastDay}，北京时间）　版本：第 ${c.report.version} 版　状态：${STATUS_ZH[meta.status] ?? meta.status}`, { align: 'center' });
  doc.text(`统计截至：${c.asOf}　对比期间：${c.previous.period.label.zh}　导出时间：${meta.generatedAt.toISOString()}`, { align: 'center' });
  if (meta.hash) doc.fontSize(8).text(`快照 SHA-256：${meta.hash}`, { align: 'center' });

  const bureau = c.indicators.bureau?.[0];
  heading(doc, '一、全局指标（与上期对比）');
  table(
    doc,
    [170, 110, 110, 109],
    ['指标', '本期（分子/分母）', '上期', '变化'],
    c.comparison.map((x) => {
      const f = bureau?.indicators[x.indicator];
      const parts = f && f.denominator !== null ? `${x.currentDisplay}（${f.numerator}/${f.denominator}）` : x.currentDisplay;
      const unit = indicatorDef(x.indicator)?.unit;
      const change = x.change === null ? '—' : unit === 'rate' ? `${x.change > 0 ? '+' : ''}${(x.change * 100).toFixed(2)} 个百分点` : `${x.change > 0 ? '+' : ''}${x.change}`;
      return [x.name.zh, parts, x.previousDisplay, change];
    }),
  );

  heading(doc, '二、主要比率指标图（本期 / 上期）');
  const rates = c.comparison.filter((x) => indicatorDef(x.indicator)?.unit === 'rate' && (x.current !== null || x.previous !== null));
  bars(doc, rates.map((x) => ({ label: x.name.zh, values: [x.current, x.previous], texts: [x.currentDisplay, x.previousDisplay] })), 1, [c.period.label.zh, c.previous.period.label.zh]);

  heading(doc, '三、中队综合评分（部门评价）');
  const teams = c.scores.team ?? [];
  table(doc, [200, 100, 100, 99], ['中队', '综合得分', '等级', '按时处置率'], teams.map((s) => [s.name?.zh ?? s.key, s.score === null ? '—' : s.score.toFixed(2), s.grade ?? '—', c.indicators.team?.find((r) => r.key === s.key)?.indicators.onTimeHandlingRate?.display ?? '—']));
  bars(doc, teams.map((s) => ({ label: s.name?.zh ?? s.key, values: [s.score], texts: [s.score === null ? '—' : `${s.score.toFixed(2)} (${s.grade})`] })), 100, ['综合得分']);

  for (const [position, title] of [['inspector', '四、网格员（监督员）评分'], ['dispatcher', '五、派遣员评分']] as const) {
    heading(doc, title);
    table(doc, [250, 125, 124], ['姓名', '综合得分', '等级'], (c.scores[position] ?? []).map((s) => [s.name?.zh ?? s.key, s.score === null ? '—' : s.score.toFixed(2), s.grade ?? '—']));
  }

  heading(doc, '六、案卷评查');
  const review = c.review as { seed: number; summary: Record<string, number | null>; files: Record<string, any>[] } | null;
  if (!review) doc.text('本期未抽取评查案卷。');
  else {
    const s = review.summary;
    doc.text(`抽查种子：${review.seed}　抽查 ${s.files} 卷，已评 ${s.scored} 卷，平均分 ${s.mean ?? '—'}；优秀 ${s.excellent}，合格 ${s.pass}，不合格 ${s.fail}。`).moveDown(0.3);
    table(doc, [130, 110, 60, 70, 129], ['案件编号', '中队', '得分', '评定', '系统预检'], review.files.map((f) => [f.caseNo, f.team, f.total === null ? '—' : String(f.total), f.rating ? RATING_ZH[f.rating] ?? f.rating : '待评', (f.prechecks ?? []).join(' ') || '—']));
  }
  heading(doc, '七、整改事项');
  if (!c.rectifications.length) doc.text('无。');
  else table(doc, [120, 279, 100], ['案件编号', '问题', '状态'], c.rectifications.map((r) => [r.caseNo, r.text, { open: '待整改', done: '已整改待确认', confirmed: '已确认' }[r.status] ?? r.status]));
  for (const n of c.notes) doc.moveDown(0.3).fontSize(8).text(`注：${n}`, LEFT);
  doc.end();
  return done;
}
