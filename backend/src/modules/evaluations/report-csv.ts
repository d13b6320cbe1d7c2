import { stringify } from 'csv-stringify/sync';
import { indicatorDef } from './indicator-defs';
import type { ReportContent } from './report-content.service';

/**
 * The report's tables as CSV (UTF-8 with a BOM so Excel shows Chinese text), one table per file:
 * indicators (every level, key and indicator, with numerator and denominator), scores (one line per
 * component), reviews (one line per sampled file) and comparison (with the previous half-year).
 * Headers are bilingual: `中文 key`.
 */
export type CsvTable = 'indicators' | 'scores' | 'reviews' | 'comparison';

const LEVEL_ZH: Record<string, string> = { bureau: '全局', team: '中队', grid: '网格', domain: '领域', category: '事项', agency: '派驻机构', inspector: '网格员', dispatcher: '派遣员' };
const POSITION_ZH: Record<string, string> = { team: '中队', inspector: '网格员', dispatcher: '派遣员' };
const RATING_ZH: Record<string, string> = { excellent: '优秀', pass: '合格', fail: '不合格' };

const header = (cols: [string, string][]) => cols.map(([key, zh]) => ({ key, header: `${zh} ${key}` }));
const num = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function reportCsv(content: ReportContent, table: CsvTable): string {
  let columns: [string, string][];
  let rows: Record<string, string>[];
  switch (table) {
    case 'indicators':
      columns = [['level', '层级'], ['key', '对象'], ['code', '编码'], ['name', '名称'], ['indicator', '指标'], ['indicatorName', '指标名称'], ['numerator', '分子'], ['denominator', '分母'], ['value', '值'], ['display', '显示']];
      rows = Object.entries(content.indicators).flatMap(([level, list]) =>
        list.flatMap((row) =>
          Object.entries(row.indicators).map(([ind, f]) => ({
            level: `${LEVEL_ZH[level] ?? level} ${level}`,
            key: row.key,
            code: row.code ?? '',
            name: row.name?.zh ?? '',
            indicator: ind,
            indicatorName: indicatorDef(ind)?.name.zh ?? ind,
            numerator: num(f.numerator),
            denominator: num(f.denominator),
            value: num(f.value),
            display: f.display,
          })),
        ),
      );
      break;
    case 'scores':
      columns = [['position', '岗位'], ['key', '对象'], ['code', '编码'], ['name', '名称'], ['score', '综合得分'], ['grade', '等级'], ['component', '构成项'], ['weight', '权重'], ['rate', '比率'], ['points', '得分']];
      rows = Object.entries(content.scores).flatMap(([position, list]) =>
        list.flatMap((s) =>
          s.components.map((c) => ({
            position: `${POSITION_ZH[position] ?? position} ${position}`,
            key: s.key,
            code: s.code ?? '',
            name: s.name?.zh ?? '',
            score: s.score === null ? '—' : String(s.score),
            grade: s.grade ?? '—',
            component: c.key,
            weight: String(c.weight),
            rate: num(c.rate),
            points: num(c.points),
          })),
        ),
      );
      break;
    case 'reviews':
      columns = [['caseNo', '案件编号'], ['team', '中队'], ['status', '状态'], ['total', '得分'], ['rating', '评定'], ['vetoFailed', '否决项'], ['prechecks', '系统预检'], ['findings', '问题']];
      rows = ((content.review?.files ?? []) as Record<string, any>[]).map((f) => ({
        caseNo: f.caseNo,
        team: f.team,
        status: f.status,
        total: num(f.total),
        rating: f.rating ? `${RATING_ZH[f.rating]} ${f.rating}` : '',
        vetoFailed: (f.vetoFailed ?? []).join(' '),
        prechecks: (f.prechecks ?? []).join(' '),
        findings: (f.findings ?? []).map((x: { text: string }) => x.text).join('；'),
      }));
      break;
    case 'comparison':
      columns = [['indicator', '指标'], ['name', '指标名称'], ['current', '本期'], ['previous', '上期'], ['change', '变化'], ['currentDisplay', '本期显示'], ['previousDisplay', '上期显示']];
      rows = content.comparison.map((c) => ({
        indicator: c.indicator,
        name: c.name.zh,
        current: num(c.current),
        previous: num(c.previous),
        change: num(c.change),
        currentDisplay: c.currentDisplay,
        previousDisplay: c.previousDisplay,
      }));
      break;
  }
  return `\uFEFF${stringify(rows, { header: true, columns: header(columns) })}`;
}
