import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useMeetings } from '../api/get-meetings';
import type { MeetingStatus } from '../api/types';

/** Liaison meetings (联席会议) in the caller's scope. */
export function MeetingList() {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const id = useId();
  const [status, setStatus] = useState<MeetingStatus | ''>('');
  const q = useMeetings(status ? { status } : {});
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="meeting-list" aria-busy={q.isFetching}>
      <div className="list-head">
        <h2 id={`${id}-h`}>{t('meetings.listTitle')}</h2>
        <div className="field field-row">
          <label htmlFor={`${id}-s`}>{t('meetings.statusFilter')}</label>
          <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as MeetingStatus | '')}>
            <option value="">{t('common.all')}</option>
            <option value="scheduled">{t('meetings.status.scheduled')}</option>
            <option value="held">{t('meetings.status.held')}</option>
          </select>
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('meetings.none')}</Empty> : null}
      {rows.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('meetings.title')}</th>
              <th scope="col">{t('meetings.kind')}</th>
              <th scope="col">{t('meetings.scheduledAt')}</th>
              <th scope="col">{t('meetings.location')}</th>
              <th scope="col">{t('meetings.invited')}</th>
              <th scope="col">{t('meetings.statusCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.id} data-testid="meeting-row" data-title={m.title}>
                <td>
                  <Link to={paths.meeting(m.id)}>{m.title}</Link>
                </td>
                <td>
                  {t(`meetings.kinds.${m.kind}`)}
                  {m.kind === 'regular' ? <span className="muted small"> · {t('meetings.occurrence', { n: m.occurrence })}</span> : null}
                </td>
                <td className="small">{f.dateTime(m.scheduledAt)}</td>
                <td className="small">{m.location || '—'}</td>
                <td className="small">{m.invitedAgencies.map((a) => local(a.name, a.code)).join('、') || '—'}</td>
                <td>
                  <span className={`badge meeting-${m.status}`}>{t(`meetings.status.${m.status}`)}</span>
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
