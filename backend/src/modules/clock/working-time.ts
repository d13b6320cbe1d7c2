import type { HolidayCalendar } from './holiday-calendar';
import { dayNumberOf, startOfDay } from './shanghai-time';

/**
 * Working time on a "whole working day" basis: every hour of a working day (00:00–24:00 Asia/Shanghai)
 * counts and no hour of a rest day does. Office hours are deliberately not modelled: township
 * enforcement runs patrols and hotlines around the clock, and the stage limits in the catalogue are
 * "N hours not counting rest days", not "N office hours".
 */

/** A calendar with no working day for a whole year is a configuration error, not a long holiday. */
const MAX_CONSECUTIVE_REST_DAYS = 366;

function restDayLimitExceeded(): never {
  throw new RangeError(`calendar has no working day within ${MAX_CONSECUTIVE_REST_DAYS} days`);
}

/** The first working day on or after `day`. */
export function nextWorkingDayOnOrAfter(calendar: HolidayCalendar, day: number): number {
  for (let d = day, n = 0; n <= MAX_CONSECUTIVE_REST_DAYS; d++, n++) {
    if (calendar.isWorkingDayNumber(d)) return d;
  }
  return restDayLimitExceeded();
}

/** The earliest instant ≥ `from` by which `ms` of working time has elapsed since `from`. */
export function advanceWorkingMs(calendar: HolidayCalendar, from: number, ms: number): number {
  let t = from;
  let remaining = ms;
  let restRun = 0;
  while (remaining > 0) {
    const day = dayNumberOf(t);
    const dayEnd = startOfDay(day + 1);
    if (calendar.isWorkingDayNumber(day)) {
      restRun = 0;
      const available = dayEnd - t;
      if (remaining <= available) return t + remaining;
      remaining -= available;
    } else if (++restRun > MAX_CONSECUTIVE_REST_DAYS) {
      restDayLimitExceeded();
    }
    t = dayEnd;
  }
  return t;
}

/** Working milliseconds in [from, to] (0 when `to` ≤ `from`). */
export function workingMsBetween(calendar: HolidayCalendar, from: number, to: number): number {
  let total = 0;
  for (let t = from; t < to; ) {
    const day = dayNumberOf(t);
    const next = Math.min(startOfDay(day + 1), to);
    if (calendar.isWorkingDayNumber(day)) total += next - t;
    t = next;
  }
  return total;
}
