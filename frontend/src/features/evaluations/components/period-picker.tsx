import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HALF_RE, isPeriod, RANGE_RE } from '../lib/period';

type Mode = 'H1' | 'H2' | 'custom';

/** The evaluation period: first or second half of a year (1 Jan–30 Jun, 1 Jul–31 Dec) or a custom range of days. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (p: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const half = HALF_RE.exec(value);
  const range = RANGE_RE.exec(value);
  const thisYear = new Date().getFullYear();
  const year = half ? half[1]! : range ? range[1]!.slice(0, 4) : String(thisYear);
  const mode: Mode = half ? (`H${half[2]}` as Mode) : 'custom';
  const [from, setFrom] = useState(range?.[1] ?? `${year}-01-01`);
  const [to, setTo] = useState(range?.[2] ?? `${year}-06-30`);
  const years = [thisYear - 3, thisYear - 2, thisYear - 1, thisYear];
  const applyRange = (f: string, tt: string) => {
    const p = `${f}..${tt}`;
    if (isPeriod(p)) onChange(p);
  };
  const invalidRange = mode === 'custom' && !isPeriod(`${from}..${to}`);
  return (
    <div className="filter-row ev-period" role="group" aria-label={t('evaluations.period')} data-testid="period-picker">
      <div className="field">
        <label htmlFor={`${id}-m`}>{t('evaluations.periodKind')}</label>
        <select
          id={`${id}-m`}
          value={mode}
          data-testid="period-kind"
          onChange={(e) => {
            const m = e.target.value as Mode;
            if (m === 'custom') applyRange(from, to);
            else onChange(`${year}-${m}`);
          }}
        >
          <option value="H1">{t('evaluations.h1')}</option>
          <option value="H2">{t('evaluations.h2')}</option>
          <option value="custom">{t('evaluations.custom')}</option>
        </select>
      </div>
      {mode === 'custom' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-f`}>{t('evaluations.from')}</label>
            <input id={`${id}-f`} type="date" value={from} max={to} onChange={(e) => (setFrom(e.target.value), applyRange(e.target.value, to))} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-t`}>{t('evaluations.to')}</label>
            <input id={`${id}-t`} type="date" value={to} min={from} aria-invalid={invalidRange} onChange={(e) => (setTo(e.target.value), applyRange(from, e.target.value))} />
          </div>
          {invalidRange ? (
            <p className="form-error" role="alert">
              {t('evaluations.rangeInvalid')}
            </p>
          ) : null}
        </>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-y`}>{t('evaluations.year')}</label>
          <select id={`${id}-y`} value={year} data-testid="period-year" onChange={(e) => onChange(`${e.target.value}-${mode}`)}>
            {years.map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}
