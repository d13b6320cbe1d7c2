/**
 * Geography: versioned zone and grid-cell geometry (GeoJSON in, GeoJSON out), import validation,
 * and the tiered router used when a case is created.
 */
export { GeoLayerModel, GeoChunkModel, GeoActivationModel } from './geo-layer.model';
export { GeoImportModel } from './geo-import.model';
export { routeIncident, locateCell } from './routing.service';
export type { RouteResult } from './routing.workflow';
export { getCategory, type Category } from '../catalogue';
export { orgLabelsOf } from './route-facts.service';
export { importGeometry, startImport } from './geo-import.service';
export { exportLayer, listVersions } from './geo-export.service';
export { loadDemoGeography, linkDemoStaff, demoStaffPlan } from './demo-geography.loader';
export { loadCategories } from '../catalogue';
export { createGeographyRouter } from './geography.routes';
export { createRoutingRouter } from './routing.routes';
