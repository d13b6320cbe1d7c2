import { forbidden, notFound } from '../../core/errors';
import type { AuthUser } from '../auth';
import type { Level } from './indicator-defs';

/**
 * Who sees and does what in evaluations (domain.md §7): the legal office (法制部门) runs them;
 * the bureau chief and the dispatch centre read them (reports once published); a team leader sees
 * their own team's figures and rectification items (整改) and marks those done. Everyone else: 403.
 * Out of scope (another team, an unpublished report) → 404, so existence does not leak.
 */
export const READ_ROLES = ['legal_officer', 'bureau_chief', 'dispatcher', 'team_leader'] as const;
export const BUREAU_READERS = ['legal_officer', 'bureau_chief', 'dispatcher'] as const;

const readsAll = (u: AuthUser) => (BUREAU_READERS as readonly string[]).includes(u.role);

/** Checks access to a level (and key) of figures; returns the keys the caller may see (null = all). */
export function indicatorScope(user: AuthUser, level: Level, key?: string): string[] | null {
  if (readsAll(user)) return null;
  if (user.role === 'team_leader') {
    if (level !== 'team') throw forbidden('A team leader sees the team level only');
    if (!user.teamId) throw forbidden('You lead no team');
    if (key !== undefined && key !== user.teamId) throw notFound('team figures', key);
    return [user.teamId];
  }
  throw forbidden(`Role ${user.role} has no access to evaluations`);
}

/** Scores: bureau readers see all; a team leader their team's row only. */
export function scoreScope(user: AuthUser): string | null {
  if (readsAll(user)) return null;
  if (user.role === 'team_leader' && user.teamId) return user.teamId;
  throw forbidden(`Role ${user.role} has no access to evaluations`);
}

/** Reports: the legal office sees every version; the bureau readers published ones only. */
export function canSeeReport(user: AuthUser, r: { status: string }): boolean {
  if (user.role === 'legal_officer') return true;
  return (user.role === 'bureau_chief' || user.role === 'dispatcher') && r.status === 'published';
}

export function reportListFilter(user: AuthUser): Record<string, unknown> {
  if (user.role === 'legal_officer') return {};
  if (user.role === 'bureau_chief' || user.role === 'dispatcher') return { status: 'published' };
  throw forbidden(`Role ${user.role} has no access to evaluation reports`);
}

/** Rectification items every list goes through. */
export function rectificationFilter(user: AuthUser): Record<string, unknown> {
  if (readsAll(user)) return {};
  if (user.role === 'team_leader') return user.teamId ? { team: user.teamId } : { _id: null };
  throw forbidden(`Role ${user.role} has no access to rectification items`);
}

export function canSeeRectification(user: AuthUser, r: { team: string }): boolean {
  if (readsAll(user)) return true;
  return user.role === 'team_leader' && user.teamId !== null && r.team === user.teamId;
}
