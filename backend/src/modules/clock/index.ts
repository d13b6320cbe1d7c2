/** Clock engine (statutory and operational deadlines): pure, no I/O. See README.md for the counting rules. */
export {
  addCalendarDays,
  addHours,
  addStatutoryDays,
  addWorkingDays,
  decisionLimit,
  dueAt,
  elapsed,
  isWorkingDay,
  status,
  DECISION_LIMIT_DAYS,
  PENALTY_LAW_WORKING_DAY_LIMITS,
  type CalendarDaysOptions,
  type ClockStatus,
  type DueAtInput,
  type Extension,
  type Limit,
  type LimitUnit,
} from './clock.workflow';
export type { Pause } from './clock-intervals';
export {
  createCalendar,
  defaultCalendar,
  CHINA_2026,
  CHINA_2027_PROVISIONAL,
  DEFAULT_CALENDAR_DATA,
  type HolidayCalendar,
  type HolidayCalendarData,
} from './holiday-calendar';
export { SHANGHAI_OFFSET_MS, type Instant } from './shanghai-time';
