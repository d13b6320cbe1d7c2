import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/** `YYYY-H1` / `YYYY-H2`: the half-year periods (1 Jan–30 Jun, 1 Jul–31 Dec). */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (p: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [year, half] = value.split('-') as [string, string];
  const thisYear = new Date().getFullYear();
  const years = [thisYear - 2, thisYear - 1, thisYear];
  return (
    <div className="filter-row" role="group" aria-label={t('evaluations.period')}>
      <div className="field">
        <label htmlFor={`${id}-y`}>{t('evaluations.year')}</label>
        <select id={`${id}-y`} value={year} onChange={(e) => onChange(`${e.target.value}-${half}`)}>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-h`}>{t('evaluations.half')}</label>
        <select id={`${id}-h`} value={half} onChange={(e) => onChange(`${year}-${e.target.value}`)}>
          <option value="H1">{t('evaluations.h1')}</option>
          <option value="H2">{t('evaluations.h2')}</option>
        </select>
      </div>
    </div>
  );
}
