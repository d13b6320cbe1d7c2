import { useEffect, useMemo, type ReactNode } from 'react';
import { MapContainer, TileLayer, useMap, useMapEvents } from 'react-leaflet';
import type L from 'leaflet';
import { useTranslation } from 'react-i18next';
import { useAppConfig } from '@/api/get-config';
import { DEFAULT_CENTER, DEFAULT_ZOOM, MapProjectionContext, makeProjection, type MapProjection } from './projection';

interface MapViewProps {
  /** WGS84 [lng, lat]. */
  center?: [number, number];
  zoom?: number;
  className?: string;
  /** Accessible name of the map region. */
  label: string;
  testId?: string;
  /** Called with the WGS84 [lng, lat] of a click or tap. */
  onMapClick?: (lngLat: [number, number]) => void;
  children?: ReactNode;
}

function ClickHandler({ projection, onMapClick }: { projection: MapProjection; onMapClick: (p: [number, number]) => void }) {
  useMapEvents({
    click: (e: L.LeafletMouseEvent) => onMapClick(projection.fromLatLng(e.latlng)),
  });
  return null;
}

/** Leaflet measures its container once; a side panel opening or a phone rotating changes it. */
function AutoResize() {
  const map = useMap();
  useEffect(() => {
    const el = map.getContainer();
    // Skip when the map is being torn down (Leaflet throws on a removed map's panes).
    const ro = new ResizeObserver(() => {
      if (el.isConnected && el.clientWidth > 0) map.invalidateSize({ debounceMoveend: true, animate: false });
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [map]);
  return null;
}

/**
 * The base map: the tile layer from `GET /config` (none when the URL is empty, e.g. offline
 * deployments — the vector layers still show), and the WGS84→GCJ-02 display shift when needed.
 */
export function MapView({ center = DEFAULT_CENTER, zoom = DEFAULT_ZOOM, className, label, testId, onMapClick, children }: MapViewProps) {
  const { t } = useTranslation();
  const { data: cfg, isPending } = useAppConfig();
  const crs = cfg?.tileCrs ?? 'wgs84';
  const projection = useMemo(() => makeProjection(crs), [crs]);
  if (isPending) return <div className={`map-view map-loading ${className ?? ''}`}>{t('common.loading')}</div>;
  const c = projection.toLatLng(center[0], center[1]);
  return (
    <MapProjectionContext.Provider value={projection}>
      <div className={`map-view ${className ?? ''}`} role="region" aria-label={label} data-testid={testId}>
        <MapContainer key={crs} center={c} zoom={zoom} preferCanvas className="map-canvas" attributionControl>
          {cfg?.tileUrl ? <TileLayer url={cfg.tileUrl} attribution={cfg.tileAttribution} maxZoom={19} /> : null}
          <AutoResize />
          {onMapClick ? <ClickHandler projection={projection} onMapClick={onMapClick} /> : null}
          {children}
        </MapContainer>
      </div>
    </MapProjectionContext.Provider>
  );
}
