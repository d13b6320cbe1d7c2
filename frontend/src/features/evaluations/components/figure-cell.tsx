import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { DrillSpec, Figure } from '../api/types';

export type DrillHref = (spec: DrillSpec) => string;

/**
 * One figure: its display value (a zero denominator shows "—") linked to the cases it counted, and
 * numerator / denominator each linked to their own list.
 */
export function FigureCell({ figure, spec, drillHref, label, unit }: { figure: Figure | undefined; spec: Omit<DrillSpec, 'part'>; drillHref: DrillHref; label: string; unit?: string }) {
  const { t } = useTranslation();
  if (!figure) return <span className="muted">—</span>;
  const num = { ...spec, part: 'numerator' as const };
  const den = { ...spec, part: 'denominator' as const };
  const isRate = figure.denominator !== null;
  // A mean (hours, points) sums milliseconds or points over its denominator: only the count is worth showing.
  const isMean = unit === 'hours' || unit === 'points';
  return (
    <span className="ev-figure">
      <Link
        to={drillHref(isRate && figure.value === null ? den : num)}
        className="ev-figure-value"
        data-testid="figure-link"
        data-indicator={spec.indicator}
        aria-label={t('evaluations.drillAria', { label, value: figure.display })}
      >
        {figure.display}
      </Link>
      {isRate && isMean ? (
        <span className="ev-figure-parts small">
          n ={' '}
          <Link to={drillHref(den)} aria-label={t('evaluations.denominatorAria', { label, n: figure.denominator ?? 0 })}>
            {figure.denominator ?? 0}
          </Link>
        </span>
      ) : null}
      {isRate && !isMean ? (
        <span className="ev-figure-parts small">
          <Link to={drillHref(num)} aria-label={t('evaluations.numeratorAria', { label, n: figure.numerator ?? 0 })}>
            {figure.numerator ?? 0}
          </Link>
          /
          <Link to={drillHref(den)} aria-label={t('evaluations.denominatorAria', { label, n: figure.denominator ?? 0 })}>
            {figure.denominator ?? 0}
          </Link>
        </span>
      ) : null}
    </span>
  );
}
