import * as fc from 'fast-check';
import { defaultCalendar as calendar } from './holiday-calendar';
import { addCalendarDays, addHours, addWorkingDays, dueAt, elapsed, type Extension, type Limit } from './clock.workflow';
import type { Pause } from './clock-intervals';
import { dayNumberOf, SHANGHAI_OFFSET_MS } from './shanghai-time';
import { DAY, HOUR } from './test-helpers';

/** Instants from Dec 2025 to Dec 2027: the years the default calendar covers, plus both year ends. */
const instant = fc.integer({ min: Date.parse('2025-12-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') });
const days = fc.integer({ min: 0, max: 200 });
/** Whole minutes expressed in hours, so fractional limits are covered without sub-millisecond noise. */
const hours = fc.integer({ min: 0, max: 2000 * 60 }).map((minutes) => minutes / 60);
const limit: fc.Arbitrary<Limit> = fc.oneof(
  fc.record({ unit: fc.constantFrom('calendarDays' as const, 'workingDays' as const), amount: days }),
  fc.record({ unit: fc.constantFrom('hours' as const, 'workingHours' as const), amount: hours }),
);
/** Pauses placed relative to the start: some before it, most inside a plausible limit, some open. */
const pauseAt = (start: number, allowOpen: boolean): fc.Arbitrary<Pause> =>
  fc
    .record({
      offset: fc.integer({ min: -5 * DAY, max: 200 * DAY }),
      length: fc.integer({ min: 0, max: 30 * DAY }),
      open: allowOpen ? fc.boolean() : fc.constant(false),
    })
    .map(({ offset, length, open }) => ({
      start: start + offset,
      end: open ? null : start + offset + length,
      reason: 'property',
    }));
const extension: fc.Arbitrary<Extension> = fc.record({
  amount: fc.integer({ min: 0, max: 60 }),
  unit: fc.constantFrom('hours' as const, 'workingHours' as const, 'calendarDays' as const, 'workingDays' as const),
  approvedBy: fc.constant('bureau-chief-1'),
  approvedAt: instant,
});
const withPauses = (allowOpen: boolean) =>
  instant.chain((start) => fc.tuple(fc.constant(start), fc.array(pauseAt(start, allowOpen), { maxLength: 5 })));

const isShanghaiMidnight = (d: Date) => (d.getTime() + SHANGHAI_OFFSET_MS) % DAY === 0;
const ms = (d: Date | null) => (d === null ? Number.POSITIVE_INFINITY : d.getTime());

describe('monotonicity: more time → later due time', () => {
  test('addCalendarDays: strictly later without the rest-day rule, never earlier with it', () => {
    fc.assert(
      fc.property(instant, days, days, (start, a, b) => {
        fc.pre(a < b);
        const plain = { calendar, endOnHolidayExtends: false };
        expect(addCalendarDays(start, a, plain).getTime()).toBeLessThan(addCalendarDays(start, b, plain).getTime());
        expect(addCalendarDays(start, a).getTime()).toBeLessThanOrEqual(addCalendarDays(start, b).getTime());
      }),
    );
  });

  test('addWorkingDays: each extra working day is a later day', () => {
    fc.assert(
      fc.property(instant, days, days, (start, a, b) => {
        fc.pre(a < b);
        expect(addWorkingDays(calendar, start, a).getTime()).toBeLessThan(addWorkingDays(calendar, start, b).getTime());
      }),
    );
  });

  test('addHours: never earlier in either mode, strictly later in calendar mode', () => {
    fc.assert(
      fc.property(instant, hours, hours, (start, a, b) => {
        fc.pre(a < b);
        expect(addHours(calendar, start, a, { mode: 'calendar' }).getTime()).toBeLessThan(
          addHours(calendar, start, b, { mode: 'calendar' }).getTime(),
        );
        expect(addHours(calendar, start, a, { mode: 'working' }).getTime()).toBeLessThanOrEqual(
          addHours(calendar, start, b, { mode: 'working' }).getTime(),
        );
      }),
    );
  });

  test('dueAt: a larger amount never gives an earlier due time, whatever the pauses', () => {
    fc.assert(
      fc.property(withPauses(false), limit, fc.integer({ min: 1, max: 100 }), ([start, pauses], lim, more) => {
        const bigger = { ...lim, amount: lim.amount + more };
        expect(ms(dueAt({ start, limit: lim, pauses, calendar }))).toBeLessThanOrEqual(
          ms(dueAt({ start, limit: bigger, pauses, calendar })),
        );
      }),
    );
  });

  test('dueAt: an approved extension never gives an earlier due time', () => {
    fc.assert(
      fc.property(instant, limit, fc.array(extension, { maxLength: 3 }), extension, (start, lim, exts, extra) => {
        expect(ms(dueAt({ start, limit: lim, extensions: exts, calendar }))).toBeLessThanOrEqual(
          ms(dueAt({ start, limit: lim, extensions: [...exts, extra], calendar })),
        );
      }),
    );
  });
});

