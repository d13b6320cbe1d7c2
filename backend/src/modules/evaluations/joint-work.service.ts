import { JointCaseModel, JointTaskModel } from '../joint-cases';
import { ActionItemModel } from '../meetings';
import type { Level } from './indicator-defs';

/**
 * Joint-work indicators (联动执法), read from the joint-cases and meetings modules' collections
 * through their public exports. Units are joint cases, agency tasks and meeting action items, not
 * cases; each knows the (level, key) pairs it counts at:
 *  - jointCasesOpened / jointCasesClosed: joint cases whose `openedAt` / `closedAt` is in P →
 *    bureau, and each agency involved (`agencyIds`).
 *  - agencyTaskOnTimeRate: denominator = agency tasks whose `dueAt` is in P, less cancelled tasks
 *    and declined tasks that were reassigned (the successor task counts instead); numerator = those
 *    with status `done` and `doneAt` ≤ `dueAt` → bureau, the task's agency.
 *  - actionItemsOnTimeRate: denominator = meeting action items whose `dueAt` is in P, less
 *    cancelled ones; numerator = status `done` with `closedAt` ≤ `dueAt` → bureau, the owning team
 *    or agency.
 */
export interface ItemUnit {
  ind: string;
  hit: boolean;
  ref: { type: 'joint_case' | 'joint_task' | 'action_item'; id: string };
  keys: [Level, string][];
}

type Raw = Record<string, any>;
const ms = (d: unknown) => (d ? new Date(d as string).getTime() : null);

export async function jointWorkUnits(start: Date, end: Date): Promise<ItemUnit[]> {
  const inP = (t: number | null) => t !== null && t >= start.getTime() && t < end.getTime();
  const range = { $gte: start, $lt: end };
  const [joints, tasks, items] = await Promise.all([
    JointCaseModel.find({ $or: [{ openedAt: range }, { closedAt: range }] }, { openedAt: 1, closedAt: 1, agencyIds: 1 }).lean<Raw[]>(),
    JointTaskModel.find({ dueAt: range }, { agencyId: 1, dueAt: 1, status: 1, doneAt: 1, reassignedToTaskId: 1 }).lean<Raw[]>(),
    ActionItemModel.find({ dueAt: range }, { dueAt: 1, status: 1, closedAt: 1, ownerTeamId: 1, ownerAgencyId: 1 }).lean<Raw[]>(),
  ]);
  const units: ItemUnit[] = [];
  for (const j of joints) {
    const keys: [Level, string][] = [['bureau', 'all'], ...((j.agencyIds ?? []) as unknown[]).map((a): [Level, string] => ['agency', String(a)])];
    const ref = { type: 'joint_case' as const, id: String(j._id) };
    if (inP(ms(j.openedAt))) units.push({ ind: 'jointCasesOpened', hit: true, ref, keys });
    if (inP(ms(j.closedAt))) units.push({ ind: 'jointCasesClosed', hit: true, ref, keys });
  }
  for (const t of tasks) {
    if (t.status === 'cancelled' || (t.status === 'declined' && t.reassignedToTaskId)) continue;
    const onTime = t.status === 'done' && ms(t.doneAt) !== null && ms(t.doneAt)! <= ms(t.dueAt)!;
    units.push({ ind: 'agencyTaskOnTimeRate', hit: onTime, ref: { type: 'joint_task', id: String(t._id) }, keys: [['bureau', 'all'], ['agency', String(t.agencyId)]] });
  }
  for (const a of items) {
    if (a.status === 'cancelled') continue;
    const onTime = a.status === 'done' && ms(a.closedAt) !== null && ms(a.closedAt)! <= ms(a.dueAt)!;
    const keys: [Level, string][] = [['bureau', 'all']];
    if (a.ownerTeamId) keys.push(['team', String(a.ownerTeamId)]);
    if (a.ownerAgencyId) keys.push(['agency', String(a.ownerAgencyId)]);
    units.push({ ind: 'actionItemsOnTimeRate', hit: onTime, ref: { type: 'action_item', id: String(a._id) }, keys });
  }
  return units;
}
