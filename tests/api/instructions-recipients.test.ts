import { Types } from 'mongoose';
import { UserModel, type UserDoc } from '../../backend/src/modules/users';
import { useTestApp } from '../support/app';
import { bearer, buildUser } from '../support/factories';
import { buildTeam, buildZoneWithCells } from '../support/geo-factories';

// GET /api/v1/instructions/recipients: the composer's user picker offers exactly the people the
// caller may name in `targets.userIds` (the bureau anyone, a team leader their team's people).
const t = useTestApp();
const fresh = async (id: unknown) => (await UserModel.findById(id).lean<UserDoc>())!;
const search = (u: UserDoc, query: Record<string, string | number> = {}) =>
  t.http().get('/api/v1/instructions/recipients').query(query).set('Authorization', bearer(t, u));
const ids = (res: { body: { data: { id: string }[] } }) => res.body.data.map((u) => u.id).sort();

let dispatcher: UserDoc;
let leader: UserDoc;
let member: UserDoc;
let cellInspector: UserDoc;
let outsider: UserDoc;
let disabled: UserDoc;
let liaison: UserDoc;

beforeAll(async () => {
  dispatcher = await buildUser({ role: 'dispatcher', username: 'rcp-disp', displayName: '调度员甲' });
  leader = await buildUser({ role: 'team_leader', username: 'rcp-lead', displayName: '队长乙' });
  const team = await buildTeam({ leaderId: String(leader._id) });
  await UserModel.updateOne({ _id: leader._id }, { $set: { teamId: team._id } });
  leader = await fresh(leader._id);
  const area = await buildZoneWithCells(t, { team, cols: 1 });
  // The cell's inspector is listed on the cell only (no teamId): the team leader may still name them.
  cellInspector = await fresh(area.cells[0]!.inspectorIds[0]);
  await UserModel.updateOne({ _id: cellInspector._id }, { $set: { username: 'rcp-cell', displayName: '网格员丙' } });
  cellInspector = await fresh(cellInspector._id);
  member = await buildUser({ role: 'inspector', username: 'rcp-member', displayName: '队员丁', teamId: team._id });
  outsider = await buildUser({ role: 'inspector', username: 'rcp-outsider', displayName: '外队网格员', teamId: new Types.ObjectId() });
  disabled = await buildUser({ role: 'inspector', username: 'rcp-disabled', displayName: '停用网格员', teamId: team._id, disabled: true });
  liaison = await buildUser({ role: 'agency_liaison', username: 'rcp-liaison', displayName: '联络员戊', agencyId: new Types.ObjectId() });
});

test('401 without a token; 403 for roles that do not send instructions', async () => {
  expect((await t.http().get('/api/v1/instructions/recipients')).status).toBe(401);
  const inspector = await search(member);
  expect(inspector.status).toBe(403);
  expect(inspector.body.error.code).toBe('FORBIDDEN');
  expect((await search(liaison)).status).toBe(403);
});

test('400 in the one error shape for unknown keys, an unknown role or a bad limit', async () => {
  const bad: Record<string, string | number>[] = [{ name: 'x' }, { role: 'wizard' }, { limit: 0 }, { limit: 51 }];
  for (const query of bad) {
    const res = await search(dispatcher, query);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: expect.any(String), requestId: expect.any(String) });
  }
});

test('the bureau finds anyone active by name, username or role, never itself or a disabled account', async () => {
  const all = await search(dispatcher, { q: 'rcp', limit: 50 });
  expect(all.status).toBe(200);
  expect(ids(all)).toEqual([leader, member, cellInspector, outsider, liaison].map((u) => String(u._id)).sort());
  expect(all.body.data.find((u: { id: string }) => u.id === String(member._id))).toEqual({
    id: String(member._id), username: 'rcp-member', displayName: '队员丁', role: 'inspector', teamId: String(leader.teamId), agencyId: null,
  });
  expect(ids(await search(dispatcher, { q: '联络' }))).toEqual([String(liaison._id)]);
  expect(ids(await search(dispatcher, { q: 'RCP-OUTSIDER' }))).toEqual([String(outsider._id)]);
  expect(ids(await search(dispatcher, { q: 'rcp', role: 'team_leader' }))).toEqual([String(leader._id)]);
  expect((await search(dispatcher, { q: 'rcp', limit: 2 })).body.data).toHaveLength(2);
  expect((await search(dispatcher, { q: 'rcp-disabled' })).body.data).toEqual([]);
});

test('a team leader is offered only their team’s members and the inspectors of its cells', async () => {
  const res = await search(leader, { q: 'rcp', limit: 50 });
  expect(res.status).toBe(200);
  expect(ids(res)).toEqual([member, cellInspector].map((u) => String(u._id)).sort());
  // What is offered is accepted: the leader sends to the picked users.
  const sent = await t.http().post('/api/v1/instructions').set('Authorization', bearer(t, leader)).send({ title: '晨会', targets: { userIds: ids(res) } });
  expect(sent.status).toBe(201);
  expect(sent.body.data.recipientCount).toBe(2);
  // And what is not offered is refused.
  const refused = await t.http().post('/api/v1/instructions').set('Authorization', bearer(t, leader)).send({ title: '晨会', targets: { userIds: [String(outsider._id)] } });
  expect(refused.status).toBe(403);
  expect(disabled.disabled).toBe(true);
});
