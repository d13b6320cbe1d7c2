/**
 * Importing this registers every module's Mongoose models (indexes are created at connect).
 * app.ts imports it; tests that touch models before createApp import it too.
 */
import './users';
import './auth';
import './audit';
import './cases';
import './notifications';
import './org';
import './catalogue';
import './geography';
import './joint-cases';
import './meetings';
import './open311';
import './instructions';
import './evaluations';

// Composition: the case module reaches geography through its port (routing, categories, names).
import { useGeography, useTimelineHooks } from './cases';
import { caseFactHooks } from './evaluations';
import { getCategory, orgLabelsOf, routeIncident } from './geography';
useGeography({ routeIncident, getCategory, orgLabels: orgLabelsOf });

// The evaluation fact projection follows every case timeline (issue 8).
useTimelineHooks(caseFactHooks);
