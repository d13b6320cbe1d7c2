/**
 * The clock engine: statutory and operational deadlines as pure functions of instants, a holiday
 * calendar, paused intervals and approved extensions. No I/O, no "now": callers pass `ctx.clock.now()`.
 *
 * Counting rules (see README.md for the cases behind them):
 *  - Day limits (日): the day of the triggering event is not counted; the limit ends at 24:00 Asia/Shanghai
 *    of the last counted day (《民法典》第二百零一条、第二百零三条第二款; same rule in 《民事诉讼法》's
 *    期间 article, 第八十五条 of the 2021 text). The function returns that instant: something done at or
 *    before it is on time, anything after it is late.
 *  - Last day on a rest day (法定休假日, which includes ordinary weekends but not 调休 make-up days): the
 *    limit ends with the next working day (《民法典》第二百零三条第一款). Option `endOnHolidayExtends`,
 *    on by default; off gives plain calendar counting for internal limits that say 自然日.
 *  - Working days (工作日): 《行政处罚法》(2021) 第八十五条 — 本法中"二日""三日""五日""七日"的规定是指
 *    工作日，不含法定节假日. `addStatutoryDays` applies it: 2/3/5/7 → working days, anything else → calendar
 *    days with the rest-day rule (e.g. the 90-day decision limit of 第六十条, 15 days to pay a fine, 第六十七条).
 *  - Hours: counted from the event instant (《民法典》第二百零一条第二款), either straight through or,
 *    in working mode, only during working days (whole-day basis, see working-time.ts).
 */
import { defaultCalendar, type HolidayCalendar } from './holiday-calendar';
import { normalisePauses, pausedMsWithin, type Pause } from './clock-intervals';
import { ceilToDayEnd, dayNumberFromKey, dayNumberOf, HOUR_MS, startOfDay, toMs, type Instant } from './shanghai-time';
import { advanceWorkingMs, nextWorkingDayOnOrAfter, workingMsBetween } from './working-time';

export type LimitUnit = 'hours' | 'workingHours' | 'calendarDays' | 'workingDays';

/** A time limit: `amount` hours (may be fractional) or whole days. */
export interface Limit {
  unit: LimitUnit;
  amount: number;
}

/** An approved extension (延长/延期). Only approved extensions are recorded, so approval is mandatory. */
export interface Extension {
  amount: number;
  unit: LimitUnit;
  approvedBy: string;
  approvedAt: Instant;
}

export interface CalendarDaysOptions {
  /** Used for the rest-day rule; defaults to `defaultCalendar`. Pass the configured calendar. */
  calendar?: HolidayCalendar;
  /** Move a last day that is a rest day to the next working day (民法典第二百零三条). Default `true`. */
  endOnHolidayExtends?: boolean;
}

export interface DueAtInput {
  /** The triggering event (立案, 派遣, 告知 …). */
  start: Instant;
  limit: Limit;
  /** Intervals that do not count; a pause that starts after the limit has run out changes nothing. */
  pauses?: readonly Pause[];
  extensions?: readonly Extension[];
  calendar: HolidayCalendar;
  /** Rest-day rule for `calendarDays` limits (working-day limits always end on a working day). Default `true`. */
  endOnHolidayExtends?: boolean;
}

export type ClockStatus = 'ok' | 'warning' | 'overdue';

/** 《行政处罚法》第六十条: a decision within 90 days of filing (立案). */
export const DECISION_LIMIT_DAYS = 90;
/** 《行政处罚法》第八十五条: these day counts in the Penalty Law are working days. */
export const PENALTY_LAW_WORKING_DAY_LIMITS: readonly number[] = Object.freeze([2, 3, 5, 7]);

function wholeDays(days: number): number {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a non-negative integer, got ${days}`);
  return days;
}

function hoursMs(hours: number): number {
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite non-negative number, got ${hours}`);
  return hours * HOUR_MS;
}

/** Whether the Asia/Shanghai day of `date` (an instant, or a `YYYY-MM-DD` key) is a working day. */
export function isWorkingDay(calendar: HolidayCalendar, date: Instant | string): boolean {
  const day = typeof date === 'string' ? dayNumberFromKey(date) : dayNumberOf(date);
  return calendar.isWorkingDayNumber(day);
}

