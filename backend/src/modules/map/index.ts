export { createMapRouter } from './map.routes';
export { MapIndex } from './map-index';
