import type { TFunction } from 'i18next';
import { ApiError, NetworkError } from './api-client';

/**
 * Turns an error into a sentence in the current language: known API codes have their own text
 * (`errors.<CODE>`), other API errors fall back to a text per status and the server's message.
 */
export function errorMessage(err: unknown, t: TFunction): string {
  if (err instanceof NetworkError) return t('errors.NETWORK');
  if (err instanceof ApiError) {
    const vars = { retryAfter: err.retryAfter ?? 1, message: err.message };
    const byCode = `errors.${err.code}`;
    if (t(byCode, { defaultValue: '' }) !== '') return t(byCode, vars);
    const byStatus = `errors.status_${err.status}`;
    const generic = t(byStatus, { defaultValue: '' }) || t('errors.generic');
    return `${generic}${err.message ? `（${err.message}）` : ''}`;
  }
  if (err instanceof Error && err.message) return `${t('errors.generic')}（${err.message}）`;
  return t('errors.generic');
}

/** Per-field messages from a VALIDATION_FAILED error, when the server sent them. */
export function fieldErrors(err: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(err instanceof ApiError) || err.code !== 'VALIDATION_FAILED') return out;
  const d = err.details;
  const list = Array.isArray(d) ? d : Array.isArray((d as { issues?: unknown })?.issues) ? (d as { issues: unknown[] }).issues : [];
  for (const i of list as { path?: unknown; message?: unknown }[]) {
    const p = Array.isArray(i.path) ? i.path.join('.') : typeof i.path === 'string' ? i.path : '';
    if (p && typeof i.message === 'string') out[p.replace(/^body\./, '')] = i.message;
  }
  return out;
}
