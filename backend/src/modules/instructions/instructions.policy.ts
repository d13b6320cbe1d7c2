import type { Role } from '../../contracts';
import { forbidden } from '../../core/errors';
import type { AuthUser } from '../auth';

/** 统一指挥: the bureau instructs anyone; a team leader (中队长) instructs within their team. */
export const SENDER_ROLES: Role[] = ['dispatcher', 'bureau_chief', 'team_leader'];
export const BUREAU_ROLES: Role[] = ['dispatcher', 'bureau_chief'];

export function assertMaySend(user: AuthUser): void {
  if (!SENDER_ROLES.includes(user.role)) throw forbidden(`Role ${user.role} may not send instructions`);
  if (user.role === 'team_leader' && !user.teamId) throw forbidden('A team leader without a team may not send instructions');
}

export const isBureau = (user: AuthUser) => BUREAU_ROLES.includes(user.role);

/** The named targets, as loaded (ids as strings). */
export interface NamedTargets {
  teams: { id: string }[];
  zones: { id: string; teamId: string }[];
  cells: { id: string; zoneId: string }[];
  users: { id: string; teamId: string | null; gridIds: string[] }[];
}

/** What a team leader's team covers: its zones, their cells and those cells' inspectors. */
export interface TeamReach {
  teamId: string;
  zoneIds: Set<string>;
  cellIds: Set<string>;
  cellInspectorIds: Set<string>;
}

/**
 * The targets a team leader may not address (paths like `targets.zoneIds.1`): anything that is
 * not their team, one of its zones, a cell in those zones, or a member / inspector working there.
 */
export function outsideTeam(t: NamedTargets, reach: TeamReach): string[] {
  const bad: string[] = [];
  t.teams.forEach((x, i) => x.id !== reach.teamId && bad.push(`targets.teamIds.${i}`));
  t.zones.forEach((x, i) => x.teamId !== reach.teamId && bad.push(`targets.zoneIds.${i}`));
  t.cells.forEach((x, i) => !reach.zoneIds.has(x.zoneId) && bad.push(`targets.gridIds.${i}`));
  t.users.forEach((u, i) => {
    const inTeam =
      u.teamId === reach.teamId || reach.cellInspectorIds.has(u.id) || u.gridIds.some((g) => reach.cellIds.has(g));
    if (!inTeam) bad.push(`targets.userIds.${i}`);
  });
  return bad;
}

/** Receipts are for the sender and the bureau. */
export function maySeeReceipts(user: AuthUser, senderId: string): boolean {
  return isBureau(user) || user.id === senderId;
}

/** The instruction itself: its sender, the bureau and its recipients. */
export function maySeeInstruction(user: AuthUser, senderId: string, isRecipient: boolean): boolean {
  return maySeeReceipts(user, senderId) || isRecipient;
}
