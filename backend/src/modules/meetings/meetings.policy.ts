import { Types } from 'mongoose';
import type { Role } from '../../contracts';
import { forbidden } from '../../core/errors';
import type { AuthUser } from '../auth';
import { itemActionsFor, type ItemAction } from './action-item.workflow';
import { findItems, type ItemRecord, type MeetingRecord } from './meetings.repository';

/** Liaison meetings are the bureau's and the agencies'; team leaders follow items their team owns. */
export const MEETING_READ_ROLES: Role[] = ['dispatcher', 'bureau_chief', 'legal_officer', 'agency_liaison', 'team_leader'];
/** Scheduling, agenda, minutes and resolutions are the bureau's (统一指挥). */
export const MEETING_WRITE_ROLES: Role[] = ['dispatcher', 'bureau_chief'];
/** Reporting an item done: the bureau, or whoever acts for the item's owner. */
export const ITEM_ACT_ROLES: Role[] = ['dispatcher', 'bureau_chief', 'agency_liaison', 'team_leader'];

const oid = (id: string) => new Types.ObjectId(id);
const everything = (role: Role) => role === 'dispatcher' || role === 'bureau_chief' || role === 'legal_officer';

/** Action items the caller may list: the bureau and the legal office all, others their own. */
export function itemScopeFilter(user: AuthUser): Record<string, unknown> {
  if (everything(user.role)) return {};
  if (user.role === 'agency_liaison') return user.agencyId ? { ownerAgencyId: oid(user.agencyId) } : { _id: null };
  if (user.role === 'team_leader') return user.teamId ? { ownerTeamId: oid(user.teamId) } : { _id: null };
  throw forbidden('Your role has no access to meetings');
}

/** Meetings the caller may see: a liaison those their agency is invited to, a team leader those with items of the team. */
export async function meetingScopeFilter(user: AuthUser): Promise<Record<string, unknown>> {
  if (everything(user.role)) return {};
  if (user.role === 'agency_liaison') return user.agencyId ? { invitedAgencyIds: oid(user.agencyId) } : { _id: null };
  if (user.role === 'team_leader') {
    const items = await findItems(itemScopeFilter(user));
    return { _id: { $in: [...new Set(items.map((i) => String(i.meetingId)))].map(oid) } };
  }
  throw forbidden('Your role has no access to meetings');
}

export async function canSeeMeeting(user: AuthUser, m: MeetingRecord): Promise<boolean> {
  if (everything(user.role)) return true;
  if (user.role === 'agency_liaison') return user.agencyId !== null && m.invitedAgencyIds.some((a) => String(a) === user.agencyId);
  if (user.role === 'team_leader' && user.teamId) return (await findItems({ meetingId: m._id, ownerTeamId: oid(user.teamId) })).length > 0;
  return false;
}

export function isItemOwner(user: AuthUser, item: Pick<ItemRecord, 'ownerKind' | 'ownerTeamId' | 'ownerAgencyId'>): boolean {
  switch (item.ownerKind) {
    case 'agency':
      return user.role === 'agency_liaison' && user.agencyId !== null && String(item.ownerAgencyId) === user.agencyId;
    case 'team':
      return user.role === 'team_leader' && user.teamId !== null && String(item.ownerTeamId) === user.teamId;
    default:
      return user.role === 'dispatcher' || user.role === 'bureau_chief';
  }
}

/** An item is in the caller's scope when they see everything or act for its owner. */
export const canSeeItem = (user: AuthUser, item: ItemRecord) => everything(user.role) || isItemOwner(user, item);

export const itemActions = (user: AuthUser, item: ItemRecord): ItemAction[] =>
  itemActionsFor(item.status, { role: user.role, isOwner: isItemOwner(user, item) });

export const meetingActions = (user: AuthUser, m: MeetingRecord): string[] =>
  user.role === 'dispatcher' || user.role === 'bureau_chief'
    ? m.status === 'scheduled'
      ? ['add_agenda', 'attendance', 'minutes', 'resolve', 'conclude']
      : ['attendance', 'minutes', 'resolve']
    : [];
