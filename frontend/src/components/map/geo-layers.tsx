import { useEffect, useRef } from 'react';
import { GeoJSON, useMap } from 'react-leaflet';
import L from 'leaflet';
import { useTranslation } from 'react-i18next';
import type { Feature, Geometry } from 'geojson';
import { useTeams } from '@/api/get-teams';
import { useGridCells, useZones, type GeoAreaProps, type GeoAreas } from '@/api/get-geography';
import { useLocalName } from '@/lib/i18n';
import { useMapProjection } from './projection';
import { useTeamColors } from './team-colors';

function areaName(p: GeoAreaProps, local: ReturnType<typeof useLocalName>): string {
  const name = typeof p.name === 'string' ? p.name : local(p.name, p.code);
  // Grid cells also show their code and, when the geometry carries one, their village (村、社区).
  const village = p.village as { name?: { zh: string; en: string } } | null | undefined;
  const v = village?.name ? local(village.name) : '';
  return p.zoneId ? [p.code, name, v && !name.startsWith(v) ? v : ''].filter(Boolean).join(' · ') : name;
}

/**
 * Zones (片区) and grid cells (网格) as vector layers coloured by their team. Interactive only for
 * hover labels; clicks pass through to the map (patrol taps a point inside a cell).
 */
export function GeoLayers({
  fitOnLoad = false,
  fitCellIds,
  cells = true,
}: {
  /** Fit the view to all zones once they load. */
  fitOnLoad?: boolean;
  /** Fit the view to these grid cells instead (an inspector's own cells). */
  fitCellIds?: string[];
  cells?: boolean;
}) {
  const zones = useZones();
  const grid = useGridCells();
  const projection = useMapProjection();
  const local = useLocalName();
  const { i18n } = useTranslation();
  const teamColor = useTeamColors();
  const { data: teams } = useTeams();
  const map = useMap();
  const fitted = useRef(false);

  useEffect(() => {
    if (fitted.current) return;
    let target: GeoAreas | null = null;
    if (fitCellIds?.length && grid.data) {
      const ids = new Set(fitCellIds);
      const own = grid.data.features.filter((f) => ids.has(String(f.properties?.id)));
      if (own.length) target = { type: 'FeatureCollection', features: own };
    }
    // With own cells requested, wait for the cells before falling back to the whole area.
    const cellsSettled = !fitCellIds?.length || grid.isSuccess || grid.isError;
    if (!target && cellsSettled && (fitOnLoad || fitCellIds) && zones.data?.features.length) target = zones.data;
    if (!target) return;
    const b = L.geoJSON(target, { coordsToLatLng: projection.coordsToLatLng }).getBounds();
    if (b.isValid()) {
      map.invalidateSize();
      map.fitBounds(b, { padding: [16, 16], animate: false });
      fitted.current = true;
    }
  }, [fitOnLoad, fitCellIds, zones.data, grid.data, grid.isSuccess, grid.isError, projection, map]);

  const label = (f: Feature<Geometry, GeoAreaProps>, layer: L.Layer) => {
    if (f.properties) (layer as L.Path).bindTooltip(areaName(f.properties, local), { sticky: true, direction: 'top' });
  };

  return (
    <>
      {cells && grid.data ? (
        <GeoJSON
          key={`cells-${grid.dataUpdatedAt}-${projection.crs}-${i18n.language}-${teams?.length ?? 0}`}
          data={grid.data}
          coordsToLatLng={projection.coordsToLatLng}
          style={(f) => {
            const p = f?.properties as GeoAreaProps | undefined;
            const c = teamColor(p?.teamId, p?.color ?? p?.colour);
            // An inspector's own cells stand out on the patrol map.
            const own = !!fitCellIds?.includes(String(p?.id));
            return { color: c, weight: own ? 3 : 1, opacity: 0.8, fillColor: c, fillOpacity: own ? 0.3 : 0.14 };
          }}
          onEachFeature={label}
          bubblingMouseEvents
        />
      ) : null}
      {zones.data ? (
        <GeoJSON
          key={`zones-${zones.dataUpdatedAt}-${projection.crs}-${i18n.language}-${teams?.length ?? 0}`}
          data={zones.data}
          coordsToLatLng={projection.coordsToLatLng}
          style={(f) => {
            const p = f?.properties as GeoAreaProps | undefined;
            return { color: teamColor(p?.teamId, p?.color ?? p?.colour), weight: 3, opacity: 0.9, fill: !cells, fillOpacity: 0.08 };
          }}
          onEachFeature={cells ? undefined : label}
          interactive={!cells}
        />
      ) : null}
    </>
  );
}
