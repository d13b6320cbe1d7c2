import { canTask, taskActionsFor, taskRoleAllowed, unsettledTasks, type TaskRelation } from './joint-task.workflow';

const liaison: TaskRelation = { role: 'agency_liaison', ownsTask: true, jointOpen: true };
const bureau: TaskRelation = { role: 'dispatcher', ownsTask: false, jointOpen: true };

describe('joint task workflow', () => {
  test('the owning agency accepts or declines an assigned task; the bureau may cancel it', () => {
    expect(taskActionsFor({ status: 'assigned', reassigned: false }, liaison)).toEqual(['accept', 'decline']);
    expect(taskActionsFor({ status: 'assigned', reassigned: false }, bureau)).toEqual(['cancel']);
  });

  test('another agency’s liaison may do nothing with the task', () => {
    expect(taskActionsFor({ status: 'assigned', reassigned: false }, { ...liaison, ownsTask: false })).toEqual([]);
  });

  test('a declined task is reassigned or cancelled once, never both', () => {
    expect(taskActionsFor({ status: 'declined', reassigned: false }, bureau)).toEqual(['cancel', 'reassign']);
    expect(taskActionsFor({ status: 'declined', reassigned: true }, bureau)).toEqual([]);
  });

  test('done and cancelled are final, and nothing moves once the joint case is closed', () => {
    expect(taskActionsFor({ status: 'done', reassigned: false }, liaison)).toEqual([]);
    expect(taskActionsFor({ status: 'cancelled', reassigned: false }, bureau)).toEqual([]);
    expect(canTask('report', { status: 'in_progress', reassigned: false }, { ...liaison, jointOpen: false })).toBe(false);
  });

  test('roles: agency actions are the liaison’s, bureau actions the dispatcher’s and chief’s', () => {
    expect(taskRoleAllowed('accept', 'dispatcher')).toBe(false);
    expect(taskRoleAllowed('reassign', 'bureau_chief')).toBe(true);
    expect(taskRoleAllowed('cancel', 'agency_liaison')).toBe(false);
    expect(taskRoleAllowed('report', 'legal_officer')).toBe(false);
  });

  test('settled: done, cancelled, or declined with an existing successor', () => {
    const tasks = [
      { id: 'a', status: 'done' as const, reassignedToTaskId: null },
      { id: 'b', status: 'cancelled' as const, reassignedToTaskId: null },
      { id: 'c', status: 'declined' as const, reassignedToTaskId: 'd' },
      { id: 'd', status: 'accepted' as const, reassignedToTaskId: null },
      { id: 'e', status: 'declined' as const, reassignedToTaskId: 'missing' },
      { id: 'f', status: 'declined' as const, reassignedToTaskId: null },
    ];
    expect(unsettledTasks(tasks).map((t) => t.id)).toEqual(['d', 'e', 'f']);
  });
});
