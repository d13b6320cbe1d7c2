import { decideRoute, type RouteFacts } from './routing.workflow';

const cell = { id: 'cell1', code: 'C-01', zoneId: 'zone1', inspectorIds: ['insp1', 'insp2'] };
const zoneTeam = { id: 'team1', leaderId: 'lead1' };
const domainTeam = { id: 'teamM', leaderId: 'leadM' };
const facts = (f: Partial<RouteFacts>): RouteFacts => ({ cell, zoneTeam, domainTeam: null, defaultTier: 'grid', geometryVersion: 3, ...f });
const base = { gridId: 'cell1', gridCode: 'C-01', zoneId: 'zone1', outside: false, geometryVersion: 3 };

describe('decideRoute', () => {
  test.each<[string, Partial<RouteFacts>, object]>([
    ['grid tier → the cell\'s first inspector', {}, { teamId: 'team1', tier: 'grid', holderId: 'insp1' }],
    ['team tier → the zone team\'s leader', { defaultTier: 'team' }, { teamId: 'team1', tier: 'team', holderId: 'lead1' }],
    ['bureau tier → the dispatch queue', { defaultTier: 'bureau' }, { teamId: 'team1', tier: 'bureau', holderId: null }],
    ['a domain team takes its domain; grid tier still goes to the inspector', { domainTeam }, { teamId: 'teamM', tier: 'grid', holderId: 'insp1' }],
    ['a domain team\'s team-tier case goes to its leader', { domainTeam, defaultTier: 'team' }, { teamId: 'teamM', tier: 'team', holderId: 'leadM' }],
    ['a cell without inspectors sends grid cases up to the team leader', { cell: { ...cell, inspectorIds: [] } }, { teamId: 'team1', tier: 'team', holderId: 'lead1' }],
    ['a team without leader leaves the case in the team queue', { defaultTier: 'team', zoneTeam: { id: 'team1', leaderId: null } }, { teamId: 'team1', tier: 'team', holderId: null }],
  ])('%s', (_label, f, expected) => {
    expect(decideRoute(facts(f))).toEqual({ ...base, ...expected });
  });

  test('outside every cell → bureau dispatch queue, flagged', () => {
    expect(decideRoute(facts({ cell: null, domainTeam }))).toEqual({
      gridId: null,
      gridCode: null,
      zoneId: null,
      teamId: null,
      tier: 'bureau',
      holderId: null,
      outside: true,
      geometryVersion: 3,
    });
  });
});
