import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { useActionItems } from '../api/get-action-items';
import { ITEM_STATUSES, type ItemStatus } from '../api/types';
import { ActionItemRow } from './action-item-row';

/** Meeting action items for the caller (a liaison: their agency's; a team leader: their team's). */
export function ActionItemList({ title }: { title?: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<ItemStatus | ''>('open');
  const q = useActionItems(status ? { status } : {});
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="action-item-list" aria-busy={q.isFetching}>
      <div className="list-head">
        <h2 id={`${id}-h`}>{title ?? t('items.title')}</h2>
        <div className="field field-row">
          <label htmlFor={`${id}-s`}>{t('items.statusFilter')}</label>
          <select id={`${id}-s`} value={status} onChange={(e) => setStatus(e.target.value as ItemStatus | '')}>
            <option value="">{t('common.all')}</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`items.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && !rows.length ? <Empty>{t('items.none')}</Empty> : null}
      {rows.length ? (
        <ul className="task-list">
          {rows.map((i) => (
            <ActionItemRow key={i.id} item={i} />
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
