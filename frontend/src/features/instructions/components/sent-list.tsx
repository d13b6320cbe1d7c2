import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { OverdueBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useSentInstructions } from '../api/get-sent';
import { PriorityBadge } from './instruction-badges';

/** Instructions the caller sent, with how many recipients have read and acknowledged them. */
export function SentList() {
  const { t } = useTranslation();
  const f = useFormatters();
  const id = useId();
  const q = useSentInstructions(true);
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="instruction-sent" aria-busy={q.isFetching}>
      <h2 id={`${id}-h`}>{t('instructions.sentTitle')}</h2>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('instructions.noneSent')}</Empty> : null}
      {rows.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('instructions.title')}</th>
              <th scope="col">{t('instructions.sentAt')}</th>
              <th scope="col">{t('instructions.deadline')}</th>
              <th scope="col">{t('instructions.readCol')}</th>
              <th scope="col">{t('instructions.ackCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((s) => (
              <tr key={s.id} data-testid="sent-row">
                <td>
                  <Link to={paths.instruction(s.id)}>{s.title}</Link> <PriorityBadge priority={s.priority} /> {s.overdue ? <OverdueBadge /> : null}
                </td>
                <td className="small">{f.dateTime(s.sentAt)}</td>
                <td className="small">{f.dateTime(s.deadline)}</td>
                <td>
                  {s.counts.read}/{s.counts.recipients}
                </td>
                <td>
                  {s.counts.acknowledged}/{s.counts.recipients}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {q.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
}
