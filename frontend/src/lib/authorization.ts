import type { Role } from '@gridenforce/backend/contracts';
import { paths } from '@/config/paths';

/**
 * Which pages each role uses. This only shapes navigation; what a user may see or do is decided by
 * the server (scope filters, allowedActions) and shown as it answers.
 * Joint work, meetings and evaluations are left out until their APIs exist (issues 7 and 8).
 */
export type PageKey = 'patrol' | 'myWork' | 'map' | 'admin';

const PAGES_BY_ROLE: Record<Role, PageKey[]> = {
  inspector: ['patrol', 'myWork'],
  team_leader: ['myWork', 'map'],
  dispatcher: ['map', 'myWork'],
  bureau_chief: ['map', 'myWork'],
  legal_officer: ['map'],
  // Agency liaisons will land on Joint work once issue 7 ships it; until then, the cases they hold.
  agency_liaison: ['myWork'],
  admin: ['admin'],
};

export const PAGE_PATH: Record<PageKey, string> = {
  patrol: paths.patrol,
  myWork: paths.myWork,
  map: paths.map,
  admin: paths.admin,
};

export function pagesFor(role: Role): PageKey[] {
  return PAGES_BY_ROLE[role] ?? [];
}

/** Where a role lands after signing in: the first page of its navigation. */
export function homeFor(role: Role): string {
  const first = pagesFor(role)[0];
  return first ? PAGE_PATH[first] : paths.login;
}

export function canOpen(role: Role, page: PageKey): boolean {
  return pagesFor(role).includes(page);
}
