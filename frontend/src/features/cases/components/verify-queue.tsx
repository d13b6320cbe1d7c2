import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { StatusBadge } from '@/components/ui/status-badge';
import { paths } from '@/config/paths';
import { useFormatters } from '@/lib/format';
import { useLocalName } from '@/lib/i18n';
import { useCases } from '../api/get-cases';

/**
 * Resolved cases waiting for the caller's verification (核查): a grid inspector verifies fixes
 * others made in their cells. Which ones is the server's answer (`allowedActions` has `verify`).
 */
export function VerifyQueue() {
  const { t } = useTranslation();
  const f = useFormatters();
  const local = useLocalName();
  const id = useId();
  const q = useCases({ status: ['resolved'], sort: 'dueAt' });
  const rows = (q.data?.pages.flatMap((p) => p.data) ?? []).filter((c) => c.allowedActions.includes('verify'));
  if (q.isSuccess && !rows.length) return null;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="verify-queue" className="verify-queue">
      <h2 id={`${id}-h`}>
        {t('myWork.toVerify')} {rows.length ? <span className="muted small">({rows.length})</span> : null}
      </h2>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      <ul className="work-list">
        {rows.map((c) => (
          <li key={c.id} className={`work-item ${c.stage?.overdue ? 'is-overdue' : ''}`} data-testid="verify-item" data-case-no={c.caseNo}>
            <div className="work-item-head">
              <Link to={paths.case(c.id)} className="case-link">
                {c.caseNo}
              </Link>
              <StatusBadge status={c.status} />
            </div>
            <div className="work-item-body">
              <strong>{local(c.category.name, c.category.code)}</strong>
              <span className="muted"> · {c.grid ? local(c.grid.name, c.grid.code) : ''}</span>
              <p className="clamp">{c.description}</p>
            </div>
            <div className="work-item-due small">
              {t('case.due')} <time dateTime={c.stage?.dueAt ?? undefined}>{f.dateTime(c.stage?.dueAt)}</time>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
