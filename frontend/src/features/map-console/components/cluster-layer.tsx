import { useEffect, useMemo, useRef, useState } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import L from 'leaflet';
import { useTranslation } from 'react-i18next';
import { useMapProjection, type MapProjection } from '@/components/map/projection';
import { useClusters, type ClusterFeature, type MapFilters, type Viewport } from '../api/get-clusters';

const STATUS_COLORS: Record<string, string> = {
  reported: '#f5a623',
  filed: '#2563eb',
  dispatched: '#4f46e5',
  in_progress: '#0891b2',
  resolved: '#16a34a',
  closed: '#6b7280',
  rejected: '#9333ea',
  merged: '#9333ea',
};

function viewOf(map: L.Map, proj: MapProjection): Viewport {
  // A margin around the screen so a short pan shows markers at once.
  const b = map.getBounds().pad(0.25);
  const [w, s] = proj.fromLatLng(b.getSouthWest());
  const [e, n] = proj.fromLatLng(b.getNorthEast());
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  return { bbox: [clamp(w, -180, 180), clamp(s, -90, 90), clamp(e, -180, 180), clamp(n, -90, 90)], zoom: Math.round(map.getZoom()) };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `data-lng`/`data-lat` (WGS84) let browser tests find the marker or cluster nearest a place. */
const at = (lngLat: [number, number] | undefined) => (lngLat ? ` data-lng="${lngLat[0]}" data-lat="${lngLat[1]}"` : '');

/**
 * Icons by content: an unchanged marker keeps its icon object across answers, so Leaflet does not
 * rebuild its element on every pan (react-leaflet calls setIcon only for a new icon object).
 */
const iconCache = new Map<string, L.DivIcon>();
function cached(key: string, make: () => L.DivIcon): L.DivIcon {
  let icon = iconCache.get(key);
  if (!icon) {
    if (iconCache.size > 5000) iconCache.clear();
    icon = make();
    iconCache.set(key, icon);
  }
  return icon;
}

function caseIcon(id: string, caseNo: string, status: string, overdue: boolean, selected: boolean, lngLat?: [number, number]): L.DivIcon {
  return cached(`p|${id}|${caseNo}|${status}|${overdue}|${selected}|${lngLat?.join()}`, () => makeCaseIcon(id, caseNo, status, overdue, selected, lngLat));
}

function makeCaseIcon(id: string, caseNo: string, status: string, overdue: boolean, selected: boolean, lngLat?: [number, number]): L.DivIcon {
  const size = selected ? 22 : 16;
  return L.divIcon({
    className: 'case-marker-wrap',
    html: `<span class="case-marker${overdue ? ' overdue' : ''}${selected ? ' selected' : ''}" style="background:${STATUS_COLORS[status] ?? '#444'}" data-testid="case-marker" data-case-id="${esc(id)}" data-case-no="${esc(caseNo)}" data-status="${esc(status)}"${at(lngLat)}></span>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

function clusterIcon(count: number, overdue: boolean, lngLat?: [number, number]): L.DivIcon {
  return cached(`c|${count}|${overdue}|${lngLat?.join()}`, () => makeClusterIcon(count, overdue, lngLat));
}

function makeClusterIcon(count: number, overdue: boolean, lngLat?: [number, number]): L.DivIcon {
  const size = Math.round(Math.min(64, 28 + Math.log10(Math.max(1, count)) * 12));
  const label = count >= 10000 ? `${Math.round(count / 1000)}k` : String(count);
  return L.divIcon({
    className: 'cluster-wrap',
    html: `<div class="cluster-icon${overdue ? ' has-overdue' : ''}" style="width:${size}px;height:${size}px" data-testid="cluster-marker" data-count="${count}"${at(lngLat)}>${label}</div>`,
    iconSize: [size, size],
    iconAnchor: [size / 2, size / 2],
  });
}

interface MarkerState {
  marker: L.Marker;
  feature: ClusterFeature;
}

/**
 * Clustered incident markers for the current viewport and zoom. A cluster zooms in on click (or
 * Enter); a case marker selects the case. Markers are keyboard-focusable (Leaflet's `keyboard`).
 *
 * The markers are managed directly in one Leaflet layer group rather than as one React component
 * each: at 100,000 incidents a zoom replaces about a thousand markers, and diffing them here (keep
 * a marker whose cluster or case is still there, move it, swap its icon only when it changed)
 * skips a React element, its effects and its reconciliation per marker.
 */
export function ClusterLayer({
  filters,
  selectedId,
  onSelect,
  onStats,
}: {
  filters: MapFilters;
  selectedId: string | null;
  onSelect: (caseId: string) => void;
  onStats: (s: { count: number; error: unknown; fetching: boolean }) => void;
}) {
  const { t } = useTranslation();
  const map = useMap();
  const proj = useMapProjection();
  const [view, setView] = useState<Viewport>(() => viewOf(map, proj));
  useMapEvents({ moveend: () => setView(viewOf(map, proj)) });
  const q = useClusters(view, filters);
  const features = useMemo(() => q.data ?? [], [q.data]);

  const count = features.reduce((n, f) => n + (f.properties.cluster ? (f.properties.point_count ?? 0) : 1), 0);
  useEffect(() => onStats({ count, error: q.error, fetching: q.isFetching }), [count, q.error, q.isFetching, onStats]);

  const group = useMemo(() => L.layerGroup(), []);
  const markers = useRef(new Map<string, MarkerState>());
  // The latest callbacks, read by the markers' click handlers (created once per marker).
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    group.addTo(map);
    return () => {
      group.remove();
    };
  }, [map, group]);

  useEffect(() => {
    const next = new Map<string, MarkerState>();
    for (const f of features) {
      const p = f.properties;
      const lngLat = f.geometry.coordinates as [number, number];
      const pos = proj.toLatLng(lngLat[0], lngLat[1]);
      let key: string;
      let icon: L.DivIcon;
      let title: string;
      let z = 0;
      if (p.cluster) {
        const n = p.point_count ?? 0;
        // Cluster ids encode their zoom; the count keeps a rebuilt index from reusing a marker.
        key = `c-${p.cluster_id}-${n}`;
        icon = clusterIcon(n, (p.overdue_count ?? 0) > 0, lngLat);
        title = t('map.clusterTitle', { count: n });
      } else if (p.caseId) {
        key = `p-${p.caseId}`;
        icon = caseIcon(p.caseId, p.caseNo ?? '', p.status ?? '', !!p.overdue, p.caseId === selectedId, lngLat);
        title = `${p.caseNo ?? ''} ${t(`status.${p.status ?? ''}`, { defaultValue: p.status ?? '' })}${p.overdue ? ` · ${t('case.overdue')}` : ''}`;
        z = p.caseId === selectedId ? 1000 : p.overdue ? 500 : 0;
      } else continue;
      const had = markers.current.get(key) ?? next.get(key);
      if (had) {
        const m = had.marker;
        if (m.options.icon !== icon) m.setIcon(icon);
        const ll = m.getLatLng();
        if (ll.lat !== pos.lat || ll.lng !== pos.lng) m.setLatLng(pos);
        if ((m.options.zIndexOffset ?? 0) !== z) m.setZIndexOffset(z);
        if (m.options.title !== title) {
          m.options.title = title;
          m.getElement()?.setAttribute('title', title);
        }
        had.feature = f;
        next.set(key, had);
        continue;
      }
      const state: MarkerState = { marker: L.marker(pos, { icon, title, zIndexOffset: z, keyboard: true }), feature: f };
      state.marker.on('click', () => {
        const fp = state.feature.properties;
        if (fp.cluster) {
          const target = state.marker.getLatLng();
          map.setView(target, Math.min(map.getMaxZoom() || 19, Math.max(map.getZoom() + 1, fp.expansionZoom ?? map.getZoom() + 2)));
        } else if (fp.caseId) select.current(fp.caseId);
      });
      group.addLayer(state.marker);
      next.set(key, state);
    }
    for (const [key, st] of markers.current) if (!next.has(key)) group.removeLayer(st.marker);
    markers.current = next;
  }, [features, selectedId, proj, group, map, t]);

  return null;
}
