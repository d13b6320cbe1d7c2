import { Types } from 'mongoose';
import type { CaseAction } from '../../contracts';
import { forbidden } from '../../core/errors';
import type { AuthUser } from '../auth';
import { allowedActions, type CaseFacts, type Relation } from './case.workflow';

/** Roles that work with cases at all; the admin manages users, geometry and the catalogue only. */
const CASE_ROLES = new Set(['inspector', 'team_leader', 'dispatcher', 'bureau_chief', 'agency_liaison', 'legal_officer']);

export function assertCaseRole(user: AuthUser): void {
  if (!CASE_ROLES.has(user.role)) throw forbidden('Your role has no access to cases');
}

const oid = (id: string) => new Types.ObjectId(id);

/**
 * The one scope filter every case query goes through (局管全面、队管片区、员管网格):
 * inspectors see their grid cells and what they hold or reported, team leaders their team,
 * agency liaisons the cases referred to or shared with their agency, the bureau and the legal
 * office everything. Anything else sees nothing.
 */
export function caseScopeFilter(user: AuthUser): Record<string, unknown> {
  const me = oid(user.id);
  switch (user.role) {
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return {};
    case 'inspector':
      return {
        $or: [{ gridId: { $in: user.gridIds.map(oid) } }, { holderId: me }, { reporterId: me }],
      };
    case 'team_leader':
      return user.teamId ? { $or: [{ teamId: oid(user.teamId) }, { holderId: me }] } : { holderId: me };
    case 'agency_liaison':
      return user.agencyId ? { agencyIds: oid(user.agencyId) } : { _id: null };
    default:
      return { _id: null };
  }
}

/** The same rule as caseScopeFilter, for one loaded case (used after findById). */
export function canSeeCase(user: AuthUser, c: CaseScopeFields): boolean {
  switch (user.role) {
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return true;
    case 'inspector':
      return (
        (c.gridId !== null && user.gridIds.includes(String(c.gridId))) ||
        String(c.holderId) === user.id ||
        String(c.reporterId) === user.id
      );
    case 'team_leader':
      return (user.teamId !== null && String(c.teamId) === user.teamId) || String(c.holderId) === user.id;
    case 'agency_liaison':
      return user.agencyId !== null && c.agencyIds.map(String).includes(user.agencyId);
    default:
      return false;
  }
}

/**
 * canSeeCase as conditions on grouped fields (CaseIndex.candidates): a case the user may see has
 * one of these values. Empty when the role's scope is not narrowed that way (bureau roles see
 * every case; agency scope is by agencyIds, which the index does not group).
 */
export function scopeConditions(user: AuthUser): (readonly ['gridId' | 'teamId' | 'holderId' | 'reporterId', readonly string[]])[][] {
  switch (user.role) {
    case 'inspector':
      return [[['gridId', user.gridIds], ['holderId', [user.id]], ['reporterId', [user.id]]]];
    case 'team_leader':
      return [user.teamId !== null ? [['teamId', [user.teamId]], ['holderId', [user.id]]] : [['holderId', [user.id]]]];
    default:
      return [];
  }
}

export interface CaseScopeFields {
  gridId: unknown;
  teamId: unknown;
  holderId: unknown;
  reporterId: unknown;
  agencyIds: unknown[];
}

export interface CasePolicyFields extends CaseScopeFields {
  resolvedBy: unknown;
  referrals: { agencyId: string; acknowledgedAt: unknown }[];
}

/** How the caller relates to the case (holder, team leader, grid inspector, referred agency). */
export function relationOf(user: AuthUser, c: CasePolicyFields): Relation {
  return {
    role: user.role,
    isHolder: c.holderId !== null && String(c.holderId) === user.id,
    leadsCaseTeam: user.role === 'team_leader' && user.teamId !== null && String(c.teamId) === user.teamId,
    inspectsCaseGrid: user.role === 'inspector' && c.gridId !== null && user.gridIds.includes(String(c.gridId)),
    agencyHasOpenReferral:
      user.agencyId !== null && c.referrals.some((r) => r.agencyId === user.agencyId && !r.acknowledgedAt),
    resolvedIt: c.resolvedBy !== null && String(c.resolvedBy) === user.id,
  };
}

/** The actions the caller may take on this case now (the API's `allowedActions`). */
export function actionsFor(user: AuthUser, c: CasePolicyFields, facts: CaseFacts): CaseAction[] {
  if (!CASE_ROLES.has(user.role)) return [];
  return allowedActions(facts, relationOf(user, c));
}
