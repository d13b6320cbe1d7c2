import type { Response } from 'supertest';
import type { Role } from '../../backend/src/contracts';
import { openSse } from '../../backend/src/modules/events';
import type { TestApp } from './app';
import { ROLES_IN_ORDER, type Side, type Who, type World } from './authz-world';

/**
 * The authorization matrix: one row per endpoint (METHOD + Express path pattern, a few endpoints
 * have more than one row for different actions), and for each row the expected status of every
 * caller — anonymous and one user of each role — on an object of their own scope and on one of
 * the other scope. What "own" and "other" mean is written on each row (`scope`); for endpoints
 * without objects (lists, creations, reference data) both columns name the same kind of request
 * made from, or about, side A and side B.
 */

export type Caller = 'anonymous' | Role;
export const CALLERS: Caller[] = ['anonymous', ...ROLES_IN_ORDER];
export type ScopeSide = 'own' | 'other';

/** A status for both scopes, or [own, other]. */
export type Exp = number | readonly [number, number];

/** Expected statuses, by caller (short keys keep the table readable). */
export interface Expect {
  anon: Exp;
  insp: Exp;
  lead: Exp;
  disp: Exp;
  chief: Exp;
  liaison: Exp;
  legal: Exp;
  admin: Exp;
}

const KEY_OF: Record<Caller, keyof Expect> = {
  anonymous: 'anon',
  inspector: 'insp',
  team_leader: 'lead',
  dispatcher: 'disp',
  bureau_chief: 'chief',
  agency_liaison: 'liaison',
  legal_officer: 'legal',
  admin: 'admin',
};

export interface Env {
  t: TestApp;
  w: World;
  /** The side whose objects this request is about (A for own, B for other). */
  s: Side;
  scope: ScopeSide;
  caller: Caller;
  /** The role the request is made as (side A's user of that role); for anonymous, the role is absent. */
  role: Role | null;
  who: Who | null;
  /** The status this cell expects: rows prepare fresh objects only when a success is expected. */
  expected: number;
}

export interface Req {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  url: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  /** application/x-www-form-urlencoded body (Open311). */
  form?: Record<string, string>;
  /** multipart upload of one file. */
  attach?: { field: string; bytes: Buffer; filename: string };
  headers?: Record<string, string>;
  /** Opened as a Server-Sent Events stream on the listening server; only the status is read. */
  sse?: boolean;
}

export interface Row {
  /** `METHOD /path/pattern` exactly as the router walk lists it. */
  endpoint: string;
  /** Which action or flavour of the endpoint, when it has more than one row. */
  variant?: string;
  /** What "own" and "other" scope mean for this row. */
  scope: string;
  expect: Expect;
  req: (e: Env) => Req | Promise<Req>;
  /** Extra assertions on a 2xx answer (bodies, bytes, headers). Throw to fail. */
  check?: (res: Response, e: Env) => void | Promise<void>;
  /** Runs after each request (e.g. wait for a background job). */
  after?: (res: Response, e: Env) => Promise<void>;
}

export const rowName = (r: Row) => `${r.endpoint}${r.variant ? ` [${r.variant}]` : ''}`;

export function expectedOf(r: Row, caller: Caller, scope: ScopeSide): number {
  const v = r.expect[KEY_OF[caller]];
  return typeof v === 'number' ? v : v[scope === 'own' ? 0 : 1];
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text: string;
  raw: Response;
}

async function send(e: Env, q: Req): Promise<Response> {
  const auth = e.who?.auth;
  if (q.sse) {
    if (!e.w.base) throw new Error('the SSE row needs a listening server (world.base)');
    const qs = q.query ? `?${new URLSearchParams(Object.entries(q.query).map(([k, v]) => [k, String(v)])).toString()}` : '';
    const c = await openSse(`${e.w.base}${q.url}${qs}`, { headers: { ...(auth ? { Authorization: auth } : {}), ...q.headers } });
    const status = c.status;
    const headers = c.headers;
    c.close();
    await c.closed;
    let body: unknown = {};
    try {
      body = c.errorBody ? JSON.parse(c.errorBody) : {};
    } catch {
      body = {};
    }
    return { status, headers, body, text: c.errorBody } as unknown as Response;
  }
  let req = e.t.http()[q.method](q.url);
  if (auth) req = req.set('Authorization', auth);
  for (const [k, v] of Object.entries(q.headers ?? {})) req = req.set(k, v);
  if (q.query) req = req.query(q.query);
  if (q.attach) return req.attach(q.attach.field, q.attach.bytes, q.attach.filename);
  if (q.form) return req.type('form').send(q.form);
  if (q.body !== undefined) return req.send(q.body as object);
  return req;
}

/** Problems with a denial's body: errors use the one error shape and carry no data. */
function denialProblem(res: Response, url: string): string | null {
  if (res.status < 400 || url.startsWith('/open311/')) return null;
  const body = res.body as { error?: { code?: unknown }; data?: unknown };
  if (!body || typeof body !== 'object' || !body.error || typeof body.error.code !== 'string') return `no error body (${res.text?.slice(0, 80)})`;
  if (body.data !== undefined) return 'a denial carried data';
  if (res.status === 404 && body.error.code !== 'NOT_FOUND') return `404 with code ${String(body.error.code)}`;
  return null;
}

/**
 * Runs every cell of a row and answers `{ "caller/scope": status }` for the actual and the
 * expected statuses; a failed body check shows as `"<status> check: <message>"`.
 */
export async function runRow(t: TestApp, w: World, row: Row): Promise<{ actual: Record<string, string>; expected: Record<string, string> }> {
  const actual: Record<string, string> = {};
  const expected: Record<string, string> = {};
  for (const caller of CALLERS) {
    for (const scope of ['own', 'other'] as const) {
      const cell = `${caller}/${scope}`;
      const exp = expectedOf(row, caller, scope);
      expected[cell] = String(exp);
      const role = caller === 'anonymous' ? null : caller;
      const e: Env = { t, w, s: scope === 'own' ? w.A : w.B, scope, caller, role, who: role ? w.callers[role] : null, expected: exp };
      const q = await row.req(e);
      const res = await send(e, q);
      let note = '';
      const problem = denialProblem(res, q.url);
      if (problem) note = ` body: ${problem}`;
      else if (res.status === exp && exp < 300 && row.check) {
        try {
          await row.check(res, e);
        } catch (err) {
          note = ` check: ${(err as Error).message.split('\n')[0]}`;
        }
      }
      if (row.after) await row.after(res, e);
      actual[cell] = `${res.status}${note}`;
    }
  }
  return { actual, expected };
}

/** Throws unless `cond` holds (row checks read as plain assertions). */
export function ensure(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}
