import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { useTranslation } from 'react-i18next';
import { Loading, QueryError } from '@/components/ui/query-state';
import { paths } from '@/config/paths';
import { useCase } from '../api/get-case';
import { CaseActions } from './case-actions';
import { CaseSummary } from './case-summary';
import { DuplicateHints } from './duplicate-hints';

/**
 * The map console's side panel: the case at a glance and its allowed actions. `extra` lets the
 * route add what other features offer for the case (the joint case it belongs to).
 */
export function CasePanel({ caseId, onClose, extra }: { caseId: string; onClose: () => void; extra?: (kase: CaseDto) => ReactNode }) {
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
          {extra ? extra(q.data) : null}
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