/** 24:00 of the `days`-th day after `fromDay` (the from-day itself not counted), without the rest-day rule. */
function endOfCalendarDays(fromDay: number, days: number): number {
  return startOfDay(fromDay + days + 1);
}

/** 24:00 of the `days`-th working day after `fromDay`; 0 days = end of the first working day from `fromDay` on. */
function endOfWorkingDays(calendar: HolidayCalendar, fromDay: number, days: number): number {
  let day = days === 0 ? nextWorkingDayOnOrAfter(calendar, fromDay) : fromDay;
  for (let i = 0; i < days; i++) day = nextWorkingDayOnOrAfter(calendar, day + 1);
  return startOfDay(day + 1);
}

/** Moves an end-of-day deadline whose last day is a rest day to 24:00 of the next working day. */
function endOnWorkingDay(calendar: HolidayCalendar, deadline: number): number {
  const lastDay = dayNumberOf(deadline - 1);
  return startOfDay(nextWorkingDayOnOrAfter(calendar, lastDay) + 1);
}

/**
 * `days` calendar days after `start`: 24:00 Asia/Shanghai of the `days`-th day after the start day,
 * moved to the end of the next working day when that day is a rest day (unless `endOnHolidayExtends: false`).
 */
export function addCalendarDays(start: Instant, days: number, options: CalendarDaysOptions = {}): Date {
  const { calendar = defaultCalendar, endOnHolidayExtends = true } = options;
  const end = endOfCalendarDays(dayNumberOf(start), wholeDays(days));
  return new Date(endOnHolidayExtends ? endOnWorkingDay(calendar, end) : end);
}

/**
 * `days` working days after `start`: 24:00 Asia/Shanghai of the `days`-th working day after the start day
 * (make-up days count, holidays and weekends do not). 0 days: the end of the start day if it is a working
 * day, else of the next working day.
 */
export function addWorkingDays(calendar: HolidayCalendar, start: Instant, days: number): Date {
  return new Date(endOfWorkingDays(calendar, dayNumberOf(start), wholeDays(days)));
}

/**
 * Day limits "of this Law" in the Administrative Penalty Law: 2, 3, 5 and 7 days are working days
 * (第八十五条); any other count is calendar days with the rest-day rule.
 */
export function addStatutoryDays(calendar: HolidayCalendar, start: Instant, days: number): Date {
  return PENALTY_LAW_WORKING_DAY_LIMITS.includes(days)
    ? addWorkingDays(calendar, start, days)
    : addCalendarDays(start, days, { calendar, endOnHolidayExtends: true });
}

/**
 * `hours` after `start` for operational stage limits. `calendar` mode counts every hour; `working` mode
 * counts only hours that fall on working days (whole 24-hour days, see working-time.ts), so a limit that
 * starts on a holiday starts running at 00:00 of the next working day.
 */
export function addHours(calendar: HolidayCalendar, start: Instant, hours: number, options: { mode: 'calendar' | 'working' }): Date {
  const from = toMs(start);
  const ms = hoursMs(hours);
  return new Date(options.mode === 'working' ? advanceWorkingMs(calendar, from, ms) : from + ms);
}

/**
 * Adds an amount to a point. `anchor: 'event'` counts days from the day the instant falls in (the event
 * day, not counted); `'deadline'` continues a running limit from its last day, so "90 days + 30 days"
 * ends on the same day as "120 days".
 */
function addAmount(calendar: HolidayCalendar, from: number, unit: LimitUnit, amount: number, anchor: 'event' | 'deadline'): number {
  const fromDay = anchor === 'event' ? dayNumberOf(from) : dayNumberOf(from - 1);
  switch (unit) {
    case 'hours':
      return from + hoursMs(amount);
    case 'workingHours':
      return advanceWorkingMs(calendar, from, hoursMs(amount));
    case 'calendarDays':
      return endOfCalendarDays(fromDay, wholeDays(amount));
    case 'workingDays':
      return endOfWorkingDays(calendar, fromDay, wholeDays(amount));
    default:
      throw new RangeError(`unknown limit unit: ${String(unit satisfies never)}`);
  }
}

function checkApproved(ext: Extension): number {
  if (typeof ext.approvedBy !== 'string' || ext.approvedBy.trim() === '') {
    throw new RangeError('an extension must record who approved it');
  }
  return toMs(ext.approvedAt);
}

