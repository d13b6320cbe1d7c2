import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useLocalName } from '@/lib/i18n';
import { useDefinitions } from '../api/get-definitions';
import { useIndicators } from '../api/get-indicators';
import { rowName } from './indicators-table';

/** The rates charted per team and against the previous half-year (as percentages). */
export const TEAM_CHART_RATES = ['onTimeDispatchRate', 'onTimeHandlingRate', 'closureRate', 'reworkRate'] as const;
export const TREND_RATES = ['filingRate', 'onTimeDispatchRate', 'accurateDispatchRate', 'onTimeHandlingRate', 'handlingRate', 'closureRate', 'onTimeClosureRate', 'reworkRate', 'escalationRate'] as const;
const COLOURS = ['#2563eb', '#16a34a', '#d97706', '#dc2626', '#7c3aed'];

const pct = (v: number | null | undefined) => (v === null || v === undefined ? null : Math.round(v * 1000) / 10);
const fmtPct = (v: unknown) => (typeof v === 'number' ? `${v}%` : '—');

/** Bar chart of the key rates of every team (a "—" rate has no bar), with its data as a table for screen readers. */
export function TeamRatesChart({ period }: { period: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const defs = useDefinitions();
  const q = useIndicators(period, 'team');
  const name = (k: string) => local(defs.data?.find((d) => d.key === k)?.name, k);
  const data = (q.data?.rows ?? []).map((r) => ({ unit: rowName(r, local), ...Object.fromEntries(TEAM_CHART_RATES.map((k) => [k, pct(r.indicators[k]?.value)])) }));
  return (
    <figure className="card ev-chart" data-testid="chart-teams">
      <figcaption>
        <h2>{t('evaluations.chartTeams')}</h2>
      </figcaption>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {data.length ? (
        <>
          <div role="img" aria-label={t('evaluations.chartTeamsAria', { teams: data.length })}>
            <ResponsiveContainer width="100%" height={Math.max(240, 60 + data.length * 52)}>
              <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barCategoryGap="18%">
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="unit" tick={{ fontSize: 12 }} width={170} interval={0} />
                <Tooltip formatter={fmtPct} />
                <Legend verticalAlign="top" />
                {TEAM_CHART_RATES.map((k, i) => (
                  <Bar key={k} dataKey={k} name={name(k)} fill={COLOURS[i]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ChartData headers={[t('evaluations.levels.team'), ...TEAM_CHART_RATES.map(name)]} rows={data.map((d) => [d.unit, ...TEAM_CHART_RATES.map((k) => fmtPct((d as Record<string, unknown>)[k]))])} />
        </>
      ) : null}
    </figure>
  );
}

/** The bureau's key rates this period against the previous one (H2 against H1, H1 against the previous H2). */
export function TrendChart({ period, previous }: { period: string; previous: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const defs = useDefinitions();
  const cur = useIndicators(period, 'bureau');
  const prev = useIndicators(previous, 'bureau');
  const c = cur.data?.rows[0]?.indicators;
  const p = prev.data?.rows[0]?.indicators;
  const label = (q: typeof cur, fallback: string) => (q.data ? local(q.data.period.label, fallback) : fallback);
  const [curLabel, prevLabel] = [label(cur, period), label(prev, previous)];
  const data = c ? TREND_RATES.map((k) => ({ name: local(defs.data?.find((d) => d.key === k)?.name, k), previous: pct(p?.[k]?.value), current: pct(c[k]?.value) })) : [];
  return (
    <figure className="card ev-chart" data-testid="chart-trend">
      <figcaption>
        <h2>{t('evaluations.chartTrend')}</h2>
        <p className="small muted">{t('evaluations.chartTrendHint', { current: curLabel, previous: prevLabel })}</p>
        {prev.isSuccess && data.length && data.every((d) => d.previous === null) ? <p className="small muted" data-testid="trend-no-previous">{t('evaluations.noPrevious', { previous: prevLabel })}</p> : null}
      </figcaption>
      {cur.isPending || prev.isPending ? <Loading /> : null}
      {cur.isError ? <QueryError error={cur.error} onRetry={() => void cur.refetch()} /> : null}
      {data.length ? (
        <>
          <div role="img" aria-label={t('evaluations.chartTrendHint', { current: curLabel, previous: prevLabel })}>
            <ResponsiveContainer width="100%" height={300}>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: 11 }} interval={0} angle={-20} textAnchor="end" height={56} />
                <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} width={48} />
                <Tooltip formatter={fmtPct} />
                <Legend />
                <Bar dataKey="previous" name={prevLabel} fill="#94a3b8" isAnimationActive={false} />
                <Bar dataKey="current" name={curLabel} fill="#2563eb" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <ChartData headers={[t('evaluations.indicator'), prevLabel, curLabel]} rows={data.map((d) => [d.name, fmtPct(d.previous), fmtPct(d.current)])} />
        </>
      ) : null}
    </figure>
  );
}

/** A chart's numbers as a table, folded away (screen readers and exact values). */
function ChartData({ headers, rows }: { headers: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    <details className="ev-chart-data">
      <summary>{t('evaluations.chartData')}</summary>
      <table className="table">
        <thead>
          <tr>
            {headers.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r[0]}>
              {r.map((v, i) => (i === 0 ? <th scope="row" key={i}>{v}</th> : <td key={i} className="num">{v}</td>))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
