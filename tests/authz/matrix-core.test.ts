import { runMatrix } from '../support/authz-suite';
import { CASE_ROWS, CORE_ROWS } from './rows';

/** Accounts, reference data, Open311, cases, photos, the map and the live stream. */
runMatrix('authorization matrix: core, cases, photos, map, events', [...CORE_ROWS, ...CASE_ROWS], { sse: true });