/**
 * The instant a limit runs out, or `null` while the clock is stopped by an open pause.
 *
 * 1. The limit is counted from `start` (rules above), without the rest-day rule yet.
 * 2. Approved extensions are added in approval order, continuing from the current end. The engine does
 *    not judge whether an extension was approved in time: the workflow that records it must refuse a
 *    late one (it can ask this function for the due time at the approval instant).
 * 3. Pauses, merged and in order: each pause that starts no later than the current due time pushes it
 *    back by its length (only its working time for working-day/working-hour limits, since rest time was
 *    not counting anyway); an open pause that starts in time stops the clock (`null`). A pause that starts
 *    while the limit runs on only because its last day was moved off a rest day keeps what was left of it.
 * 4. Day limits are rounded up to 24:00 of their day (a day limit always ends at the end of a day, so a
 *    partial day of pause gives back that whole day) and then moved off rest days: always for working
 *    days, for calendar days when `endOnHolidayExtends` (default).
 */
export function dueAt(input: DueAtInput): Date | null {
  const { limit, pauses = [], extensions = [], calendar, endOnHolidayExtends = true } = input;
  const start = toMs(input.start);
  let end = addAmount(calendar, start, limit.unit, limit.amount, 'event');

  const approved = extensions.map((ext) => ({ ext, at: checkApproved(ext) })).sort((a, b) => a.at - b.at);
  for (const { ext } of approved) end = addAmount(calendar, end, ext.unit, ext.amount, 'deadline');

  const working = limit.unit === 'workingDays' || limit.unit === 'workingHours';
  const dayLimit = limit.unit === 'calendarDays' || limit.unit === 'workingDays';
  const moveOffRestDays = limit.unit === 'workingDays' || endOnHolidayExtends;
  const finish = (raw: number): number => {
    if (!dayLimit) return raw;
    const dayEnd = ceilToDayEnd(raw);
    return moveOffRestDays ? endOnWorkingDay(calendar, dayEnd) : dayEnd;
  };

  for (const pause of normalisePauses(pauses, start)) {
    const effective = finish(end);
    if (pause.start > effective) break;
    if (pause.end === null) return null;
    // Paused during the rest-day grace (counted days over, last day moved off a holiday): the grace left is kept.
    if (pause.start > end) end = effective;
    end = working
      ? advanceWorkingMs(calendar, end, workingMsBetween(calendar, pause.start, pause.end))
      : end + (pause.end - pause.start);
  }
  return new Date(finish(end));
}

/**
 * The decision limit of a penalty case: 90 calendar days from filing (立案, 《行政处罚法》第六十条), the filing
 * day not counted, the rest-day rule applied, paused intervals (hearing, appraisal, public notice …)
 * excluded and approved extensions (e.g. market regulation: +30 days with the head's approval) added.
 * `null` while a pause is open.
 */
export function decisionLimit(input: {
  filedAt: Instant;
  pauses?: readonly Pause[];
  extensions?: readonly Extension[];
  calendar: HolidayCalendar;
}): Date | null {
  return dueAt({
    start: input.filedAt,
    limit: { unit: 'calendarDays', amount: DECISION_LIMIT_DAYS },
    pauses: input.pauses,
    extensions: input.extensions,
    calendar: input.calendar,
    endOnHolidayExtends: true,
  });
}

/** Active milliseconds between `start` and `end` with paused time excluded (an open pause runs to `end`). */
export function elapsed(input: { start: Instant; end: Instant; pauses?: readonly Pause[] }): number {
  const start = toMs(input.start);
  const end = toMs(input.end);
  if (end < start) throw new RangeError('elapsed: end is before start');
  return end - start - pausedMsWithin(input.pauses ?? [], start, end);
}

/**
 * 'overdue' once `now` is past `dueAt` (at `dueAt` exactly it is still on time), 'warning' (预警) when less
 * than `warnBeforeMs` remains (0 disables warnings), else 'ok'.
 */
export function status(input: { dueAt: Instant; now: Instant; warnBeforeMs: number }): ClockStatus {
  const due = toMs(input.dueAt);
  const now = toMs(input.now);
  if (!Number.isFinite(input.warnBeforeMs) || input.warnBeforeMs < 0) throw new RangeError('warnBeforeMs must be ≥ 0');
  if (now > due) return 'overdue';
  return due - now < input.warnBeforeMs ? 'warning' : 'ok';
}
