import type { Role } from '../../contracts';

/** Action items (督办事项) of meeting resolutions: open → done (with evidence) or cancelled. */
export const ITEM_STATUSES = ['open', 'done', 'cancelled'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Owner of an action item: the bureau (a unit of it), an enforcement team, or an agency. */
export const OWNER_KINDS = ['bureau', 'team', 'agency'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

export const ITEM_ACTIONS = ['done', 'cancel'] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];

export interface ItemRelation {
  role: Role;
  /** The caller acts for the owner (the owning agency's liaison, the owning team's leader). */
  isOwner: boolean;
}

const bureau = (role: Role) => role === 'dispatcher' || role === 'bureau_chief';

/** Who may report an item done: the bureau always, an owner for their own item. */
export function itemRoleAllowed(action: ItemAction, role: Role): boolean {
  return action === 'cancel' ? bureau(role) : bureau(role) || role === 'agency_liaison' || role === 'team_leader';
}

export function canItem(action: ItemAction, status: ItemStatus, r: ItemRelation): boolean {
  if (status !== 'open' || !itemRoleAllowed(action, r.role)) return false;
  return bureau(r.role) || r.isOwner;
}

export function itemActionsFor(status: ItemStatus, r: ItemRelation): ItemAction[] {
  return ITEM_ACTIONS.filter((a) => canItem(a, status, r));
}

export const nextItemStatus = (action: ItemAction): ItemStatus => (action === 'done' ? 'done' : 'cancelled');

/** Overdue: still open past its due time. */
export const isOverdue = (status: ItemStatus, dueAt: Date, now: Date) => status === 'open' && dueAt.getTime() < now.getTime();
