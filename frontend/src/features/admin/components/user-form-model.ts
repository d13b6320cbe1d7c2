import type { TFunction } from 'i18next';
import { SCOPE_RULES, type Role, type ScopeField } from '@gridenforce/backend/contracts';
import { ApiError } from '@/lib/api-client';

/** Whether a role carries a scope field: the users API's own rules (contracts), so the form offers what the server accepts. */
export const carries = (role: Role, field: ScopeField) => SCOPE_RULES[role][field] !== 'forbidden';

const FIELDS = ['username', 'displayName', 'role', 'password', 'gridIds', 'teamId', 'agencyId', 'phone', 'locale'] as const;
export type FormField = (typeof FIELDS)[number];
export type FieldErrors = Partial<Record<FormField, string>>;

/**
 * Splits an API refusal into messages per form field (schema errors, scope that does not fit the
 * role, an id that names nothing, a taken username) and what is left for the whole form. Field messages are the UI's own
 * text for that field; the server's English message is kept when there is none.
 */
export function userErrors(err: unknown, t: TFunction): { fields: FieldErrors; other: boolean } {
  const fields: FieldErrors = {};
  if (!(err instanceof ApiError)) return { fields, other: Boolean(err) };
  const put = (field: string, fallback: string) => {
    const f = FIELDS.find((x) => x === field);
    if (!f || fields[f]) return false;
    fields[f] = t(`admin.err.${f}`, { defaultValue: '' }) || fallback;
    return true;
  };
  let matched = false;
  const list = Array.isArray(err.details) ? (err.details as Record<string, unknown>[]) : [];
  if (err.code === 'VALIDATION_FAILED') {
    for (const i of list) {
      const field = String(i.path ?? '').split('.')[0] ?? '';
      if (put(field, String(i.message ?? ''))) matched = true;
    }
  } else if (err.code === 'ROLE_SCOPE_MISMATCH') {
    for (const i of list) {
      const field = String(i.field ?? '') as ScopeField;
      const required = String(i.message ?? '').includes('required');
      const text = t(required ? `admin.err.scopeRequired_${field}` : 'admin.err.scopeForbidden', { defaultValue: String(i.message ?? '') });
      if (FIELDS.includes(field) && !fields[field]) {
        fields[field] = text;
        matched = true;
      }
    }
  } else if (err.code === 'INVALID_REFERENCE') {
    // An id that names nothing (a cell deleted meanwhile): `details.path` is e.g. `gridIds.3`.
    const path = (err.details as { path?: unknown } | undefined)?.path;
    if (typeof path === 'string' && put(path.split('.')[0] ?? '', err.message)) matched = true;
  } else if (err.code === 'USERNAME_TAKEN') {
    fields.username = t('admin.err.usernameTaken');
    matched = true;
  }
  return { fields, other: !matched };
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/** A random 16-character password without look-alike characters (about 93 bits). */
export function generatePassword(length = 16): string {
  const out: string[] = [];
  const bytes = new Uint8Array(1);
  while (out.length < length) {
    crypto.getRandomValues(bytes);
    const b = bytes[0]!;
    // Rejection sampling keeps every character equally likely.
    if (b < 256 - (256 % ALPHABET.length)) out.push(ALPHABET[b % ALPHABET.length]!);
  }
  return out.join('');
}
