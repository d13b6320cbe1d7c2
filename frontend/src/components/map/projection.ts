import { createContext, useContext } from 'react';
import L from 'leaflet';
import { gcj02ToWgs84, wgs84ToGcj02 } from '@/lib/gcj02';

/**
 * How WGS84 data is placed on the current base map. With GCJ-02 tiles every coordinate is shifted
 * for display, and a tap on the map is shifted back before it is sent.
 */
export interface MapProjection {
  crs: 'wgs84' | 'gcj02';
  /** WGS84 [lng, lat] → Leaflet LatLng on screen. */
  toLatLng(lng: number, lat: number): L.LatLng;
  /** Screen LatLng → WGS84 [lng, lat]. */
  fromLatLng(ll: L.LatLng): [number, number];
  /** For L.geoJSON's `coordsToLatLng` option (GeoJSON position → LatLng). */
  coordsToLatLng(coords: [number, number] | [number, number, number]): L.LatLng;
}

export function makeProjection(crs: 'wgs84' | 'gcj02'): MapProjection {
  if (crs === 'gcj02') {
    return {
      crs,
      toLatLng: (lng, lat) => {
        const [x, y] = wgs84ToGcj02(lng, lat);
        return L.latLng(y, x);
      },
      fromLatLng: (ll) => gcj02ToWgs84(ll.lng, ll.lat),
      coordsToLatLng: (c) => {
        const [x, y] = wgs84ToGcj02(c[0], c[1]);
        return L.latLng(y, x);
      },
    };
  }
  return {
    crs,
    toLatLng: (lng, lat) => L.latLng(lat, lng),
    fromLatLng: (ll) => [ll.lng, ll.lat],
    coordsToLatLng: (c) => L.latLng(c[1], c[0]),
  };
}

export const MapProjectionContext = createContext<MapProjection>(makeProjection('wgs84'));

export function useMapProjection(): MapProjection {
  return useContext(MapProjectionContext);
}

/** Baisha town (白沙镇), Jiangjin district, Chongqing: the default view. */
export const DEFAULT_CENTER: [number, number] = [106.15, 29.08];
export const DEFAULT_ZOOM = 12;
