import type { Rating, Rubric, ScoreSheet } from '../api/types';

const round1 = (x: number) => Math.round((x + Number.EPSILON) * 10) / 10;

/** The same arithmetic as the server's scoreFile (rubric.workflow.ts), for the live preview while scoring. */
export function previewScore(r: Rubric, s: ScoreSheet): { vetoFailed: string[]; formPoints: number; contentPoints: number; total: number; rating: Rating } {
  const vetoFailed = r.veto.filter((v) => s.veto[v.code] === false).map((v) => v.code);
  const formPoints = round1(r.form.reduce((sum, i) => sum + (s.form[i.code] ?? 0), 0));
  const contentPoints = round1(r.content.reduce((sum, i) => sum + (s.content[i.code] ?? 0), 0));
  if (vetoFailed.length) return { vetoFailed, formPoints, contentPoints, total: 0, rating: 'fail' };
  const total = round1(formPoints + contentPoints);
  return { vetoFailed, formPoints, contentPoints, total, rating: total >= r.thresholds.excellent ? 'excellent' : total >= r.thresholds.pass ? 'pass' : 'fail' };
}

/** A sheet with every veto item satisfied and full points, the starting point of a review. */
export function fullMarks(r: Rubric): ScoreSheet {
  return {
    veto: Object.fromEntries(r.veto.map((v) => [v.code, true])),
    form: Object.fromEntries(r.form.map((i) => [i.code, i.points ?? 0])),
    content: Object.fromEntries(r.content.map((i) => [i.code, i.points ?? 0])),
  };
}
