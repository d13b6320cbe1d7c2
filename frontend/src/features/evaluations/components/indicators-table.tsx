import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useDefinitions } from '../api/get-definitions';
import { useIndicators } from '../api/get-indicators';
import type { IndicatorRow, Level } from '../api/types';
import { FigureCell, type DrillHref } from './figure-cell';

export const rowName = (r: Pick<IndicatorRow, 'name' | 'code'>, local: ReturnType<typeof useLocalName>) =>
  typeof r.name === 'string' ? r.name : r.name ? local(r.name, r.code) : r.code;

/**
 * One level's figures for the period. The bureau is one column of every indicator; other levels
 * are a row per unit. Every figure links to the cases behind it (drill-down).
 */
export function IndicatorsTable({ period, level, drillHref }: { period: string; level: Level; drillHref: DrillHref }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const defs = useDefinitions();
  const q = useIndicators(period, level);
  const rows = q.data?.rows ?? [];
  const cols = (defs.data ?? []).filter((d) => rows.some((r) => d.key in r.indicators));
  const hint = (k: string) => {
    const d = cols.find((c) => c.key === k);
    return d ? `${t('evaluations.numerator')}: ${d.numerator}\n${t('evaluations.denominator')}: ${d.denominator}` : undefined;
  };
  return (
    <div data-testid="evaluation-indicators" aria-busy={q.isFetching}>
      {q.data ? <p className="small muted">{t('evaluations.asOf', { at: f.dateTime(q.data.asOf) })}</p> : null}
      {q.isPending || defs.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('evaluations.noRows')}</Empty> : null}
      {rows.length && cols.length && level === 'bureau' ? (
        <table className="table ev-bureau-table">
          <caption className="visually-hidden">{t('evaluations.levels.bureau')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluations.indicator')}</th>
              <th scope="col" className="num">
                {t('evaluations.value')} ({t('evaluations.numerator')}/{t('evaluations.denominator')})
              </th>
              <th scope="col">{t('evaluations.definition')}</th>
            </tr>
          </thead>
          <tbody>
            {cols.map((d) => (
              <tr key={d.key} data-testid="indicator-row" data-indicator={d.key}>
                <th scope="row">{local(d.name, d.key)}</th>
                <td className="num">
                  <FigureCell figure={rows[0]!.indicators[d.key]} spec={{ level, key: rows[0]!.key, indicator: d.key }} drillHref={drillHref} label={local(d.name, d.key)} unit={d.unit} />
                </td>
                <td className="small muted">{d.denominator ? `${d.numerator} ÷ ${d.denominator}` : d.numerator}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {rows.length && cols.length && level !== 'bureau' ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('evaluations.tableRegion', { level: t(`evaluations.levels.${level}`) })}>
          <table className="table ev-matrix">
            <thead>
              <tr>
                <th scope="col" className="ev-sticky">{t(`evaluations.levels.${level}`)}</th>
                {cols.map((d) => (
                  <th scope="col" key={d.key} title={hint(d.key)} className="num">
                    {local(d.name, d.key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} data-testid="indicator-row" data-key={r.key}>
                  <th scope="row" className="ev-sticky">{rowName(r, local)}</th>
                  {cols.map((d) => (
                    <td key={d.key} className="num">
                      <FigureCell figure={r.indicators[d.key]} spec={{ level, key: r.key, indicator: d.key }} drillHref={drillHref} label={`${rowName(r, local)} ${local(d.name, d.key)}`} unit={d.unit} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="hint">{t('evaluations.zeroHint')}</p>
    </div>
  );
}
