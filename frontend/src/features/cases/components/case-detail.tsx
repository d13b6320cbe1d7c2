import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { Loading, QueryError } from '@/components/ui/query-state';
import { useCase } from '../api/get-case';
import { CaseActions } from './case-actions';
import { CaseMap } from './case-map';
import { CasePhotos } from './case-photos';
import { CaseSummary } from './case-summary';
import { CaseTimeline } from './case-timeline';
import { DuplicateHints } from './duplicate-hints';
import { PenaltySteps } from './penalty-steps';

/**
 * The case page: facts, allowed actions, map, photos, penalty procedure, duplicates, timeline.
 * `extra` is what the route adds from other features (the joint case link).
 */
export function CaseDetail({ caseId, extra }: { caseId: string; extra?: (kase: CaseDto) => ReactNode }) {
  const { t } = useTranslation();
  const q = useCase(caseId);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const kase = q.data;
  return (
    <div className="case-detail" data-testid="case-detail">
      <header className="case-detail-head">
        <h1>
          {t('case.title')} <span data-testid="case-no">{kase.caseNo}</span>
        </h1>
      </header>
      <div className="case-grid">
        <div className="case-main">
          <section className="card" aria-label={t('case.facts')}>
            <CaseSummary kase={kase} />
            <CaseActions kase={kase} />
            {extra ? extra(kase) : null}
          </section>
          <DuplicateHints kase={kase} />
          <PenaltySteps kase={kase} />
          <CaseTimeline kase={kase} />
        </div>
        <div className="case-side">
          <section className="card" aria-labelledby="map-h">
            <h2 id="map-h">{t('case.location')}</h2>
            <CaseMap kase={kase} />
            <p className="muted small">
              {kase.location.coordinates[1].toFixed(6)}, {kase.location.coordinates[0].toFixed(6)} (WGS84)
            </p>
          </section>
          <CasePhotos kase={kase} />
        </div>
      </div>
    </div>
  );
}
