import { runMatrix } from '../support/authz-suite';
import { WORK_ROWS } from './rows';

/** Instructions (指令) and the half-year evaluation (半年评估). */
runMatrix('authorization matrix: instructions and evaluations', WORK_ROWS);
