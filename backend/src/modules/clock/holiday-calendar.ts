import { dayKeyOf, dayNumberFromKey, weekdayOf } from './shanghai-time';

/**
 * China's public holidays (法定节假日, incl. the days the State Council adds by 调休) and make-up
 * working days (调休上班). Plain data so configuration can replace or extend it. A day listed in
 * neither list is a working day Monday–Friday and a rest day (公休日) on Saturday and Sunday.
 */
export interface HolidayCalendarData {
  /** Rest days that would otherwise be working days, or holidays on a weekend (harmless), `YYYY-MM-DD`. */
  holidays: readonly string[];
  /** Saturdays or Sundays worked to make up for a holiday block (调休上班), `YYYY-MM-DD`. */
  workdays: readonly string[];
}

/** A validated, immutable calendar. Days are Asia/Shanghai day numbers (see shanghai-time.ts). */
export interface HolidayCalendar {
  /** The normalised data the calendar was built from (sorted, de-duplicated, frozen). */
  readonly data: HolidayCalendarData;
  /** Years that have at least one entry; outside them only weekends are rest days. */
  readonly years: readonly number[];
  isWorkingDayNumber(day: number): boolean;
}

/**
 * 2026, from 国务院办公厅关于2026年部分节假日安排的通知 (published 2025-11-04, checked against the
 * Xinhua text): 元旦 Jan 1–3, Jan 4 (Sun) worked; 春节 Feb 15–23, Feb 14 (Sat) and Feb 28 (Sat) worked;
 * 清明 Apr 4–6; 劳动节 May 1–5, May 9 (Sat) worked; 端午 Jun 19–21; 中秋 Sep 25–27; 国庆 Oct 1–7,
 * Sep 20 (Sun) and Oct 10 (Sat) worked.
 */
export const CHINA_2026: HolidayCalendarData = {
  holidays: [
    '2026-01-01', '2026-01-02', '2026-01-03',
    '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21',
    '2026-02-22', '2026-02-23',
    '2026-04-04', '2026-04-05', '2026-04-06',
    '2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05',
    '2026-06-19', '2026-06-20', '2026-06-21',
    '2026-09-25', '2026-09-26', '2026-09-27',
    '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07',
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * 2027, PROVISIONAL: the State Council had not published the 2027 arrangement when this was written.
 * Replace this block (holidays and make-up working days) through configuration as soon as it does.
 * Built from 《全国年节及纪念日放假办法》 (2024 revision, in force 2025) on the 2027 lunar/solar dates:
 *  - statutory days: 元旦 Jan 1; 春节 除夕 Feb 5 – 初三 Feb 8 (初一 = Feb 6); 清明 Apr 5; 劳动节 May 1–2;
 *    端午 Jun 9; 中秋 Sep 15; 国庆 Oct 1–3;
 *  - compensating weekdays (补假) for statutory days on a weekend, which Art. 6 of the measures
 *    requires, placed on the next weekdays as custom has it: Feb 9–10, May 3–4, Oct 4–5;
 *  - Oct 6–7, so the 国庆 golden week spans Oct 1–7 as it has every year; the make-up working days
 *    that will pay for them are unknown, so none are listed.
 */
export const CHINA_2027_PROVISIONAL: HolidayCalendarData = {
  holidays: [
    '2027-01-01',
    '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10',
    '2027-04-05',
    '2027-05-01', '2027-05-02', '2027-05-03', '2027-05-04',
    '2027-06-09',
    '2027-09-15',
    '2027-10-01', '2027-10-02', '2027-10-03', '2027-10-04', '2027-10-05', '2027-10-06', '2027-10-07',
  ],
  workdays: [],
};

/** The data `defaultCalendar` is built from: 2026 (published) and 2027 (provisional). */
export const DEFAULT_CALENDAR_DATA: HolidayCalendarData = {
  holidays: [...CHINA_2026.holidays, ...CHINA_2027_PROVISIONAL.holidays],
  workdays: [...CHINA_2026.workdays, ...CHINA_2027_PROVISIONAL.workdays],
};

function parseAll(keys: readonly string[], list: string): Set<number> {
  if (!Array.isArray(keys)) throw new RangeError(`calendar ${list} must be an array of YYYY-MM-DD strings`);
  return new Set(keys.map((k) => dayNumberFromKey(k)));
}

/**
 * Builds a calendar from data (e.g. from configuration). Throws a `RangeError` on a malformed or
 * impossible date, on a day listed both as holiday and as workday, and on a "make-up workday" that is
 * not a Saturday or Sunday (a weekday is a working day already, so such an entry is a data error).
 */
export function createCalendar(data: HolidayCalendarData): HolidayCalendar {
  const holidays = parseAll(data.holidays, 'holidays');
  const workdays = parseAll(data.workdays, 'workdays');
  for (const day of workdays) {
    if (holidays.has(day)) throw new RangeError(`${dayKeyOf(day)} is listed as holiday and as workday`);
    const wd = weekdayOf(day);
    if (wd !== 0 && wd !== 6) throw new RangeError(`make-up workday ${dayKeyOf(day)} is not a Saturday or Sunday`);
  }
  const sortedKeys = (s: Set<number>) => Object.freeze([...s].sort((a, b) => a - b).map(dayKeyOf));
  const normalised: HolidayCalendarData = Object.freeze({ holidays: sortedKeys(holidays), workdays: sortedKeys(workdays) });
  const years = Object.freeze(
    [...new Set([...normalised.holidays, ...normalised.workdays].map((k) => Number(k.slice(0, 4))))].sort((a, b) => a - b),
  );
  return Object.freeze({
    data: normalised,
    years,
    isWorkingDayNumber(day: number): boolean {
      if (workdays.has(day)) return true;
      if (holidays.has(day)) return false;
      const wd = weekdayOf(day);
      return wd !== 0 && wd !== 6;
    },
  });
}

/** China 2026 (published) + 2027 (provisional, see `CHINA_2027_PROVISIONAL`). */
export const defaultCalendar: HolidayCalendar = createCalendar(DEFAULT_CALENDAR_DATA);
