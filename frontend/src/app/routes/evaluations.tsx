import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { IndicatorsTable } from '@/features/evaluations/components/indicators-table';
import { PeriodPicker } from '@/features/evaluations/components/period-picker';
import { ReportsList } from '@/features/evaluations/components/reports-list';
import { ScoresTable } from '@/features/evaluations/components/scores-table';
import { LEVELS, type Level } from '@/features/evaluations/api/types';

/** The current half-year in Shanghai, e.g. `2026-H2`. */
function currentPeriod(): string {
  const d = new Date(Date.now() + 8 * 3600_000);
  return `${d.getUTCFullYear()}-${d.getUTCMonth() < 6 ? 'H1' : 'H2'}`;
}

/** 半年评估: the period's indicators by level, composite scores and grades, and its reports. */
export function EvaluationsRoute() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const [period, setPeriod] = useState(() => (/^\d{4}-H[12]$/.test(params.get('period') ?? '') ? params.get('period')! : currentPeriod()));
  const level = (LEVELS as readonly string[]).includes(params.get('level') ?? '') ? (params.get('level') as Level) : 'team';
  const set = (p: string, l: Level) => {
    setPeriod(p);
    setParams({ period: p, level: l }, { replace: true });
  };
  return (
    <div className="page page-wide" data-testid="evaluations-page">
      <h1>{t('nav.evaluations')}</h1>
      <PeriodPicker value={period} onChange={(p) => set(p, level)} />
      <IndicatorsTable period={period} level={level} onLevel={(l) => set(period, l)} />
      <div className="case-grid">
        <ScoresTable period={period} />
        <ReportsList period={period} />
      </div>
    </div>
  );
}
