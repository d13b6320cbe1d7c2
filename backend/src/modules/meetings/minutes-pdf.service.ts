import { existsSync, readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import type { Config } from '../../config';
import { serviceUnavailable } from '../../core/errors';
import type { ActionItemDto, MeetingDto } from './meetings.presenter';

/** The CJK font file, read once per path (Noto Sans CJK is ~20 MB; pdfkit embeds only the glyphs used). */
const fonts = new Map<string, Buffer>();

function cjkFont(config: Config): Buffer {
  const file = config.MINUTES_PDF_FONT;
  const cached = fonts.get(file);
  if (cached) return cached;
  if (!existsSync(file)) {
    throw serviceUnavailable(
      `Minutes PDF export needs a CJK font: ${file} is missing (install the Debian package fonts-noto-cjk or set MINUTES_PDF_FONT)`,
    );
  }
  const buf = readFileSync(file);
  fonts.set(file, buf);
  return buf;
}

const SHANGHAI_MS = 8 * 3_600_000;
/** `2026-03-10 09:30` in Asia/Shanghai, how the minutes state times. */
const local = (iso: string) => new Date(new Date(iso).getTime() + SHANGHAI_MS).toISOString().slice(0, 16).replace('T', ' ');

const STATUS_ZH: Record<string, string> = { open: '未完成', done: '已完成', cancelled: '已撤销' };
/** Agenda items withheld from the reader (the API's `hidden` code), as the minutes word them. */
const HIDDEN_ZH: Record<string, string> = { action_item: '遗留事项（无权查看）', case: '案件议题（无权查看）', joint_case: '联合办案议题（无权查看）' };
const owner = (i: ActionItemDto) =>
  i.owner.kind === 'agency' ? i.owner.agency?.name.zh ?? '' : i.owner.kind === 'team' ? i.owner.team?.name.zh ?? '' : '综合行政执法局';
const itemLine = (i: ActionItemDto) =>
  `${i.title}（责任单位：${owner(i)}；完成时限：${local(i.dueAt)}；状态：${STATUS_ZH[i.status] ?? i.status}${i.overdue ? '，已超期' : ''}）`;

/**
 * Renders the minutes (会议纪要) of a liaison meeting as a PDF with Chinese text. The whole document
 * is built in memory first, so a failure is an error response, never a truncated download.
 */
export async function renderMinutesPdf(config: Config, m: MeetingDto, generatedAt: Date): Promise<Buffer> {
  const font = cjkFont(config);
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `联席会议纪要 ${m.title}`, Author: m.convener.displayName } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  try {
    doc.registerFont('cjk', font, config.MINUTES_PDF_FONT.toLowerCase().endsWith('.ttc') ? config.MINUTES_PDF_FONT_FAMILY : undefined);
    doc.font('cjk');
  } catch (err) {
    throw serviceUnavailable(`Minutes PDF font ${config.MINUTES_PDF_FONT} could not be used (${(err as Error).message}); check MINUTES_PDF_FONT_FAMILY`);
  }
  const heading = (text: string) => doc.moveDown(0.8).fontSize(13).text(text).moveDown(0.3).fontSize(10.5);

  doc.fontSize(18).text('联席会议纪要', { align: 'center' }).moveDown(0.3);
  doc.fontSize(14).text(m.title, { align: 'center' }).moveDown(0.8).fontSize(10.5);
  doc.text(`会议类型：${m.kind === 'regular' ? '例会' : '临时会议'}（第 ${m.occurrence} 次）`);
  doc.text(`时间：${local(m.scheduledAt)}`);
  doc.text(`地点：${m.location || '—'}`);
  doc.text(`召集人：${m.convener.displayName}`);
  doc.text(`邀请单位：${m.invitedAgencies.map((a) => a.name.zh).join('、') || '—'}`);

  heading('出席情况');
  if (m.attendance.length === 0) doc.text('—');
  for (const a of m.attendance) doc.text(`${a.name}：${a.present ? '出席' : '缺席'}${a.note ? `（${a.note}）` : ''}`);

  heading('议程');
  m.agenda.forEach((a, n) => {
    const carried = a.carriedOver?.item ? `【遗留事项：${STATUS_ZH[a.carriedOver.item.status] ?? ''}】` : a.carriedOver ? '【遗留事项】' : '';
    doc.text(`${n + 1}. ${a.hidden ? HIDDEN_ZH[a.hidden] : `${carried}${a.title}`}`);
  });
  if (m.agenda.length === 0) doc.text('—');

  heading('会议纪要');
  doc.text(m.minutes?.text ?? '（暂无）', { lineGap: 2 });

  heading('决议及督办事项');
  m.resolutions.forEach((r, n) => {
    doc.text(`决议 ${n + 1}：${r.text}`);
    for (const i of r.actionItems) doc.text(`    · ${itemLine(i)}`);
  });
  if (m.resolutions.length === 0) doc.text('—');

  doc.moveDown(1.5).fontSize(8.5).fillColor('#666666').text(`生成时间：${local(generatedAt.toISOString())}`, { align: 'right' });
  doc.end();
  return done;
}
