import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { errorMessage } from '@/lib/error-message';
import { useFormatters } from '@/lib/format';
import { useUser } from '@/lib/session';
import { toast } from '@/lib/toast';
import { useCreateReport } from '../api/create-report';
import { useDownloadReport } from '../api/download-report';
import { useReports } from '../api/get-reports';
import { usePublishReport } from '../api/publish-report';
import { useCorrectReport } from '../api/report-detail';
import { useReviewBatches } from '../api/reviews';
import { useReviewReport } from '../api/review-report';
import type { ReportDto } from '../api/types';
import { cloneConfig, configProblems, DEFAULT_CONFIG } from '../lib/config';
import { ConfigFields } from './config-fields';
import { ReportDetail } from './report-detail';

/**
 * Report history (报告): draft → reviewed → published (an immutable snapshot with its sha256); a
 * correction is a new version that supersedes the published one. The legal office drafts, reviews,
 * publishes and corrects; every reader downloads PDF and CSV.
 */
export function ReportsList({ period, selected, onSelect }: { period: string; selected: string | null; onSelect: (id: string | null) => void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const user = useUser();
  const id = useId();
  const legal = user.role === 'legal_officer';
  const q = useReports(period);
  const batches = useReviewBatches(period, legal);
  const create = useCreateReport();
  const review = useReviewReport();
  const publish = usePublishReport();
  const correct = useCorrectReport();
  const download = useDownloadReport();
  const [title, setTitle] = useState('');
  const [batchId, setBatchId] = useState('');
  const [config, setConfig] = useState(() => cloneConfig(DEFAULT_CONFIG));
  const configOk = configProblems(config).length === 0;
  // Remounting the settings folds them away again once a draft is made.
  const [settingsKey, setSettingsKey] = useState(0);
  const error = create.error ?? review.error ?? publish.error ?? correct.error ?? download.error;
  const byId = new Map((q.data ?? []).map((r) => [r.id, r]));
  const file = (r: ReportDto, ext: string) => `evaluation-${r.periodKey}-v${r.version}.${ext}`;
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="evaluation-reports">
      <h2 id={`${id}-h`}>{t('evaluations.reportHistory')}</h2>
      {legal ? (
        <form
          className="filter-row"
          aria-label={t('evaluations.newDraft')}
          onSubmit={(e) => {
            e.preventDefault();
            if (!configOk) return;
            create.mutate(
              { period, config, ...(title.trim() ? { title: title.trim() } : {}), ...(batchId ? { reviewBatchId: batchId } : {}) },
              { onSuccess: (r) => (toast('success', t('evaluations.draftCreated')), setTitle(''), setSettingsKey((k) => k + 1), onSelect(r.id)) },
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-title`}>{t('evaluations.reportTitleOptional')}</label>
            <input id={`${id}-title`} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-batch`}>{t('evaluations.reportSample')}</label>
            <select id={`${id}-batch`} value={batchId} onChange={(e) => setBatchId(e.target.value)}>
              <option value="">{t('evaluations.latestSample')}</option>
              {(batches.data ?? []).map((b) => (
                <option key={b.id} value={b.id}>
                  {t('evaluations.sampleOption', { at: f.dateTime(b.createdAt), seed: b.seed, size: b.sizePerTeam })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn btn-primary" disabled={create.isPending || !configOk} data-testid="report-create">
            + {t('evaluations.newDraft')}
          </button>
          <ConfigFields key={settingsKey} value={config} onChange={setConfig} />
        </form>
      ) : null}
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !q.data.length ? <Empty>{t('evaluations.noReports')}</Empty> : null}
      {q.data?.length ? (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('evaluations.reportTitle')}</th>
                <th scope="col">{t('evaluations.version')}</th>
                <th scope="col">{t('evaluations.statusCol')}</th>
                <th scope="col">{t('evaluations.updated')}</th>
                <th scope="col">{t('evaluations.contentHash')}</th>
                <th scope="col">{t('actions.title')}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.map((r) => (
                <tr key={r.id} data-testid="report-row" data-status={r.status} data-version={r.version} className={selected === r.id ? 'is-selected' : undefined}>
                  <td>
                    <button type="button" className="btn-link" aria-pressed={selected === r.id} data-testid="report-open" onClick={() => onSelect(selected === r.id ? null : r.id)}>
                      {r.title}
                    </button>
                    {r.supersedes ? <p className="small muted">{t('evaluations.correctionOf', { version: byId.get(r.supersedes)?.version ?? '?' })}</p> : null}
                    {r.supersededBy ? <p className="small muted">{t('evaluations.supersededBy', { version: byId.get(r.supersededBy)?.version ?? '?' })}</p> : null}
                  </td>
                  <td>v{r.version}</td>
                  <td>
                    <span className={`badge report-${r.status}`}>{t(`evaluations.status.${r.status}`, { defaultValue: r.status })}</span>
                  </td>
                  <td className="small">{f.dateTime(r.publishedAt ?? r.reviewedAt ?? r.createdAt)}</td>
                  <td>{r.hash ? <code title={r.hash} data-testid="report-hash">{r.hash.slice(0, 12)}…</code> : '—'}</td>
                  <td>
                    <div className="action-buttons">
                      {legal && r.status === 'draft' ? (
                        <button type="button" className="btn btn-small" disabled={review.isPending} onClick={() => review.mutate(r.id)} data-testid="report-review">
                          {t('evaluations.markReviewed')}
                        </button>
                      ) : null}
                      {legal && r.status === 'reviewed' ? (
                        <button type="button" className="btn btn-small btn-primary" disabled={publish.isPending} onClick={() => publish.mutate(r.id, { onSuccess: () => toast('success', t('evaluations.published')) })} data-testid="report-publish">
                          {t('evaluations.publish')}
                        </button>
                      ) : null}
                      {legal && r.status === 'published' && !r.supersededBy ? (
                        <button type="button" className="btn btn-small" disabled={correct.isPending} onClick={() => correct.mutate(r.id, { onSuccess: (c) => onSelect(c.id) })} data-testid="report-correct">
                          {t('evaluations.correct')}
                        </button>
                      ) : null}
                      <button type="button" className="btn btn-small" aria-label={t('evaluations.downloadPdf', { title: r.title, version: r.version })} onClick={() => download.mutate({ id: r.id, format: 'pdf', fileName: file(r, 'pdf') })} data-testid="report-pdf">
                        PDF
                      </button>
                      <button type="button" className="btn btn-small" aria-label={t('evaluations.downloadCsv', { title: r.title, version: r.version })} onClick={() => download.mutate({ id: r.id, format: 'csv', fileName: file(r, 'csv'), table: 'indicators' })} data-testid="report-csv">
                        CSV
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error, t)}
        </p>
      ) : null}
      {selected && byId.has(selected) ? <ReportDetail id={selected} /> : null}
    </section>
  );
}
