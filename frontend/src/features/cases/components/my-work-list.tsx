import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Empty, Loading, QueryError } from '@/components/ui/query-state';
import { OverdueBadge, StatusBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useCases, type CaseFilters } from '../api/get-cases';

/** The cases the signed-in user holds, soonest deadline first, with overdue marks. */
export function MyWorkList() {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const oid = useId();
  const filters: CaseFilters = { mine: true, sort: 'dueAt', ...(overdueOnly ? { overdue: true } : {}) };
  const q = useCases(filters);
  const rows = q.data?.pages.flatMap((p) => p.data) ?? [];
  const total = q.data?.pages[0]?.meta?.total;

  return (
    <section aria-labelledby="mywork-h" data-testid="my-work-list" aria-busy={q.isFetching}>
      <div className="list-head">
        <h1 id="mywork-h">
          {t('myWork.title')} {total !== undefined ? <span className="muted small">({total})</span> : null}
        </h1>
        <div className="field-inline">
          <input id={oid} type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} />
          <label htmlFor={oid}>{t('myWork.overdueOnly')}</label>
        </div>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.isSuccess && rows.length === 0 ? <Empty>{t(overdueOnly ? 'myWork.noneOverdue' : 'myWork.none')}</Empty> : null}
      {rows.length ? (
        <ul className="work-list">
          {rows.map((c) => (
            <li key={c.id} className={`work-item ${c.stage?.overdue ? 'is-overdue' : ''}`} data-testid="my-work-item" data-case-no={c.caseNo}>
              <div className="work-item-head">
                <Link to={paths.case(c.id)} className="case-link">
                  {c.caseNo}
                </Link>
                <StatusBadge status={c.status} />
                {c.urgent ? <span className="badge badge-urgent">{t('case.urgent')}</span> : null}
                {c.stage?.overdue ? <OverdueBadge /> : null}
              </div>
              <div className="work-item-body">
                <strong>{local(c.category.name, c.category.code)}</strong>
                <span className="muted"> · {c.address ?? (c.grid ? local(c.grid.name, c.grid.code) : '')}</span>
                <p className="clamp">{c.description}</p>
              </div>
              <div className="work-item-due small">
                {c.stage ? (
                  <>
                    {t(`stage.${c.stage.name}`, { defaultValue: c.stage.name })} · {t('case.due')}{' '}
                    <time dateTime={c.stage.dueAt ?? undefined}>{f.dateTime(c.stage.dueAt)}</time>
                  </>
                ) : (
                  <span className="muted">{t('case.noDeadline')}</span>
                )}
                {c.allowedActions.length ? (
                  <span className="muted"> · {t('myWork.actionsAvailable', { count: c.allowedActions.length })}</span>
                ) : null}
              </div>
            </li>
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
