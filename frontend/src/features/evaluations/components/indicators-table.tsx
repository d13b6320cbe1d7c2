import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useDefinitions } from '../api/get-definitions';
import { useIndicators } from '../api/get-indicators';
import { LEVELS, type Level } from '../api/types';

/** The figures shown as columns (the rest are in the report and its CSV). */
const COLUMNS = ['filingRate', 'onTimeDispatchRate', 'accurateDispatchRate', 'onTimeHandlingRate', 'handlingRate', 'reworkRate', 'closureRate', 'onTimeClosureRate', 'overdueCount', 'meanHandlingHours'];

/** One level's indicators for the period; each header explains its numerator and denominator. */
export function IndicatorsTable({ period, level, onLevel }: { period: string; level: Level; onLevel: (l: Level) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const id = useId();
  const defs = useDefinitions();
  const q = useIndicators(period, level);
  const def = new Map((defs.data ?? []).map((d) => [d.key, d]));
  const cols = COLUMNS.filter((c) => !q.data || q.data.rows.some((r) => c in r.indicators));
  const rowName = (n: unknown, code: string) => (typeof n === 'string' ? n : n ? local(n as { zh: string; en: string }, code) : code);
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="evaluation-indicators" aria-busy={q.isFetching}>
      <div className="list-head">
        <h2 id={`${id}-h`}>{t('evaluations.indicators')}</h2>
        <div className="field field-row">
          <label htmlFor={`${id}-level`}>{t('evaluations.level')}</label>
          <select id={`${id}-level`} value={level} onChange={(e) => onLevel(e.target.value as Level)}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`evaluations.levels.${l}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.data ? <p className="small muted">{t('evaluations.asOf', { at: f.dateTime(q.data.asOf) })}</p> : null}
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t(`evaluations.levels.${level}`)}</th>
                {cols.map((c) => {
                  const d = def.get(c);
                  return (
                    <th scope="col" key={c} title={d ? `${d.numerator} ÷ ${d.denominator}` : undefined}>
                      {d ? local(d.name, c) : c}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {q.data.rows.map((r) => (
                <tr key={r.key} data-testid="indicator-row">
                  <th scope="row">{rowName(r.name, r.code)}</th>
                  {cols.map((c) => (
                    <td key={c} className="num">
                      {r.indicators[c]?.display ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="hint">{t('evaluations.zeroHint')}</p>
    </section>
  );
}
