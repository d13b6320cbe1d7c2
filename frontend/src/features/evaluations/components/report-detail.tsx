import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { CSV_TABLES, useDownloadReport, type CsvTable } from '../api/download-report';
import { useDefinitions } from '../api/get-definitions';
import { useReportDetail } from '../api/report-detail';
import { ConfigSummary } from './config-fields';

/** One report: its hash (re-checked by the server), what it says against the previous half-year, the review summary, its history. */
export function ReportDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const hid = useId();
  const q = useReportDetail(id);
  const defs = useDefinitions();
  const unitOf = (k: string) => defs.data?.find((d) => d.key === k)?.unit ?? 'count';
  const change = (k: string, v: number | null) => {
    if (v === null) return '—';
    const sign = v > 0 ? '+' : '';
    return unitOf(k) === 'rate' ? `${sign}${Math.round(v * 1000) / 10} pp` : `${sign}${Math.round(v * 100) / 100}`;
  };
  const download = useDownloadReport();
  const [table, setTable] = useState<CsvTable>('indicators');
  /** The server's notes are English sentences; the two it writes are shown in the UI language. */
  const noteText = (n: string) => {
    const notOver = /^The period is not over: figures as of (\S+)\.$/.exec(n);
    if (notOver) return t('evaluations.noteNotOver', { at: f.dateTime(notOver[1]) });
    if (n.startsWith('No case-file review sample')) return t('evaluations.noteNoSample');
    return n;
  };
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const r = q.data;
  const c = r.content;
  return (
    <article className="ev-report" aria-labelledby={`${hid}-h`} data-testid="report-detail" data-status={r.status}>
      <h3 id={`${hid}-h`}>
        {r.title} · v{r.version} · <span className={`badge report-${r.status}`}>{t(`evaluations.status.${r.status}`, { defaultValue: r.status })}</span>
      </h3>
      <dl className="ev-facts">
        <div>
          <dt>{t('evaluations.contentHash')}</dt>
          <dd>
            {r.hash ? (
              <>
                <code className="ev-hash" data-testid="report-detail-hash">
                  {r.hash}
                </code>{' '}
                <span className={`badge ${r.hashValid ? 'grade-A' : 'grade-E'}`} data-testid="hash-valid">
                  {r.hashValid ? t('evaluations.hashValid') : t('evaluations.hashInvalid')}
                </span>
              </>
            ) : (
              t('evaluations.hashWhenPublished')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('evaluations.asOfLabel')}</dt>
          <dd>{f.dateTime(c.asOf)}</dd>
        </div>
        {c.review ? (
          <div>
            <dt>{t('evaluations.reviewSummary')}</dt>
            <dd>
              {t('evaluations.reviewSummaryText', {
                scored: c.review.summary.scored,
                files: c.review.summary.files,
                mean: c.review.summary.mean ?? '—',
                excellent: c.review.summary.excellent,
                pass: c.review.summary.pass,
                fail: c.review.summary.fail,
                seed: c.review.seed,
              })}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('evaluations.rectifications')}</dt>
          <dd>{t('evaluations.rectProgress', { done: c.rectifications.filter((x) => x.status === 'confirmed').length, total: c.rectifications.length })}</dd>
        </div>
      </dl>
      <details className="ev-config">
        <summary>{t('evaluations.configUsed')}</summary>
        <ConfigSummary config={r.config} />
      </details>
      {r.status !== 'published' ? <p className="hint">{t('evaluations.draftLive')}</p> : <p className="hint">{t('evaluations.publishedFrozen')}</p>}
      <div className="filter-row ev-exports">
        <button type="button" className="btn btn-small" onClick={() => download.mutate({ id: r.id, format: 'pdf', fileName: `evaluation-${r.periodKey}-v${r.version}.pdf` })}>
          {t('evaluations.exportPdf')}
        </button>
        <div className="field field-row">
          <label htmlFor={`${hid}-csv`}>{t('evaluations.csvTable')}</label>
          <select id={`${hid}-csv`} value={table} onChange={(e) => setTable(e.target.value as CsvTable)}>
            {CSV_TABLES.map((x) => (
              <option key={x} value={x}>
                {t(`evaluations.csvTables.${x}`)}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" data-testid="report-detail-csv" onClick={() => download.mutate({ id: r.id, format: 'csv', table, fileName: `evaluation-${r.periodKey}-v${r.version}-${table}.csv` })}>
            {t('evaluations.exportCsv')}
          </button>
        </div>
      </div>
      {download.error ? (
        <p className="form-error" role="alert">
          {errorMessage(download.error, t)}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="table">
          <caption className="ev-caption">{t('evaluations.comparisonCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('evaluations.indicator')}</th>
              <th scope="col" className="num">{t('evaluations.previous')}</th>
              <th scope="col" className="num">{t('evaluations.current')}</th>
              <th scope="col" className="num">{t('evaluations.change')}</th>
            </tr>
          </thead>
          <tbody>
            {c.comparison.map((x) => (
              <tr key={x.indicator}>
                <th scope="row">{local(x.name, x.indicator)}</th>
                <td className="num">{x.previousDisplay}</td>
                <td className="num">
                  <Link to={`?${new URLSearchParams({ period: r.periodKey, view: 'dashboard', level: 'bureau', drill: x.indicator, dkey: 'all', part: x.current === null && unitOf(x.indicator) === 'rate' ? 'denominator' : 'numerator' })}`} aria-label={t('evaluations.drillAria', { label: local(x.name, x.indicator), value: x.currentDisplay })}>
                    {x.currentDisplay}
                  </Link>
                </td>
                <td className="num">{change(x.indicator, x.change)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {c.notes.length ? (
        <ul className="small muted">
          {c.notes.map((n) => (
            <li key={n}>{noteText(n)}</li>
          ))}
        </ul>
      ) : null}
      <h4>{t('evaluations.history')}</h4>
      <ol className="ev-history" data-testid="report-history">
        {r.history.map((s) => (
          <li key={s.seq}>
            {f.dateTime(s.at)} · {t(`evaluations.step.${s.action}`, { defaultValue: s.action })}
          </li>
        ))}
      </ol>
    </article>
  );
}
