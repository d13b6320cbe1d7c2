import type { Config } from '../config';
import type { Logger } from './logger';

/** "Now", injected so tests can set the time (deadlines, 90-day limits, token expiry). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What every module's router and service factory is given. */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
}
