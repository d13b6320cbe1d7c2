import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { useAgencyTasks } from '../api/get-agency-tasks';
import { TASK_STATUSES, type TaskStatus } from '../api/types';
import { JointTaskCard } from './joint-task-card';

/** A liaison's joint tasks (their agency's), open ones first by default, with the actions allowed now. */
export function AgencyTaskList() {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<TaskStatus | ''>('');
  const q = useAgencyTasks(status ? { status } : {});
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  // Unsettled tasks first, then by due time.
  const order = (s: TaskStatus) => (['assigned', 'accepted', 'in_progress'].includes(s) ? 0 : 1);
  const sorted = [...rows].sort((a, b) => order(a.status) - order(b.status) || a.dueAt.localeCompare(b.dueAt));
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="agency-task-list" aria-busy={q.isFetching}>
      <div className="list-head">
        <h2 id={`${id}-h`}>{t('task.myAgency')}</h2>
        <div className="field field-row">
          <label htmlFor={`${id}-s`}>{t('joint.statusFilter')}</label>
          <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as TaskStatus | '')}>
            <option value="">{t('common.all')}</option>
            {TASK_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`task.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('task.none')}</Empty> : null}
      {sorted.length ? (
        <ul className="task-list">
          {sorted.map((task) => (
            <JointTaskCard key={task.id} task={task} showJointCase />
          ))}
        </ul>
      ) : null}
      {q.hasNextPage ? (
        <button type="button" className="btn" onClick={() => void q.fetchNextPage()} disabled={q.isFetchingNextPage}>
          {t('common.more')}
        </button>
      ) : null}
    </section>
  );
}
