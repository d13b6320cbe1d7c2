import { useEffect, useRef } from 'react';
import { GeoJSON, useMap } from 'react-leaflet';
import L from 'leaflet';
import { useTranslation } from 'react-i18next';
import type { Feature, Geometry } from 'geojson';
import { useGridCells, useZones, type GeoAreaProps } from '@/api/get-geography';
import { useLocalName } from '@/lib/i18n';
import { useMapProjection } from './projection';
import { teamColor } from './team-colors';

function areaName(p: GeoAreaProps, local: ReturnType<typeof useLocalName>): string {
  if (typeof p.name === 'string') return p.name;
  return local(p.name, p.code);
}

/**
 * Zones (片区) and grid cells (网格) as vector layers coloured by their team. Interactive only for
 * hover labels; clicks pass through to the map (patrol taps a point inside a cell).
 */
export function GeoLayers({ fitOnLoad = false, cells = true }: { fitOnLoad?: boolean; cells?: boolean }) {
  const zones = useZones();
  const grid = useGridCells();
  const projection = useMapProjection();
  const local = useLocalName();
  const { i18n } = useTranslation();
  const map = useMap();
  const fitted = useRef(false);

  useEffect(() => {
    if (!fitOnLoad || fitted.current || !zones.data?.features.length) return;
    const layer = L.geoJSON(zones.data, { coordsToLatLng: projection.coordsToLatLng });
    const b = layer.getBounds();
    if (b.isValid()) {
      map.fitBounds(b, { padding: [16, 16] });
      fitted.current = true;
    }
  }, [fitOnLoad, zones.data, projection, map]);

  const label = (f: Feature<Geometry, GeoAreaProps>, layer: L.Layer) => {
    if (f.properties) (layer as L.Path).bindTooltip(areaName(f.properties, local), { sticky: true, direction: 'top' });
  };

  return (
    <>
      {cells && grid.data ? (
        <GeoJSON
          key={`cells-${grid.dataUpdatedAt}-${projection.crs}-${i18n.language}`}
          data={grid.data}
          coordsToLatLng={projection.coordsToLatLng}
          style={(f) => {
            const p = f?.properties as GeoAreaProps | undefined;
            const c = teamColor(p?.teamId, p?.color);
            return { color: c, weight: 1, opacity: 0.8, fillColor: c, fillOpacity: 0.14 };
          }}
          onEachFeature={label}
          bubblingMouseEvents
        />
      ) : null}
      {zones.data ? (
        <GeoJSON
          key={`zones-${zones.dataUpdatedAt}-${projection.crs}-${i18n.language}`}
          data={zones.data}
          coordsToLatLng={projection.coordsToLatLng}
          style={(f) => {
            const p = f?.properties as GeoAreaProps | undefined;
            return { color: teamColor(p?.teamId, p?.color), weight: 3, opacity: 0.9, fill: !cells, fillOpacity: 0.08 };
          }}
          onEachFeature={cells ? undefined : label}
          interactive={!cells}
        />
      ) : null}
    </>
  );
}
