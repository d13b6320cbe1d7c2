import { Types } from 'mongoose';
import type { Role } from '../../contracts';
import type { AuthUser } from '../auth';
import { UserModel } from '../users';
import { assertMaySend, outsideTeam } from './instructions.policy';
import { reachOf } from './recipients.service';

/** One person the caller may name as an instruction target (the composer's user picker). */
export interface TargetableUserDto {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  teamId: string | null;
  agencyId: string | null;
}

interface UserRow {
  _id: Types.ObjectId;
  username: string;
  displayName: string;
  role: Role;
  teamId: Types.ObjectId | null;
  agencyId: Types.ObjectId | null;
  gridIds: Types.ObjectId[];
}

const str = (v: unknown) => (v ? String(v) : null);

/**
 * Active users the caller may name in `targets.userIds`, matching `q` in the display name or
 * username (case-insensitive) and, when given, one role. The bureau may name anyone; a team
 * leader only the people the send endpoint accepts from them (members of the team, inspectors
 * of its cells), decided by the same `outsideTeam` rule. The sender is left out (never a
 * recipient). A township has a few hundred accounts, so the active users are read once and
 * matched in memory (FerretDB scans the collection for any non-`_id` filter anyway).
 */
export async function searchTargetableUsers(
  sender: AuthUser,
  q: { q?: string; role?: Role; limit: number },
): Promise<TargetableUserDto[]> {
  assertMaySend(sender);
  const filter: Record<string, unknown> = { disabled: false };
  if (q.role) filter.role = q.role;
  const rows = await UserModel.find(filter, { username: 1, displayName: 1, role: 1, teamId: 1, agencyId: 1, gridIds: 1 }).lean<UserRow[]>();
  const term = (q.q ?? '').trim().toLowerCase();
  let hits = rows.filter(
    (u) => String(u._id) !== sender.id && (!term || u.displayName.toLowerCase().includes(term) || u.username.toLowerCase().includes(term)),
  );
  if (sender.role === 'team_leader') {
    const reach = await reachOf(sender.teamId!);
    hits = hits.filter(
      (u) =>
        outsideTeam(
          { teams: [], zones: [], cells: [], users: [{ id: String(u._id), teamId: str(u.teamId), gridIds: (u.gridIds ?? []).map(String) }] },
          reach,
        ).length === 0,
    );
  }
  // Exact username or name matches first, then by name.
  const exact = (u: UserRow) => (term && (u.username === term || u.displayName.toLowerCase() === term) ? 0 : 1);
  hits.sort((a, b) => exact(a) - exact(b) || a.displayName.localeCompare(b.displayName, 'zh-CN') || a.username.localeCompare(b.username));
  return hits.slice(0, q.limit).map((u) => ({
    id: String(u._id),
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    teamId: str(u.teamId),
    agencyId: str(u.agencyId),
  }));
}
