import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useJointCases } from '../api/get-joint-cases';
import type { JointStatus } from '../api/types';
import { JointStatusBadge } from './joint-badges';

/** Joint cases (联合办案) in the caller's scope: open first by default, with task progress. */
export function JointCaseList() {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const id = useId();
  const [status, setStatus] = useState<JointStatus | ''>('open');
  const q = useJointCases(status ? { status } : {});
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="joint-case-list" aria-busy={q.isFetching}>
      <div className="list-head">
        <h2 id={`${id}-h`}>{t('joint.listTitle')}</h2>
        <div className="field field-row">
          <label htmlFor={`${id}-status`}>{t('joint.statusFilter')}</label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as JointStatus | '')}>
            <option value="">{t('common.all')}</option>
            <option value="open">{t('joint.status.open')}</option>
            <option value="closed">{t('joint.status.closed')}</option>
          </select>
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('joint.none')}</Empty> : null}
      {rows.length ? (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('joint.title')}</th>
              <th scope="col">{t('joint.reason')}</th>
              <th scope="col">{t('joint.cases')}</th>
              <th scope="col">{t('joint.agencies')}</th>
              <th scope="col">{t('joint.progress')}</th>
              <th scope="col">{t('joint.statusCol')}</th>
              <th scope="col">{t('joint.openedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((jc) => {
              const total = Object.values(jc.taskCounts).reduce((a, b) => a + b, 0);
              const settled = jc.taskCounts.done + jc.taskCounts.cancelled;
              return (
                <tr key={jc.id} data-testid="joint-case-row" data-title={jc.title}>
                  <td>
                    <Link to={paths.jointCase(jc.id)}>{jc.title}</Link>
                  </td>
                  <td>{t(`joint.reasons.${jc.reason}`, { defaultValue: jc.reason })}</td>
                  <td className="small">{jc.cases.map((c) => c.caseNo).join('、')}</td>
                  <td className="small">{jc.agencies.map((a) => local(a.name, a.code)).join('、')}</td>
                  <td className="small">{t('joint.tasksSettled', { settled, total })}</td>
                  <td>
                    <JointStatusBadge status={jc.status} />
                  </td>
                  <td className="small">{f.dateTime(jc.openedAt)}</td>
                </tr>
              );
            })}
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
