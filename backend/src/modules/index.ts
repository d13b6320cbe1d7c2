/**
 * Importing this registers every module's Mongoose models (indexes are created at connect).
 * app.ts imports it; tests that touch models before createApp import it too.
 */
import './users';
import './auth';
import './audit';
import './org';
import './catalogue';
import './geography';
import './open311';
