import { useTranslation } from 'react-i18next';

/** The reporting time zone: every date in the UI is shown in China Standard Time. */
export const TIME_ZONE = 'Asia/Shanghai';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(lng: string, opts: Intl.DateTimeFormatOptions) {
  const key = `${lng}|${JSON.stringify(opts)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'zh-CN', { timeZone: TIME_ZONE, ...opts });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined, lng: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return fmt(lng, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
}

export function formatDate(iso: string | null | undefined, lng: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '—';
  return fmt(lng, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** Hook form: `const f = useFormatters(); f.dateTime(iso)`. */
export function useFormatters() {
  const { i18n } = useTranslation();
  return {
    dateTime: (iso: string | null | undefined) => formatDateTime(iso, i18n.language),
    date: (iso: string | null | undefined) => formatDate(iso, i18n.language),
  };
}

/** `YYYY-MM-DD` (a day in Shanghai) → ISO datetime with +08:00, at the start or end of that day. */
export function shanghaiDayToIso(day: string, end = false): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
  return `${day}T${end ? '23:59:59.999' : '00:00:00.000'}+08:00`;
}

/** Today in Shanghai as `YYYY-MM-DD`, optionally shifted by whole days. */
export function shanghaiToday(offsetDays = 0): string {
  const d = new Date(Date.now() + offsetDays * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  return parts; // en-CA formats as YYYY-MM-DD
}

/** ISO datetime → value for `<input type="datetime-local">` in Shanghai time. */
export function isoToShanghaiLocalInput(iso: string): string {
  const d = new Date(iso);
  const p = new Intl.DateTimeFormat('en-CA', {
    timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(d);
  const get = (t: string) => p.find((x) => x.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour') === '24' ? '00' : get('hour')}:${get('minute')}`;
}

/** `<input type="datetime-local">` value, read as Shanghai time → ISO with +08:00. */
export function shanghaiLocalInputToIso(v: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v)) return undefined;
  return `${v}:00+08:00`;
}
