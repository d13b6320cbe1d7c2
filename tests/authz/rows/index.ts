import type { Row } from '../../support/authz-matrix';
import { CASE_ROWS } from './cases';
import { CORE_ROWS } from './core';
import { JOINT_ROWS } from './joint';
import { WORK_ROWS } from './work';

export { CASE_ROWS, CORE_ROWS, JOINT_ROWS, WORK_ROWS };

/** Every row of the matrix; endpoint-coverage.test.ts holds it against the router. */
export const ALL_ROWS: Row[] = [...CORE_ROWS, ...CASE_ROWS, ...JOINT_ROWS, ...WORK_ROWS];