describe('pauses never make the due time earlier', () => {
  test('any set of pauses (closed or open) gives the same or a later due time, or stops the clock', () => {
    fc.assert(
      fc.property(withPauses(true), limit, ([start, pauses], lim) => {
        const without = dueAt({ start, limit: lim, calendar });
        expect(ms(dueAt({ start, limit: lim, pauses, calendar }))).toBeGreaterThanOrEqual(ms(without));
      }),
    );
  });

  test('adding one more pause never brings the due time forward', () => {
    fc.assert(
      fc.property(
        withPauses(true).chain(([start, pauses]) => fc.tuple(fc.constant(start), fc.constant(pauses), pauseAt(start, true))),
        limit,
        ([start, pauses, extra], lim) => {
          expect(ms(dueAt({ start, limit: lim, pauses: [...pauses, extra], calendar }))).toBeGreaterThanOrEqual(
            ms(dueAt({ start, limit: lim, pauses, calendar })),
          );
        },
      ),
    );
  });

  test('for an hour limit, the active time from start to due time is exactly the limit', () => {
    fc.assert(
      fc.property(withPauses(false), fc.integer({ min: 0, max: 2000 }), ([start, pauses], h) => {
        const due = dueAt({ start, limit: { unit: 'hours', amount: h }, pauses, calendar });
        expect(due).not.toBeNull();
        expect(elapsed({ start, end: due!, pauses })).toBe(h * HOUR);
      }),
    );
  });
});

describe('shape of day limits', () => {
  test('day limits end at 24:00 Shanghai of a working day, after the start', () => {
    fc.assert(
      fc.property(withPauses(false), fc.constantFrom('calendarDays' as const, 'workingDays' as const), days, ([start, pauses], unit, n) => {
        const due = dueAt({ start, limit: { unit, amount: n }, pauses, calendar })!;
        expect(isShanghaiMidnight(due)).toBe(true);
        expect(calendar.isWorkingDayNumber(dayNumberOf(due.getTime() - 1))).toBe(true);
        expect(due.getTime()).toBeGreaterThan(start);
      }),
    );
  });

  test('without pauses or extensions dueAt agrees with the add* functions', () => {
    fc.assert(
      fc.property(instant, days, hours, (start, d, h) => {
        const at = (l: Limit) => dueAt({ start, limit: l, calendar })!.getTime();
        expect(at({ unit: 'calendarDays', amount: d })).toBe(addCalendarDays(start, d, { calendar }).getTime());
        expect(at({ unit: 'workingDays', amount: d })).toBe(addWorkingDays(calendar, start, d).getTime());
        expect(at({ unit: 'hours', amount: h })).toBe(addHours(calendar, start, h, { mode: 'calendar' }).getTime());
        expect(at({ unit: 'workingHours', amount: h })).toBe(addHours(calendar, start, h, { mode: 'working' }).getTime());
      }),
    );
  });
});

describe('elapsed', () => {
  test('is between 0 and the wall-clock span and never decreases as the end moves on', () => {
    fc.assert(
      fc.property(withPauses(true), fc.integer({ min: 0, max: 100 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), ([start, pauses], span, more) => {
        const a = elapsed({ start, end: start + span, pauses });
        const b = elapsed({ start, end: start + span + more, pauses });
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(span);
        expect(b).toBeGreaterThanOrEqual(a);
        expect(b - a).toBeLessThanOrEqual(more);
      }),
    );
  });
});
