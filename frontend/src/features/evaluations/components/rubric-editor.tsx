import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useCreateRubric, useRubrics } from '../api/reviews';
import type { Rubric, RubricItem } from '../api/types';

type Section = 'veto' | 'form' | 'content';
const SECTIONS: Section[] = ['veto', 'form', 'content'];
const CODE = /^[a-z][a-z0-9_]{1,40}$/;
const TOTALS: Record<Section, number | null> = { veto: null, form: 20, content: 80 };

/** Problems of an edited rubric, as the server checks them (codes, labels, 20 form and 80 content points, thresholds). */
export function rubricProblems(r: Rubric): string[] {
  const out: string[] = [];
  const items = [...r.veto, ...r.form, ...r.content];
  const codes = items.map((i) => i.code);
  if (codes.some((c) => !CODE.test(c))) out.push('code');
  if (codes.some((c, i) => codes.indexOf(c) !== i)) out.push('duplicate');
  if (items.some((i) => !i.label.zh.trim() || !i.label.en.trim())) out.push('label');
  if (SECTIONS.some((s) => !r[s].length)) out.push('empty');
  const sum = (xs: RubricItem[]) => xs.reduce((s, i) => s + (i.points ?? 0), 0);
  if (sum(r.form) !== 20 || sum(r.content) !== 80) out.push('points');
  if (r.thresholds.pass > r.thresholds.excellent) out.push('thresholds');
  return out;
}

