/**
 * The case-file review rubric (案卷评查标准) and the scoring of one file, pure.
 *
 * Veto items (否决项): any failure fails the file with score 0. Form (形式) items add up to 20
 * points, content (内容) items to 80; total ≥ excellent → 优秀, ≥ pass → 合格, else 不合格
 * (defaults 90 / 60). The rubric is configuration: each change is a new stored version, and a
 * review batch keeps the version it was scored against.
 */
export interface RubricItem {
  code: string;
  label: { zh: string; en: string };
  /** Maximum points (form and content items). */
  points?: number;
}

export interface Rubric {
  veto: RubricItem[];
  form: RubricItem[];
  content: RubricItem[];
  thresholds: { excellent: number; pass: number };
}

export type Rating = 'excellent' | 'pass' | 'fail';

const item = (code: string, zh: string, en: string, points?: number): RubricItem => ({ code, label: { zh, en }, ...(points === undefined ? {} : { points }) });

export const DEFAULT_RUBRIC: Rubric = {
  veto: [
    item('lawful_body', '执法主体合法', 'Lawful enforcement body'),
    item('qualified_officers', '执法人员具备资格', 'Qualified officers'),
    item('clear_facts', '事实清楚', 'Clear facts'),
    item('sufficient_evidence', '证据充分', 'Sufficient evidence'),
    item('correct_basis', '定性准确、适用依据正确', 'Correct characterisation and legal basis'),
    item('lawful_procedure', '程序合法（无程序倒置，如先决定后立案）', 'Lawful procedure (no step out of order)'),
    item('two_officers', '执法人员不少于两人', 'At least two officers'),
    item('referral', '依法应移送的已移送', 'Referral made where required'),
  ],
  form: [
    item('standard_documents', '文书规范', 'Standard documents', 5),
    item('complete', '卷宗完整', 'Complete file', 5),
    item('one_case_one_file', '一案一卷', 'One case, one file', 5),
    item('ordered', '按立案、调查、审核、决定、送达顺序装订', 'Ordered filing → investigation → review → decision → service', 5),
  ],
  content: [
    item('evidence_link', '证据与事实关联', 'Evidence and its link to the facts', 15),
    item('law_applied', '法律适用正确', 'Law applied', 15),
    item('discretion', '裁量合理', 'Reasonable discretion', 10),
    item('reasoned_decision', '决定说理充分', 'Reasoned decision', 10),
    item('rights_notice', '依法告知权利', 'Rights notice served', 10),
    item('legal_review', '应审核的经法制审核', 'Legal review present where required', 10),
    item('fine_separation', '罚缴分离', 'Fine collection separated', 5),
    item('execution', '执行情况记录', 'Execution recorded', 5),
  ],
  thresholds: { excellent: 90, pass: 60 },
};

/** Problems of a rubric (empty = valid): unique codes, form 20 and content 80 points. */
export function rubricProblems(r: Rubric): string[] {
  const problems: string[] = [];
  const codes = [...r.veto, ...r.form, ...r.content].map((i) => i.code);
  const dup = codes.filter((c, i) => codes.indexOf(c) !== i);
  if (dup.length) problems.push(`duplicate item codes: ${[...new Set(dup)].join(', ')}`);
  const sum = (items: RubricItem[]) => items.reduce((s, i) => s + (i.points ?? 0), 0);
  if (sum(r.form) !== 20) problems.push(`form items must add up to 20 points (got ${sum(r.form)})`);
  if (sum(r.content) !== 80) problems.push(`content items must add up to 80 points (got ${sum(r.content)})`);
  if (r.thresholds.pass > r.thresholds.excellent) problems.push('the pass threshold cannot be above the excellent threshold');
  return problems;
}

export interface ScoreInput {
  /** Per veto item: true = satisfied. */
  veto: Record<string, boolean>;
  form: Record<string, number>;
  content: Record<string, number>;
}

export interface FileScore {
  vetoFailed: string[];
  formPoints: number;
  contentPoints: number;
  total: number;
  rating: Rating;
}

/** Problems of a score sheet against the rubric: every item answered, points within 0..max. */
export function scoreProblems(r: Rubric, s: ScoreInput): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  for (const v of r.veto) if (typeof s.veto[v.code] !== 'boolean') problems.push({ path: `veto.${v.code}`, message: 'answer every veto item' });
  for (const [part, items] of [['form', r.form], ['content', r.content]] as const) {
    for (const i of items) {
      const p = s[part][i.code];
      if (typeof p !== 'number' || p < 0 || p > (i.points ?? 0)) problems.push({ path: `${part}.${i.code}`, message: `points between 0 and ${i.points ?? 0}` });
    }
  }
  const known = new Set([...r.veto, ...r.form, ...r.content].map((i) => i.code));
  for (const part of ['veto', 'form', 'content'] as const) {
    for (const code of Object.keys(s[part])) if (!known.has(code)) problems.push({ path: `${part}.${code}`, message: 'not an item of this rubric' });
  }
  return problems;
}

const round1 = (x: number) => Math.round((x + Number.EPSILON) * 10) / 10;

/** Scores one file (validate with scoreProblems first). A failed veto item → 0 points, fail. */
export function scoreFile(r: Rubric, s: ScoreInput): FileScore {
  const vetoFailed = r.veto.filter((v) => s.veto[v.code] === false).map((v) => v.code);
  const formPoints = round1(r.form.reduce((sum, i) => sum + (s.form[i.code] ?? 0), 0));
  const contentPoints = round1(r.content.reduce((sum, i) => sum + (s.content[i.code] ?? 0), 0));
  if (vetoFailed.length) return { vetoFailed, formPoints, contentPoints, total: 0, rating: 'fail' };
  const total = round1(formPoints + contentPoints);
  const rating: Rating = total >= r.thresholds.excellent ? 'excellent' : total >= r.thresholds.pass ? 'pass' : 'fail';
  return { vetoFailed, formPoints, contentPoints, total, rating };
}
