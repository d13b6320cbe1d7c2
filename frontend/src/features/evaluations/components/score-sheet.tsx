import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/error-message';
import { useLocalName } from '@/lib/i18n';
import { toast } from '@/lib/toast';
import { useRubrics, useScoreItem } from '../api/reviews';
import type { ReviewItemDto, Rubric, RubricItem, ScoreSheet as Sheet } from '../api/types';
import { fullMarks, previewScore } from '../lib/rubric';

type Finding = { item: string; text: string };

/**
 * Scores one sampled file against the sample's rubric version: veto items (any failure → 0, fail),
 * form points (20) and content points (80), with the total and rating previewed as the server computes
 * them; findings become the team's rectification items.
 */
export function ScoreSheet({ item, rubricVersion, readOnly }: { item: ReviewItemDto; rubricVersion: number; readOnly: boolean }) {
  const rubrics = useRubrics();
  const rubric = rubrics.data?.find((r) => r.version === rubricVersion)?.rubric;
  if (!rubric) return <Loading />;
  return <SheetForm key={`${item.id}:${item.scoredAt ?? ''}`} item={item} rubric={rubric} readOnly={readOnly} />;
}

function SheetForm({ item, rubric, readOnly }: { item: ReviewItemDto; rubric: Rubric; readOnly: boolean }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const score = useScoreItem();
  const [sheet, setSheet] = useState<Sheet>(() => item.sheet ?? fullMarks(rubric));
  const [findings, setFindings] = useState<Finding[]>(() => item.findings.map((f) => ({ item: f.item ?? '', text: f.text })));
  const [note, setNote] = useState(item.note ?? '');
  const preview = previewScore(rubric, sheet);
  const allItems = [...rubric.veto, ...rubric.form, ...rubric.content];
  const setPoints = (part: 'form' | 'content', code: string, v: number) => setSheet((s) => ({ ...s, [part]: { ...s[part], [code]: v } }));
  const addFinding = (f: Finding) => setFindings((fs) => (fs.some((x) => x.item === f.item && x.text === f.text) ? fs : [...fs, f]));

  const pointsRows = (part: 'form' | 'content', items: RubricItem[]) =>
    items.map((i) => (
      <div className="ev-points" key={i.code}>
        <label htmlFor={`${id}-${i.code}`}>{local(i.label, i.code)}</label>
        <input
          id={`${id}-${i.code}`}
          type="number"
          inputMode="decimal"
          min={0}
          max={i.points ?? 0}
          step={0.5}
          value={sheet[part][i.code] ?? 0}
          disabled={readOnly}
          data-testid={`score-${i.code}`}
          onChange={(e) => setPoints(part, i.code, Math.min(i.points ?? 0, Math.max(0, Number(e.target.value) || 0)))}
        />
        <span className="small muted">/ {i.points ?? 0}</span>
      </div>
    ));

  return (
    <form
      className="card ev-sheet"
      aria-labelledby={`${id}-h`}
      data-testid="score-sheet"
      onSubmit={(e) => {
        e.preventDefault();
        if (readOnly) return;
        const body = { ...sheet, findings: findings.filter((f) => f.text.trim()).map((f) => ({ ...(f.item ? { item: f.item } : {}), text: f.text.trim() })), ...(note.trim() ? { note: note.trim() } : {}) };
        score.mutate({ id: item.id, body }, { onSuccess: (r) => toast('success', t('evaluations.scored', { caseNo: r.caseNo, total: r.score?.total ?? 0 })) });
      }}
    >
      <h2 id={`${id}-h`}>
        {t('evaluations.scoreSheet')} · {item.caseNo}
      </h2>
      {item.prechecks.length ? (
        <div className="ev-prechecks" role="group" aria-label={t('evaluations.prechecks')}>
          <h3>{t('evaluations.prechecks')}</h3>
          <ul>
            {item.prechecks.map((p) => (
              <li key={p.code}>
                <span className="badge ev-flag">{local(p.message, p.code)}</span>{' '}
                {!readOnly ? (
                  <button type="button" className="btn btn-small" onClick={() => addFinding({ item: p.item ?? '', text: local(p.message, p.code) })}>
                    {t('evaluations.asFinding')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="small muted">{t('evaluations.noPrechecks')}</p>
      )}
      <fieldset disabled={readOnly}>
        <legend>{t('evaluations.vetoItems')}</legend>
        {rubric.veto.map((v) => (
          <label className="ev-check" key={v.code}>
            <input type="checkbox" checked={sheet.veto[v.code] !== false} data-testid={`veto-${v.code}`} onChange={(e) => setSheet((s) => ({ ...s, veto: { ...s.veto, [v.code]: e.target.checked } }))} />{' '}
            {local(v.label, v.code)}
          </label>
        ))}
        <p className="hint">{t('evaluations.vetoHint')}</p>
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>
          {t('evaluations.formItems')} ({preview.formPoints} / 20)
        </legend>
        {pointsRows('form', rubric.form)}
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>
          {t('evaluations.contentItems')} ({preview.contentPoints} / 80)
        </legend>
        {pointsRows('content', rubric.content)}
      </fieldset>
      <fieldset disabled={readOnly}>
        <legend>{t('evaluations.findings')}</legend>
        {findings.map((f, i) => (
          <div className="ev-finding" key={i} data-testid="finding">
            <div className="field">
              <label htmlFor={`${id}-fi-${i}`}>{t('evaluations.findingItem')}</label>
              <select id={`${id}-fi-${i}`} value={f.item} onChange={(e) => setFindings((fs) => fs.map((x, j) => (j === i ? { ...x, item: e.target.value } : x)))}>
                <option value="">{t('evaluations.findingGeneral')}</option>
                {allItems.map((x) => (
                  <option key={x.code} value={x.code}>
                    {local(x.label, x.code)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field ev-grow">
              <label htmlFor={`${id}-ft-${i}`}>{t('evaluations.findingText')}</label>
              <input id={`${id}-ft-${i}`} value={f.text} maxLength={500} data-testid="finding-text" onChange={(e) => setFindings((fs) => fs.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))} />
            </div>
            <button type="button" className="btn btn-small" aria-label={t('evaluations.removeFinding', { n: i + 1 })} onClick={() => setFindings((fs) => fs.filter((_, j) => j !== i))}>
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="btn btn-small" data-testid="finding-add" onClick={() => setFindings((fs) => [...fs, { item: '', text: '' }])}>
          + {t('evaluations.addFinding')}
        </button>
        <p className="hint">{t('evaluations.findingsHint')}</p>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-note`}>{t('evaluations.reviewNote')}</label>
        <textarea id={`${id}-note`} rows={2} value={note} maxLength={2000} disabled={readOnly} onChange={(e) => setNote(e.target.value)} />
      </div>
      <p className="ev-total" role="status" aria-live="polite" data-testid="score-preview" data-rating={preview.rating}>
        {t('evaluations.total')}: <strong>{preview.total}</strong> ·{' '}
        <span className={`badge rating-${preview.rating}`}>{t(`evaluations.rating.${preview.rating}`)}</span>
        {preview.vetoFailed.length ? <span className="small"> · {t('evaluations.vetoFailed', { n: preview.vetoFailed.length })}</span> : null}
      </p>
      {score.error ? (
        <p className="form-error" role="alert">
          {errorMessage(score.error, t)}
        </p>
      ) : null}
      {!readOnly ? (
        <button type="submit" className="btn btn-primary" disabled={score.isPending} data-testid="score-submit">
          {item.status === 'scored' ? t('evaluations.rescore') : t('evaluations.saveScore')}
        </button>
      ) : null}
    </form>
  );
}