/** The case-file review rubric (评查标准): the version in force, and a new version edited from it. */
export function RubricEditor({ canWrite }: { canWrite: boolean }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const q = useRubrics();
  const latest = q.data?.[0];
  const [draft, setDraft] = useState<Rubric | null>(null);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!latest) return null;
  return (
    <details className="card ev-rubric" data-testid="rubric">
      <summary>
        <h2>{t('evaluations.rubricTitle', { version: latest.version })}</h2>{' '}
        <span className="small muted">{t('evaluations.rubricMeta', { at: f.dateTime(latest.createdAt), versions: q.data.length })}</span>
      </summary>
      {draft ? (
        <RubricForm initial={draft} onDone={() => setDraft(null)} />
      ) : (
        <>
          {SECTIONS.map((s) => (
            <div key={s}>
              <h3>{t(`evaluations.rubricSection.${s}`)}</h3>
              <ul className="ev-rubric-list">
                {latest.rubric[s].map((i) => (
                  <li key={i.code}>
                    {local(i.label, i.code)}
                    {i.points !== undefined ? <span className="muted"> · {t('evaluations.points', { n: i.points })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <p className="small">{t('evaluations.rubricThresholds', latest.rubric.thresholds)}</p>
          {canWrite ? (
            <button type="button" className="btn" data-testid="rubric-edit" onClick={() => setDraft(structuredClone(latest.rubric))}>
              {t('evaluations.rubricEdit')}
            </button>
          ) : null}
        </>
      )}
    </details>
  );
}

function RubricForm({ initial, onDone }: { initial: Rubric; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const save = useCreateRubric();
  const [r, setR] = useState<Rubric>(initial);
  const problems = rubricProblems(r);
  const setItem = (s: Section, i: number, patch: Partial<RubricItem> & { zh?: string; en?: string }) =>
    setR((x) => ({
      ...x,
      [s]: x[s].map((it, j) => (j === i ? { ...it, ...(patch.code !== undefined ? { code: patch.code } : {}), ...(patch.points !== undefined ? { points: patch.points } : {}), label: { zh: patch.zh ?? it.label.zh, en: patch.en ?? it.label.en } } : it)),
    }));
  const sum = (s: Section) => r[s].reduce((acc, i) => acc + (i.points ?? 0), 0);
  return (
    <form
      className="ev-rubric-form"
      aria-label={t('evaluations.rubricEdit')}
      onSubmit={(e) => {
        e.preventDefault();
        if (problems.length) return;
        save.mutate(r, { onSuccess: (v) => (toast('success', t('evaluations.rubricSaved', { version: v.version })), onDone()) });
      }}
    >
      {SECTIONS.map((s) => (
        <fieldset key={s}>
          <legend>
            {t(`evaluations.rubricPart.${s}`)}
            {TOTALS[s] !== null ? ` (${sum(s)} / ${TOTALS[s]})` : ''}
          </legend>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('evaluations.rubricCode')}</th>
                <th scope="col">{t('evaluations.rubricLabelZh')}</th>
                <th scope="col">{t('evaluations.rubricLabelEn')}</th>
                {TOTALS[s] !== null ? <th scope="col">{t('evaluations.rubricPoints')}</th> : null}
                <th scope="col">
                  <span className="visually-hidden">{t('actions.title')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r[s].map((it, i) => (
                <tr key={i}>
                  <td>
                    <input aria-label={`${t('evaluations.rubricCode')} ${i + 1}`} value={it.code} maxLength={41} aria-invalid={!CODE.test(it.code)} onChange={(e) => setItem(s, i, { code: e.target.value.trim() })} />
                  </td>
                  <td>
                    <input aria-label={`${t('evaluations.rubricLabelZh')} ${i + 1}`} value={it.label.zh} maxLength={200} onChange={(e) => setItem(s, i, { zh: e.target.value })} />
                  </td>
                  <td>
                    <input aria-label={`${t('evaluations.rubricLabelEn')} ${i + 1}`} value={it.label.en} maxLength={200} onChange={(e) => setItem(s, i, { en: e.target.value })} />
                  </td>
                  {TOTALS[s] !== null ? (
                    <td>
                      <input
                        aria-label={`${t('evaluations.rubricPoints')} ${i + 1}`}
                        type="number"
                        min={0}
                        max={TOTALS[s]!}
                        value={it.points ?? 0}
                        className="ev-narrow"
                        onChange={(e) => setItem(s, i, { points: Math.max(0, Number(e.target.value) || 0) })}
                      />
                    </td>
                  ) : null}
                  <td>
                    <button type="button" className="btn btn-small" aria-label={t('evaluations.rubricRemove', { n: i + 1 })} onClick={() => setR((x) => ({ ...x, [s]: x[s].filter((_, j) => j !== i) }))}>
                      ✕
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => setR((x) => ({ ...x, [s]: [...x[s], { code: '', label: { zh: '', en: '' }, ...(TOTALS[s] !== null ? { points: 0 } : {}) }] }))}
          >
            + {t('evaluations.rubricAdd')}
          </button>
        </fieldset>
      ))}
      <div className="filter-row">
        <div className="field">
          <label htmlFor={`${id}-ex`}>{t('evaluations.rubricExcellent')}</label>
          <input id={`${id}-ex`} type="number" min={0} max={100} value={r.thresholds.excellent} onChange={(e) => setR((x) => ({ ...x, thresholds: { ...x.thresholds, excellent: Number(e.target.value) || 0 } }))} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-pass`}>{t('evaluations.rubricPass')}</label>
          <input id={`${id}-pass`} type="number" min={0} max={100} value={r.thresholds.pass} onChange={(e) => setR((x) => ({ ...x, thresholds: { ...x.thresholds, pass: Number(e.target.value) || 0 } }))} />
        </div>
      </div>
      {problems.length ? (
        <ul className="form-error" role="alert">
          {problems.map((p) => (
            <li key={p}>{t(`evaluations.rubricProblem.${p}`)}</li>
          ))}
        </ul>
      ) : null}
      {save.error ? (
        <p className="form-error" role="alert">
          {errorMessage(save.error, t)}
        </p>
      ) : null}
      <p className="hint">{t('evaluations.rubricHint')}</p>
      <div className="action-buttons">
        <button type="submit" className="btn btn-primary" disabled={save.isPending || problems.length > 0} data-testid="rubric-save">
          {t('evaluations.rubricSave')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('evaluations.cancel')}
        </button>
      </div>
    </form>
  );
}
