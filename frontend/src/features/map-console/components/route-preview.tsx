import { useState } from 'react';
import { Popup, useMapEvents } from 'react-leaflet';
import type L from 'leaflet';
import { useTranslation } from 'react-i18next';
import { useMapProjection } from '@/components/map/projection';
import { errorMessage } from '@/lib/error-message';
import { useLocalName } from '@/lib/i18n';
import { useLocatePoint } from '../api/locate-point';
import '../i18n';
import '../route-preview.css';

/**
 * A click on the map (not on a case marker: markers stop the click) asks the router what it says
 * for that point — with the console's category filter when one is chosen — and shows the answer in
 * a popup: grid cell, village, zone, team, tier and the responsible inspectors, or "out of grid →
 * bureau dispatch queue". Keyboard: with the map focused, Enter previews the map's centre.
 */
export function RoutePreview({ category, categoryName }: { category: string; categoryName: string }) {
  const { t } = useTranslation();
  const local = useLocalName();
  const projection = useMapProjection();
  const [at, setAt] = useState<{ wgs: [number, number]; display: L.LatLng } | null>(null);
  const map = useMapEvents({
    click: (e: L.LeafletMouseEvent) => setAt({ wgs: projection.fromLatLng(e.latlng), display: e.latlng }),
    keypress: (e: L.LeafletKeyboardEvent) => {
      if (e.originalEvent.key !== 'Enter') return;
      const c = map.getCenter();
      setAt({ wgs: projection.fromLatLng(c), display: c });
    },
  });
  const q = useLocatePoint(at?.wgs ?? null, category);
  if (!at) return null;
  const d = q.data;
  const name = (r: { code: string | null; name: { zh: string; en: string } | null } | null) =>
    r ? [r.code, local(r.name)].filter(Boolean).join(' · ') : t('map.locate.none');

  return (
    <Popup position={at.display} eventHandlers={{ remove: () => setAt(null) }} maxWidth={320} autoPan>
      <section className="route-preview" data-testid="route-preview" data-lng={at.wgs[0]} data-lat={at.wgs[1]} data-state={q.isPending ? 'loading' : q.isError ? 'error' : d?.outOfGrid ? 'out' : 'in'} aria-live="polite">
        <h3 className="route-preview-title">{t('map.locate.title')}</h3>
        <p className="muted small" data-testid="route-preview-point">
          {t('map.locate.point', { lon: at.wgs[0].toFixed(5), lat: at.wgs[1].toFixed(5) })}
          {' · '}
          {category ? t('map.locate.asCategory', { name: categoryName || category }) : t('map.locate.noCategory')}
        </p>
        {q.isPending ? (
          <p role="status">
            <span className="spinner" aria-hidden="true" /> {t('common.loading')}
          </p>
        ) : q.isError ? (
          <p className="notice small" role="alert">
            {errorMessage(q.error, t)}
          </p>
        ) : d!.outOfGrid ? (
          <p className="notice" data-testid="route-preview-out">
            <strong>{t('map.locate.outOfGrid')}</strong> → {t('map.locate.bureauQueue')}
          </p>
        ) : (
          <dl className="route-preview-facts">
            <dt>{t('map.locate.grid')}</dt>
            <dd data-testid="route-preview-grid">{name(d!.grid)}</dd>
            <dt>{t('map.locate.village')}</dt>
            <dd data-testid="route-preview-village">{d!.village ? local(d!.village.name) : t('map.locate.none')}</dd>
            <dt>{t('map.locate.zone')}</dt>
            <dd data-testid="route-preview-zone">{name(d!.zone)}</dd>
            <dt>{t('map.locate.team')}</dt>
            <dd data-testid="route-preview-team">{name(d!.team)}</dd>
            <dt>{t('map.locate.tier')}</dt>
            <dd data-testid="route-preview-tier">
              {d!.tier ? t(`tier.${d!.tier}`) : t('map.locate.tierByCategory')}
              {d!.queue === 'bureau_dispatch' ? ` → ${t('map.locate.bureauQueue')}` : ''}
            </dd>
            <dt>{t('map.locate.inspectors')}</dt>
            <dd data-testid="route-preview-inspectors">
              {d!.inspectors.length
                ? d!.inspectors.map((i) => (i.id === d!.holderId ? t('map.locate.holder', { name: i.displayName }) : i.displayName)).join(t('map.locate.listSeparator'))
                : t('map.locate.none')}
            </dd>
          </dl>
        )}
      </section>
    </Popup>
  );
}
