import { runMatrix } from '../support/authz-suite';
import { JOINT_ROWS } from './rows';

/** Joint cases (联合办案) and liaison meetings (联席会议). */
runMatrix('authorization matrix: joint cases and meetings', JOINT_ROWS);
