import { resolveScope, scopeChanged, scopeOf, type ScopeFields } from './user-scope.workflow';

const none: ScopeFields = { gridIds: [], teamId: null, agencyId: null };

describe('resolveScope', () => {
  test('an inspector needs grid cells; ids are de-duplicated and sorted', () => {
    expect(resolveScope('inspector', none, {}).problems).toEqual([
      { field: 'gridIds', message: 'gridIds is required for role inspector' },
    ]);
    expect(resolveScope('inspector', none, { gridIds: ['b', 'a', 'b'], teamId: 't' })).toEqual({
      scope: { gridIds: ['a', 'b'], teamId: 't', agencyId: null },
      problems: [],
    });
  });

  test('fields a role does not carry are cleared when inherited, refused when sent', () => {
    const inspector = { gridIds: ['g'], teamId: 't', agencyId: null };
    expect(resolveScope('dispatcher', inspector, {})).toEqual({ scope: none, problems: [] });
    expect(resolveScope('dispatcher', inspector, { gridIds: ['g'] }).problems).toEqual([
      { field: 'gridIds', message: 'gridIds does not apply to role dispatcher' },
    ]);
    expect(resolveScope('dispatcher', inspector, { gridIds: [], teamId: null }).problems).toEqual([]);
  });

  test('team leaders need a team and liaisons an agency', () => {
    expect(resolveScope('team_leader', none, {}).problems.map((p) => p.field)).toEqual(['teamId']);
    expect(resolveScope('agency_liaison', none, {}).problems.map((p) => p.field)).toEqual(['agencyId']);
    expect(resolveScope('agency_liaison', none, { agencyId: 'a' }).scope).toEqual({ ...none, agencyId: 'a' });
  });
});

describe('scopeChanged', () => {
  test('ignores grid order, sees any other difference', () => {
    expect(scopeChanged({ ...none, gridIds: ['a', 'b'] }, { ...none, gridIds: ['b', 'a'] })).toBe(false);
    expect(scopeChanged({ ...none, gridIds: ['a'] }, { ...none, gridIds: ['a', 'b'] })).toBe(true);
    expect(scopeChanged(none, { ...none, teamId: 't' })).toBe(true);
  });
});

describe('scopeOf', () => {
  const u = (role: Parameters<typeof scopeOf>[0]['role'], s: Partial<ScopeFields> = {}) => ({ id: 'u1', role, ...none, ...s });
  test.each([
    [u('inspector', { gridIds: ['g1'] }), { kind: 'grids', userId: 'u1', gridIds: ['g1'] }],
    [u('team_leader', { teamId: 't1' }), { kind: 'team', teamId: 't1' }],
    [u('agency_liaison', { agencyId: 'a1' }), { kind: 'agency', agencyId: 'a1' }],
    [u('dispatcher'), { kind: 'all' }],
    [u('bureau_chief'), { kind: 'all' }],
    [u('legal_officer'), { kind: 'all' }],
    [u('admin'), { kind: 'none' }],
  ])('%o → %o', (user, scope) => {
    expect(scopeOf(user)).toEqual(scope);
  });
});
