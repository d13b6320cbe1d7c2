import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useCase } from '../api/get-case';
import { CaseActions } from './case-actions';
import { CaseSummary } from './case-summary';
import { DuplicateHints } from './duplicate-hints';

/** The map console's side panel: the case at a glance and its allowed actions. */
export function CasePanel({ caseId, onClose }: { caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const q = useCase(caseId);
  return (
    <aside className="case-panel" data-testid="case-panel" aria-labelledby="case-panel-h">
      <div className="case-panel-head">
        <h2 id="case-panel-h">{q.data ? q.data.caseNo : t('case.title')}</h2>
        <button type="button" className="btn btn-ghost" onClick={onClose} aria-label={t('common.close')} data-testid="case-panel-close">
          ×
        </button>
      </div>
      {q.isPending ? <Loading /> : null}
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <>
          <CaseSummary kase={q.data} />
          <CaseActions kase={q.data} />
          <DuplicateHints kase={q.data} />
          <p>
            <Link to={paths.case(q.data.id)} data-testid="case-open-page">
              {t('case.openPage')}
            </Link>
          </p>
        </>
      ) : null}
    </aside>
  );
}
