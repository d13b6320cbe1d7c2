import type { Role } from '@gridenforce/backend/contracts';
import { paths } from '@/config/paths';

/**
 * Which pages each role uses. This only shapes navigation; what a user may see or do is decided by
 * the server (scope filters, allowedActions) and shown as it answers.
 */
export type PageKey = 'patrol' | 'myWork' | 'map' | 'agencyTasks' | 'jointCases' | 'meetings' | 'instructions' | 'evaluations' | 'admin';

const PAGES_BY_ROLE: Record<Role, PageKey[]> = {
  inspector: ['patrol', 'myWork', 'instructions'],
  // A team leader reads their team's figures and reports its rectification items (整改) done.
  team_leader: ['myWork', 'map', 'instructions', 'meetings', 'evaluations'],
  dispatcher: ['map', 'myWork', 'jointCases', 'meetings', 'instructions', 'evaluations'],
  bureau_chief: ['map', 'myWork', 'jointCases', 'meetings', 'instructions', 'evaluations'],
  // The district legal office evaluates every half year (每半年评估) and reads everything else.
  legal_officer: ['evaluations', 'map', 'jointCases', 'meetings', 'instructions'],
  // A liaison lands on their agency's tasks (joint tasks and meeting action items).
  agency_liaison: ['agencyTasks', 'jointCases', 'meetings', 'myWork', 'instructions'],
  admin: ['admin'],
};

export const PAGE_PATH: Record<PageKey, string> = {
  patrol: paths.patrol,
  myWork: paths.myWork,
  map: paths.map,
  agencyTasks: paths.agencyTasks,
  jointCases: paths.jointCases,
  meetings: paths.meetings,
  instructions: paths.instructions,
  evaluations: paths.evaluations,
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

/** Who may send instructions (统一指挥: the bureau; a team leader within the team). */
export const maySendInstructions = (role: Role) => role === 'dispatcher' || role === 'bureau_chief' || role === 'team_leader';

/** The bureau (局管全面) opens joint cases and runs liaison meetings; the server enforces it. */
export const isBureau = (role: Role) => role === 'dispatcher' || role === 'bureau_chief';
