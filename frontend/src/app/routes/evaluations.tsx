import { useId } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import '@/features/evaluations/i18n';
import '@/features/evaluations/evaluations.css';
import { LEVELS, type DrillSpec, type Level } from '@/features/evaluations/api/types';
import { useIndicators } from '@/features/evaluations/api/get-indicators';
import { TeamRatesChart, TrendChart } from '@/features/evaluations/components/charts';
import { DrillDown } from '@/features/evaluations/components/drill-down';
import { IndicatorsTable, rowName } from '@/features/evaluations/components/indicators-table';
import { LevelTabs } from '@/features/evaluations/components/level-tabs';
import { PeriodPicker } from '@/features/evaluations/components/period-picker';
import { RectificationList } from '@/features/evaluations/components/rectification-list';
import { ReportsList } from '@/features/evaluations/components/reports-list';
import { ReviewWorkspace } from '@/features/evaluations/components/review-workspace';
import { ScoresTable } from '@/features/evaluations/components/scores-table';
import { currentPeriod, isPeriod, previousPeriod } from '@/features/evaluations/lib/period';
import { useLocalName } from '@/lib/i18n';
import { useUser } from '@/lib/session';

type View = 'dashboard' | 'review' | 'reports' | 'rectifications';

/**
 * 半年评估: the legal office's page. Dashboard (indicators by level with drill-down to cases, charts,
 * composite scores and grades), the case-file review workspace (案卷评查) and the report history.
 * Everything it shows is in the URL (period, view, level, drill-down, open file or report).
 */
export function EvaluationsRoute() {
  const { t } = useTranslation();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const teamLeader = user.role === 'team_leader';
  const views: View[] = teamLeader ? ['dashboard', 'rectifications'] : ['dashboard', 'review', 'reports'];
  const levels: readonly Level[] = teamLeader ? ['team'] : LEVELS;
  const period = isPeriod(params.get('period')) ? params.get('period')! : currentPeriod();
  const view = (views as string[]).includes(params.get('view') ?? '') ? (params.get('view') as View) : 'dashboard';
  const level = (levels as readonly string[]).includes(params.get('level') ?? '') ? (params.get('level') as Level) : levels.includes('team') && levels.length === 1 ? 'team' : 'bureau';
  const drill: DrillSpec | null =
    params.get('drill') && params.get('dkey') ? { level, key: params.get('dkey')!, indicator: params.get('drill')!, part: params.get('part') === 'denominator' ? 'denominator' : 'numerator' } : null;

  /** Sets some parameters and drops those given as null (the rest stay). */
  const patch = (p: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    next.set('period', period);
    for (const [k, v] of Object.entries(p)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    setParams(next, { replace: false });
  };
  const drillHref = (s: DrillSpec) => {
    const next = new URLSearchParams(params);
    next.set('period', period);
    next.set('view', 'dashboard');
    next.set('level', s.level);
    next.set('drill', s.indicator);
    next.set('dkey', s.key);
    next.set('part', s.part);
    return `?${next.toString()}`;
  };
  const panelId = useId();
  return (
    <div className="page page-wide ev-page" data-testid="evaluations-page">
      <h1>{t('nav.evaluations')}</h1>
      <PeriodPicker key={period} value={period} onChange={(p) => patch({ period: p, drill: null, dkey: null, part: null, batch: null, file: null, report: null })} />
      <nav className="tabs" aria-label={t('evaluations.views')}>
        {views.map((v) => (
          <button key={v} type="button" className={`tab ${view === v ? 'is-active' : ''}`} aria-current={view === v ? 'page' : undefined} data-testid={`ev-view-${v}`} onClick={() => patch({ view: v })}>
            {t(`evaluations.view.${v}`)}
          </button>
        ))}
      </nav>
      {view === 'dashboard' ? (
        <>
          <section className="card" aria-labelledby={`${panelId}-h`}>
            <h2 id={`${panelId}-h`}>{t('evaluations.indicators')}</h2>
            <LevelTabs levels={levels} value={level} panelId={panelId} onChange={(l) => patch({ level: l, drill: null, dkey: null, part: null })} />
            <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-tab-${level}`}>
              {drill ? <DrillPanel period={period} spec={drill} onClose={() => patch({ drill: null, dkey: null, part: null })} /> : null}
              <IndicatorsTable period={period} level={level} drillHref={drillHref} />
            </div>
          </section>
          {!teamLeader ? (
            <div className="ev-charts">
              <TeamRatesChart period={period} />
              <TrendChart period={period} previous={previousPeriod(period)} />
            </div>
          ) : null}
          <ScoresTable period={period} />
        </>
      ) : null}
      {view === 'review' ? (
        <ReviewWorkspace
          period={period}
          canWrite={user.role === 'legal_officer'}
          batchId={params.get('batch')}
          fileId={params.get('file')}
          onBatch={(b) => patch({ batch: b, file: null })}
          onFile={(f) => patch({ file: f })}
        />
      ) : null}
      {view === 'rectifications' ? <RectificationList batchId={null} /> : null}
      {view === 'reports' ? <ReportsList period={period} selected={params.get('report')} onSelect={(r) => patch({ report: r })} /> : null}
    </div>
  );
}

function DrillPanel({ period, spec, onClose }: { period: string; spec: DrillSpec; onClose: () => void }) {
  const local = useLocalName();
  const q = useIndicators(period, spec.level);
  const row = q.data?.rows.find((r) => r.key === spec.key);
  return <DrillDown period={period} spec={spec} unitName={row ? rowName(row, local) : spec.key} onClose={onClose} />;
}
