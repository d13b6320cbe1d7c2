import { Types } from 'mongoose';
import { JointCaseModel, JointTaskModel } from '../../backend/src/modules/joint-cases';
import { ActionItemModel } from '../../backend/src/modules/meetings';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';

/**
 * Joint-work indicators (联动执法) read from the joint-cases and meetings collections, H1 2026
 * = [2025-12-31T16:00Z, 2026-06-30T16:00Z). Documents are inserted directly with the fields those
 * modules' schemas require.
 */
describe('GET /api/v1/evaluations/indicators — joint work', () => {
  const t = useTestApp();
  const X = new Types.ObjectId();
  const Y = new Types.ObjectId();
  const teamA = new Types.ObjectId();
  const by = new Types.ObjectId();
  const ids: Record<string, string> = {};
  let auth: string;

  beforeAll(async () => {
    t.clock.set('2026-08-01T00:00:00Z');
    auth = bearer(t, await buildUser({ role: 'legal_officer' }));
    const joint = (name: string, openedAt: string, closedAt: string | null, agencyIds: Types.ObjectId[]) =>
      JointCaseModel.create({ title: name, reason: 'cross_domain', lead: { kind: 'bureau' }, agencyIds, status: closedAt ? 'closed' : 'open', openedBy: by, openedAt: new Date(openedAt), closedAt: closedAt ? new Date(closedAt) : null, seq: 1 });
    // J1 opened and closed in H1; J2 opened 31 Dec 23:00 Shanghai (H2 of 2025), closed in H1.
    const j1 = await joint('J1', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z', [X]);
    const j2 = await joint('J2', '2025-12-31T15:00:00Z', '2026-01-10T00:00:00Z', [Y]);
    Object.assign(ids, { J1: String(j1._id), J2: String(j2._id) });
    const task = (status: 'done' | 'cancelled' | 'declined' | 'assigned', agencyId: Types.ObjectId, dueAt: string, doneAt: string | null, reassigned = false) =>
      JointTaskModel.create({ jointCaseId: j1._id, agencyId, description: 'task', dueAt: new Date(dueAt), status, assignedBy: by, doneAt: doneAt ? new Date(doneAt) : null, reassignedToTaskId: reassigned ? new Types.ObjectId() : null, seq: 1 });
    await task('done', X, '2026-02-10T00:00:00Z', '2026-02-09T00:00:00Z'); // on time
    await task('done', X, '2026-02-10T00:00:00Z', '2026-02-10T00:01:00Z'); // one minute late
    await task('cancelled', X, '2026-02-10T00:00:00Z', null); // not counted
    await task('declined', Y, '2026-02-10T00:00:00Z', null, true); // reassigned: its successor counts instead
    await task('assigned', Y, '2026-02-10T00:00:00Z', null); // never done
    await task('done', X, '2026-07-10T00:00:00Z', '2026-07-01T00:00:00Z'); // due in H2
    const item = (status: 'done' | 'open' | 'cancelled', owner: { ownerKind: 'team' | 'agency'; ownerTeamId?: Types.ObjectId; ownerAgencyId?: Types.ObjectId }, closedAt: string | null) =>
      ActionItemModel.create({ meetingId: by, meetingScheduledAt: new Date('2026-03-01T00:00:00Z'), resolutionId: by, title: 'item', ...owner, dueAt: new Date('2026-03-20T10:00:00Z'), status, closedAt: closedAt ? new Date(closedAt) : null, createdBy: by, seq: 1 });
    await item('done', { ownerKind: 'team', ownerTeamId: teamA }, '2026-03-19T00:00:00Z');
    await item('open', { ownerKind: 'agency', ownerAgencyId: X }, null);
    await item('cancelled', { ownerKind: 'agency', ownerAgencyId: X }, null);
  });
  afterAll(() => t.clock.reset());

  const rows = async (level: string) => (await t.http().get(`/api/v1/evaluations/indicators?period=2026-H1&level=${level}`).set('Authorization', auth)).body.data.rows as { key: string; indicators: Record<string, { numerator: number; denominator: number | null; display: string }> }[];
  const pick = (row: { indicators: Record<string, { numerator: number; denominator: number | null; display: string }> }, keys: string[]) =>
    Object.fromEntries(keys.map((k) => [k, [row.indicators[k]!.numerator, row.indicators[k]!.denominator, row.indicators[k]!.display]]));
  const KEYS = ['jointCasesOpened', 'jointCasesClosed', 'agencyTaskOnTimeRate', 'actionItemsOnTimeRate'];

  test('bureau: opened 1 (J1), closed 2 (J1, J2); tasks due in H1 (less cancelled and reassigned) 1 of 3 on time; items 1 of 2', async () => {
    const [bureau] = await rows('bureau');
    expect(pick(bureau!, KEYS)).toEqual({
      jointCasesOpened: [1, null, '1'],
      jointCasesClosed: [2, null, '2'],
      agencyTaskOnTimeRate: [1, 3, '33.33%'],
      actionItemsOnTimeRate: [1, 2, '50.00%'],
    });
  });

  test('agency and team rows; the drill-down lists the joint cases behind a count', async () => {
    const agencies = await rows('agency');
    // X: J1 opened and closed; tasks 1 of 2 on time; its open item 0 of 1. Y: J2 closed; its task never done.
    expect(pick(agencies.find((r) => r.key === String(X))!, KEYS)).toEqual({
      jointCasesOpened: [1, null, '1'],
      jointCasesClosed: [1, null, '1'],
      agencyTaskOnTimeRate: [1, 2, '50.00%'],
      actionItemsOnTimeRate: [0, 1, '0.00%'],
    });
    expect(pick(agencies.find((r) => r.key === String(Y))!, ['jointCasesClosed', 'agencyTaskOnTimeRate'])).toEqual({ jointCasesClosed: [1, null, '1'], agencyTaskOnTimeRate: [0, 1, '0.00%'] });
    const team = (await rows('team')).find((r) => r.key === String(teamA))!;
    expect(team.indicators.actionItemsOnTimeRate).toMatchObject({ numerator: 1, denominator: 1, display: '100.00%' });
    const drill = await t.http().get('/api/v1/evaluations/indicators/cases?period=2026-H1&level=bureau&key=all&indicator=jointCasesClosed&part=numerator').set('Authorization', auth);
    expect(drill.body.data.items.map((i: { type: string; id: string }) => [i.type, i.id]).sort()).toEqual([['joint_case', ids.J1], ['joint_case', ids.J2]].sort());
  });
});
