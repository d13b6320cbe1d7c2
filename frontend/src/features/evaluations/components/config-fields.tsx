import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalName } from '@/lib/i18n';
import { useDefinitions } from '../api/get-definitions';
import { configProblems, type EvaluationConfig } from '../lib/config';

const POSITIONS = ['team', 'inspector', 'dispatcher'] as const;
const GRADES = ['A', 'B', 'C', 'D'] as const;

/** The composite-score settings of a draft report (权重、等级线、分母规则), folded away under their defaults. */
export function ConfigFields({ value, onChange }: { value: EvaluationConfig; onChange: (c: EvaluationConfig) => void }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const id = useId();
  const defs = useDefinitions();
  const name = (k: string) => (k === 'volumeScore' ? t('evaluations.volumeScore') : local(defs.data?.find((d) => d.key === k)?.name, k));
  const problems = configProblems(value);
  const num = (v: string) => (v === '' ? Number.NaN : Number(v));
  return (
    <details className="ev-config ev-full" data-testid="report-config">
      <summary>{t('evaluations.configTitle')}</summary>
      <div className="ev-config-grid">
        {POSITIONS.map((p) => (
          <fieldset key={p}>
            <legend>{t('evaluations.weightsOf', { position: t(`evaluations.levels.${p}`) })}</legend>
            {Object.entries(value.weights[p]).map(([k, w]) => (
              <div className="ev-points" key={k}>
                <label htmlFor={`${id}-${p}-${k}`}>{name(k)}</label>
                <input
                  id={`${id}-${p}-${k}`}
                  type="number"
                  min={0}
                  max={100}
                  value={Number.isNaN(w) ? '' : w}
                  onChange={(e) => onChange({ ...value, weights: { ...value.weights, [p]: { ...value.weights[p], [k]: num(e.target.value) } } })}
                />
              </div>
            ))}
          </fieldset>
        ))}
        <fieldset>
          <legend>{t('evaluations.gradeLines')}</legend>
          {GRADES.map((g) => (
            <div className="ev-points" key={g}>
              <label htmlFor={`${id}-g-${g}`}>{t('evaluations.gradeAtLeast', { grade: g })}</label>
              <input id={`${id}-g-${g}`} type="number" min={0} max={100} value={Number.isNaN(value.grades[g]) ? '' : value.grades[g]} onChange={(e) => onChange({ ...value, grades: { ...value.grades, [g]: num(e.target.value) } })} />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('evaluations.rules')}</legend>
          <div className="field">
            <label htmlFor={`${id}-missing`}>{t('evaluations.missingComponent')}</label>
            <select id={`${id}-missing`} value={value.rules.missingComponent} onChange={(e) => onChange({ ...value, rules: { ...value.rules, missingComponent: e.target.value as 'reweight' | 'zero' } })}>
              <option value="reweight">{t('evaluations.missingReweight')}</option>
              <option value="zero">{t('evaluations.missingZero')}</option>
            </select>
          </div>
          <label className="ev-check">
            <input type="checkbox" checked={value.rules.excludePostponed} onChange={(e) => onChange({ ...value, rules: { ...value.rules, excludePostponed: e.target.checked } })} /> {t('evaluations.excludePostponed')}
          </label>
        </fieldset>
      </div>
      {problems.length ? (
        <p className="form-error" role="alert">
          {problems.map((p) => t(`evaluations.configProblem.${p}`)).join(' ')}
        </p>
      ) : null}
    </details>
  );
}

/** One line per position: what a report's scores were computed with. */
export function ConfigSummary({ config }: { config: EvaluationConfig }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const defs = useDefinitions();
  const name = (k: string) => (k === 'volumeScore' ? t('evaluations.volumeScore') : local(defs.data?.find((d) => d.key === k)?.name, k));
  return (
    <ul className="small ev-config-summary" data-testid="report-config-summary">
      {POSITIONS.map((p) => (
        <li key={p}>
          {t(`evaluations.levels.${p}`)}: {Object.entries(config.weights[p] ?? {}).map(([k, w]) => `${name(k)} ×${w}`).join(' · ')}
        </li>
      ))}
      <li>
        {t('evaluations.gradeLines')}: {GRADES.map((g) => `${g} ≥ ${config.grades[g]}`).join(' · ')} ·{' '}
        {t(config.rules.missingComponent === 'zero' ? 'evaluations.missingZero' : 'evaluations.missingReweight')}
        {config.rules.excludePostponed ? ` · ${t('evaluations.excludePostponed')}` : ''}
      </li>
    </ul>
  );
}
