/** Open311 GeoReport v2 (/open311/v2) and the admin API of its client systems (/api/v1/open311-clients). */
export { Open311ClientModel, Open311RequestInfoModel, Open311RateSlotModel } from './open311.model';
export { createOpen311Router } from './open311.routes';
export { createOpen311ClientsRouter } from './open311-clients.routes';
export { createClient as createOpen311Client } from './open311-clients.service';
