import { env } from '@/config/env';
import { sessionStore, type Session } from './session';

/** An error answered by the API: `{ error: { code, message, details, requestId } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
    /** Seconds from a 429/503 `Retry-After` header. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The request never reached the server (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('Network unavailable');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

type QueryValue = string | number | boolean | null | undefined | readonly string[];

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** JSON-serialised unless it is FormData (multipart uploads). */
  body?: unknown;
  query?: Record<string, QueryValue>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Send the bearer token (default true). */
  auth?: boolean;
  responseType?: 'json' | 'blob' | 'response';
}

/** Builds `/api/v1/<path>?<query>`; empty values and empty lists are left out; lists are comma-joined. */
export function apiUrl(path: string, query?: Record<string, QueryValue>): string {
  const base = path.startsWith('http') || path.startsWith('/api/') ? path : `${env.API_URL}${path.startsWith('/') ? '' : '/'}${path}`;
  if (!query) return base;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) qs.set(k, v.join(','));
    } else qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `${base}${base.includes('?') ? '&' : '?'}${s}` : base;
}

type ErrorJson = { error?: { code?: string; message?: string; details?: unknown; requestId?: string } } | null;

async function toApiError(res: Response): Promise<ApiError> {
  let body: ErrorJson = null;
  try {
    body = (await res.json()) as ErrorJson;
  } catch {
    body = null;
  }
  const ra = Number(res.headers.get('Retry-After'));
  return new ApiError(
    res.status,
    body?.error?.code ?? `HTTP_${res.status}`,
    body?.error?.message ?? res.statusText ?? 'Request failed',
    body?.error?.details,
    body?.error?.requestId ?? res.headers.get('X-Request-Id') ?? undefined,
    Number.isFinite(ra) && ra > 0 ? ra : undefined,
  );
}

async function send(url: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url, { method: opts.method ?? 'GET', headers, body, signal: opts.signal });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new NetworkError(err);
  }
}

// ---- silent refresh ------------------------------------------------------------------------

type SessionEndListener = (reason: 'expired' | 'revoked') => void;
const sessionEndListeners = new Set<SessionEndListener>();
/** Called when the server refuses to refresh (the app then shows the login page). */
export function onSessionEnd(l: SessionEndListener) {
  sessionEndListeners.add(l);
  return () => sessionEndListeners.delete(l);
}
function endSession(reason: 'expired' | 'revoked') {
  sessionStore.clear();
  for (const l of sessionEndListeners) l(reason);
}

/** Refusals that mean "ended on purpose" rather than "timed out" (the login page says which). */
const REVOKED = new Set(['SESSION_REVOKED', 'REFRESH_REUSED', 'REFRESH_REVOKED', 'ACCOUNT_DISABLED']);

let inflight: Promise<string> | null = null;

/**
 * Single-flight refresh: every request that fails with TOKEN_EXPIRED while one refresh runs waits
 * for that refresh. Across tabs a Web Lock serialises refreshes, and a tab that gets the lock after
 * another tab rotated the tokens simply adopts them: presenting the old refresh token again would
 * count as reuse and revoke the whole family.
 */
export function refreshAccessToken(failedToken: string | null): Promise<string> {
  inflight ??= runExclusive(() => doRefresh(failedToken)).finally(() => {
    inflight = null;
  });
  return inflight;
}

function runExclusive<T>(fn: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request('gridenforce-refresh', fn) as Promise<T>) : fn();
}

async function doRefresh(failedToken: string | null): Promise<string> {
  const s = sessionStore.reload();
  if (!s) throw new ApiError(401, 'UNAUTHORIZED', 'Not signed in');
  if (failedToken && s.accessToken !== failedToken) return s.accessToken;
  const res = await send(apiUrl('/auth/refresh'), { method: 'POST', body: { refreshToken: s.refreshToken } }, null);
  if (res.ok) {
    const next = (await res.json()) as Session;
    sessionStore.set({ accessToken: next.accessToken, refreshToken: next.refreshToken, user: next.user ?? s.user });
    return next.accessToken;
  }
  const err = await toApiError(res);
  // Only a refusal ends the session; an overloaded or unreachable server keeps it for later.
  if (res.status === 400 || res.status === 401 || res.status === 403) {
    endSession(REVOKED.has(err.code) ? 'revoked' : 'expired');
  }
  throw err;
}

const REFRESHABLE = new Set(['TOKEN_EXPIRED', 'TOKEN_INVALID']);

/** Sends a request to the API and returns the parsed body (or the blob/response); throws ApiError/NetworkError. */
export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const url = apiUrl(path, opts.query);
  const useAuth = opts.auth !== false;
  let token = useAuth ? (sessionStore.get()?.accessToken ?? null) : null;
  let res = await send(url, opts, token);
  if (res.status === 401 && useAuth && token) {
    const err = await toApiError(res.clone());
    if (REFRESHABLE.has(err.code)) {
      token = await refreshAccessToken(token);
      res = await send(url, opts, token);
    } else if (REVOKED.has(err.code)) {
      endSession('revoked');
      throw err;
    }
    if (res.status === 401) {
      const again = await toApiError(res);
      endSession('expired');
      throw again;
    }
  }
  if (!res.ok) throw await toApiError(res);
  if (opts.responseType === 'response') return res as T;
  if (opts.responseType === 'blob') return (await res.blob()) as T;
  if (res.status === 204 || res.headers.get('Content-Length') === '0') return undefined as T;
  const type = res.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Wraps an API body `{ data }` in a typed accessor. */
export interface DataBody<T> {
  data: T;
}
export interface PageBody<T> {
  data: T[];
  meta?: { nextCursor?: string | null; total?: number };
}

/** Reads every page of a small reference list (categories, teams), following `meta.nextCursor`. */
export async function fetchAllPages<T>(path: string, query: Record<string, QueryValue> = {}, maxPages = 20): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await api<PageBody<T>>(path, { query: { ...query, limit: 200, cursor } });
    out.push(...(page.data ?? []));
    cursor = page.meta?.nextCursor ?? undefined;
    if (!cursor) break;
  }
  return out;
}
