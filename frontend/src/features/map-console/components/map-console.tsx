import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GeoLayers } from '@/components/map/geo-layers';
import { MapView } from '@/components/map/map-view';
import { TeamLegend } from '@/components/map/team-legend';
import { ApiError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { useLiveMode } from '@/lib/live-updates';
import { useCategories } from '@/api/get-categories';
import { useLocalName } from '@/lib/i18n';
import { ClusterLayer } from './cluster-layer';
import { RoutePreview } from './route-preview';
import { DEFAULT_FILTERS, FilterBar, toMapFilters, type FilterState } from './filter-bar';

/**
 * Dispatch's big-screen map: zones and cells by team, clustered incidents for the viewport, the
 * filter bar. Selecting a case is reported up; the route shows the case panel beside the map.
 */
export function MapConsole({ selectedId, onSelect }: { selectedId: string | null; onSelect: (id: string) => void }) {
  const { t } = useTranslation();
  const live = useLiveMode();
  const [filters, setFilters] = useState<FilterState>(DEFAULT_FILTERS);
  const wire = useMemo(() => toMapFilters(filters), [filters]);
  const [stats, setStats] = useState<{ count: number; error: unknown; fetching: boolean }>({ count: 0, error: null, fetching: false });
  const onStats = useCallback((s: typeof stats) => setStats(s), []);
  const notDeployed = stats.error instanceof ApiError && stats.error.status === 404;
  const local = useLocalName();
  const categories = useCategories();
  const categoryName = local(categories.data?.find((c) => c.code === filters.category)?.name, filters.category);

  return (
    <div className="map-console" data-testid="map-console">
      <FilterBar value={filters} onChange={setFilters} />
      <div className="map-console-body">
        <MapView label={t('map.consoleLabel')} className="console-map">
          <GeoLayers fitOnLoad />
          <ClusterLayer filters={wire} selectedId={selectedId} onSelect={onSelect} onStats={onStats} />
          <RoutePreview category={filters.category} categoryName={categoryName} />
        </MapView>
        <div className="map-overlay" aria-live="polite">
          <p className="map-count" data-testid="map-count" data-count={stats.count}>
            {t('map.inView', { count: stats.count })}
            {stats.fetching ? <span className="spinner" aria-label={t('common.loading')} /> : null}
            <span className="muted small"> · {live === 'stream' ? t('net.live') : t('map.polling')}</span>
          </p>
          {notDeployed ? (
            <p className="notice small" role="status">
              {t('map.clustersUnavailable')}
            </p>
          ) : stats.error ? (
            <p className="notice small" role="alert">
              {errorMessage(stats.error, t)}
            </p>
          ) : null}
          <p className="muted small map-hint">{t('map.locate.hint')}</p>
          <TeamLegend />
        </div>
      </div>
    </div>
  );
}
