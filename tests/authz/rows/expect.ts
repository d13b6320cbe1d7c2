import type { Exp, Expect } from '../../support/authz-matrix';

/** Short builders for the common shapes of a row's expectations. */

/** Every caller, anonymous included, gets `s` (public endpoints). */
export const everyone = (s: Exp): Expect => ({ anon: s, insp: s, lead: s, disp: s, chief: s, liaison: s, legal: s, admin: s });

/** Every signed-in caller gets `s`; anonymous 401. */
export const signedIn = (s: Exp): Expect => ({ ...everyone(s), anon: 401 });

/** Only the admin: `ok` for the admin, 403 for every other role, 401 anonymous. */
export const adminOnly = (ok: Exp): Expect => ({ ...signedIn(403), admin: ok });

/** Only the given roles (by short key) get their status; the others 403; anonymous 401. */
export const only = (allowed: Partial<Omit<Expect, 'anon'>>): Expect => ({ ...signedIn(403), ...allowed });

/** An object in the caller's scope answers `ok`, one out of it 404 (no existence leak). */
export const own = (ok: number): Exp => [ok, 404] as const;
