import { useEffect, useState } from 'react';
import { CircleMarker, useMap } from 'react-leaflet';
import type L from 'leaflet';
import { useTranslation } from 'react-i18next';
import { GeoLayers } from '@/components/map/geo-layers';
import { MapView } from '@/components/map/map-view';
import { useMapProjection, type MapProjection } from '@/components/map/projection';

export interface PickedLocation {
  /** WGS84 [lng, lat]. */
  point: [number, number];
  source: 'gps' | 'map';
  accuracyM?: number;
}

interface MapHandle {
  map: L.Map;
  proj: MapProjection;
}

/** Hands the Leaflet map and its projection to the buttons outside the map. */
function MapBridge({ onReady }: { onReady: (h: MapHandle) => void }) {
  const map = useMap();
  const proj = useMapProjection();
  useEffect(() => onReady({ map, proj }), [map, proj, onReady]);
  return null;
}

function PickedMarker({ value, follow }: { value: PickedLocation | null; follow: boolean }) {
  const map = useMap();
  const proj = useMapProjection();
  const ll = value ? proj.toLatLng(value.point[0], value.point[1]) : null;
  useEffect(() => {
    if (ll && follow) map.setView(ll, Math.max(map.getZoom(), 16));
  }, [value, follow]); // eslint-disable-line react-hooks/exhaustive-deps -- ll is derived from value
  return ll ? <CircleMarker center={ll} radius={10} pathOptions={{ color: '#fff', weight: 3, fillColor: '#c62828', fillOpacity: 1 }} /> : null;
}

/**
 * Where the incident is: GPS (navigator.geolocation), a tap on the map, or — for keyboard users —
 * pan the map with the arrow keys and take its centre.
 */
export function LocationPicker({
  value,
  onChange,
  gridIds,
  error,
}: {
  value: PickedLocation | null;
  onChange: (v: PickedLocation) => void;
  gridIds: string[];
  error?: string;
}) {
  const { t } = useTranslation();
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const [locating, setLocating] = useState(false);
  const [gpsError, setGpsError] = useState<string | null>(null);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setGpsError(t('patrol.gpsUnsupported'));
      return;
    }
    setLocating(true);
    setGpsError(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        onChange({ point: [pos.coords.longitude, pos.coords.latitude], source: 'gps', accuracyM: pos.coords.accuracy });
      },
      (err) => {
        setLocating(false);
        setGpsError(t(err.code === err.PERMISSION_DENIED ? 'patrol.gpsDenied' : err.code === err.TIMEOUT ? 'patrol.gpsTimeout' : 'patrol.gpsFailed'));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 30_000 },
    );
  };

  return (
    <fieldset className="location-picker" aria-describedby={error ? 'loc-err' : undefined}>
      <legend>
        {t('patrol.location')} <span className="req">*</span>
      </legend>
      <div className="loc-buttons">
        <button type="button" className="btn" onClick={locate} disabled={locating} data-testid="patrol-gps">
          {locating ? t('patrol.locating') : t('patrol.useGps')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => handle && onChange({ point: handle.proj.fromLatLng(handle.map.getCenter()), source: 'map' })}
          disabled={!handle}
          data-testid="patrol-use-center"
        >
          {t('patrol.useMapCenter')}
        </button>
      </div>
      <p className="hint">{t('patrol.tapHint')}</p>
      <MapView
        className="patrol-map"
        label={t('patrol.mapLabel')}
        testId="patrol-map"
        onMapClick={(p) => onChange({ point: p, source: 'map' })}
      >
        <MapBridge onReady={setHandle} />
        <GeoLayers fitCellIds={gridIds} />
        <PickedMarker value={value} follow={value?.source === 'gps'} />
        <span className="map-crosshair" aria-hidden="true" />
      </MapView>
      <p className="loc-readout" aria-live="polite" data-testid="patrol-location">
        {value
          ? `${t(value.source === 'gps' ? 'patrol.fromGps' : 'patrol.fromMap')}: ${value.point[1].toFixed(6)}, ${value.point[0].toFixed(6)}${
              value.accuracyM ? ` (±${Math.round(value.accuracyM)} m)` : ''
            }`
          : t('patrol.noLocation')}
      </p>
      {gpsError ? (
        <p className="field-error" role="alert">
          {gpsError}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id="loc-err">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

