import { useId } from 'react';
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
import { useReviewReport } from '../api/review-report';

/**
 * The period's reports: draft → reviewed → published (an immutable snapshot). The legal office
 * drafts, reviews and publishes; everyone who reads evaluations downloads PDF and CSV.
 */
export function ReportsList({ period }: { period: string }) {
  const { t } = useTranslation();
  const f = useFormatters();
  const user = useUser();
  const id = useId();
  const q = useReports(period);
  const create = useCreateReport();
  const review = useReviewReport();
  const publish = usePublishReport();
  const download = useDownloadReport();
  const legal = user.role === 'legal_officer';
  const error = create.error ?? review.error ?? publish.error ?? download.error;
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="evaluation-reports">
      <div className="list-head">
        <h2 id={`${id}-h`}>{t('evaluations.reports')}</h2>
        {legal ? (
          <button
            type="button"
            className="btn btn-small"
            disabled={create.isPending}
            data-testid="report-create"
            onClick={() => create.mutate({ period }, { onSuccess: () => toast('success', t('evaluations.draftCreated')) })}
          >
            + {t('evaluations.newDraft')}
          </button>
        ) : null}
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !q.data.length ? <Empty>{t('evaluations.noReports')}</Empty> : null}
      {q.data?.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('evaluations.reportTitle')}</th>
              <th scope="col">{t('evaluations.version')}</th>
              <th scope="col">{t('evaluations.statusCol')}</th>
              <th scope="col">{t('evaluations.updated')}</th>
              <th scope="col">{t('actions.title')}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.map((r) => (
              <tr key={r.id} data-testid="report-row" data-status={r.status}>
                <td>{r.title}</td>
                <td>v{r.version}</td>
                <td>
                  <span className={`badge report-${r.status}`}>{t(`evaluations.status.${r.status}`, { defaultValue: r.status })}</span>
                </td>
                <td className="small">{f.dateTime(r.publishedAt ?? r.reviewedAt ?? r.createdAt)}</td>
                <td>
                  <div className="action-buttons">
                    {legal && r.status === 'draft' ? (
                      <button type="button" className="btn btn-small" disabled={review.isPending} onClick={() => review.mutate(r.id)} data-testid="report-review">
                        {t('evaluations.markReviewed')}
                      </button>
                    ) : null}
                    {legal && r.status === 'reviewed' ? (
                      <button type="button" className="btn btn-small btn-primary" disabled={publish.isPending} onClick={() => publish.mutate(r.id)} data-testid="report-publish">
                        {t('evaluations.publish')}
                      </button>
                    ) : null}
                    <button type="button" className="btn btn-small" onClick={() => download.mutate({ id: r.id, format: 'pdf', fileName: `evaluation-${r.periodKey}-v${r.version}.pdf` })} data-testid="report-pdf">
                      PDF
                    </button>
                    <button type="button" className="btn btn-small" onClick={() => download.mutate({ id: r.id, format: 'csv', fileName: `evaluation-${r.periodKey}-v${r.version}.csv` })}>
                      CSV
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error ? (
        <p className="form-error" role="alert">
          {errorMessage(error, t)}
        </p>
      ) : null}
    </section>
  );
}
