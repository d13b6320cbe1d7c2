import { SCOPE_RULES, type Role } from '../../contracts';

/** The scope fields of a user (ids as strings). */
export interface ScopeFields {
  gridIds: string[];
  teamId: string | null;
  agencyId: string | null;
}

export interface ScopeProblem {
  field: keyof ScopeFields;
  message: string;
}

const isEmpty = (v: string[] | string | null | undefined) => (Array.isArray(v) ? v.length === 0 : !v);

/**
 * Merges a change into the current scope for `role`. Fields the role does not carry are cleared
 * (so a role change drops the old scope) unless the change sets them explicitly, which is an
 * error; required fields must end up non-empty. Grid ids are de-duplicated and sorted.
 */
export function resolveScope(
  role: Role,
  current: ScopeFields,
  change: Partial<ScopeFields>,
): { scope: ScopeFields; problems: ScopeProblem[] } {
  const merged: ScopeFields = { ...current, ...change };
  const problems: ScopeProblem[] = [];
  const rules = SCOPE_RULES[role];
  for (const field of ['gridIds', 'teamId', 'agencyId'] as const) {
    const need = rules[field];
    if (need === 'forbidden') {
      if (field in change && !isEmpty(change[field])) {
        problems.push({ field, message: `${field} does not apply to role ${role}` });
      }
      if (field === 'gridIds') merged.gridIds = [];
      else merged[field] = null;
    } else if (need === 'required' && isEmpty(merged[field])) {
      problems.push({ field, message: `${field} is required for role ${role}` });
    }
  }
  merged.gridIds = [...new Set(merged.gridIds)].sort();
  return { scope: merged, problems };
}

/** True when two scopes differ (grid order ignored). */
export function scopeChanged(a: ScopeFields, b: ScopeFields): boolean {
  const grids = (s: ScopeFields) => [...new Set(s.gridIds)].sort().join(',');
  return grids(a) !== grids(b) || a.teamId !== b.teamId || a.agencyId !== b.agencyId;
}

/** What a user may see of the case data, by role (the cases module applies it to queries). */
export type UserScope =
  | { kind: 'all' }
  | { kind: 'grids'; userId: string; gridIds: string[] }
  | { kind: 'team'; teamId: string | null }
  | { kind: 'agency'; agencyId: string | null }
  | { kind: 'none' };

export function scopeOf(user: { id: string; role: Role } & ScopeFields): UserScope {
  switch (user.role) {
    case 'inspector':
      return { kind: 'grids', userId: user.id, gridIds: [...user.gridIds] };
    case 'team_leader':
      return { kind: 'team', teamId: user.teamId };
    case 'agency_liaison':
      return { kind: 'agency', agencyId: user.agencyId };
    case 'dispatcher':
    case 'bureau_chief':
    case 'legal_officer':
      return { kind: 'all' };
    case 'admin':
      return { kind: 'none' };
  }
}
