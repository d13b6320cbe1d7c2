import { CircleMarker } from 'react-leaflet';
import { useTranslation } from 'react-i18next';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { GeoLayers } from '@/components/map/geo-layers';
import { MapView } from '@/components/map/map-view';
import { useMapProjection } from '@/components/map/projection';

function Pin({ kase }: { kase: CaseDto }) {
  const proj = useMapProjection();
  const [lng, lat] = kase.location.coordinates;
  return <CircleMarker center={proj.toLatLng(lng, lat)} radius={9} pathOptions={{ color: '#fff', weight: 3, fillColor: '#c62828', fillOpacity: 1 }} />;
}

/** A small map of where the case is, over its grid cell. */
export function CaseMap({ kase }: { kase: CaseDto }) {
  const { t } = useTranslation();
  const [lng, lat] = kase.location.coordinates;
  return (
    <MapView center={[lng, lat]} zoom={16} className="mini-map" label={t('case.mapLabel', { caseNo: kase.caseNo })}>
      <GeoLayers />
      <Pin kase={kase} />
    </MapView>
  );
}
