import { SHANGHAI_OFFSET_MS } from '../clock';

/**
 * Regular meetings repeat on a schedule; dates are counted in Asia/Shanghai. `monthly` on `day`
 * (1–28, so every month has it) every `interval` months, at the same local time of day.
 */
export interface Recurrence {
  freq: 'monthly';
  day: number;
  interval: number;
}

/** The occurrence after `at`: `interval` months later on `day`, same Shanghai wall-clock time. */
export function nextOccurrence(at: Date, r: Recurrence): Date {
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const next = Date.UTC(
    local.getUTCFullYear(),
    local.getUTCMonth() + r.interval,
    r.day,
    local.getUTCHours(),
    local.getUTCMinutes(),
    local.getUTCSeconds(),
  );
  return new Date(next - SHANGHAI_OFFSET_MS);
}
