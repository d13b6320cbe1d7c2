import { findByIdsMap } from '../../core/by-ids';
import { Types } from 'mongoose';
import { unprocessable } from '../../core/errors';
// The org files themselves (not the org module's index): org imports this module, so its index would be a cycle.
import { GridCellModel } from '../org/grid-cell.model';
import { orgChanged } from '../org/org-version';
import { UserModel } from './user.model';

/**
 * Who inspects which grid cell is stored twice: `cell.inspectorIds` (ordered: the first one holds
 * the cell's grid-tier cases, so the router reads it) and `user.gridIds` (the inspector's scope,
 * read on every request). FerretDB has no transactions, so one side is the source of truth and
 * the other is derived from it, idempotently:
 *
 *   **`cell.inspectorIds` is the truth; `user.gridIds` is derived** (the cells whose inspectorIds
 *   contain the user, sorted).
 *
 * The cell side wins because it carries information the user side cannot (the holder order) and
 * because geometry imports write it too. Every write path ends with {@link deriveInspectorGrids}
 * for the users it touched: the org API after changing a cell's inspectors, the users API after
 * {@link assignCellsToInspector} has added the user to / removed them from cells, the geometry
 * import and the demo seed for everyone. A crash between the two steps leaves cells ahead of a
 * user; running the derivation again (any later write for that user, or a full repair) fixes it.
 */

const oid = (id: string) => new Types.ObjectId(id);
type CellRow = { _id: Types.ObjectId; inspectorIds?: Types.ObjectId[] };

/** 422 INVALID_REFERENCE for the first grid id that names no cell (checked before anything is written). */
export async function checkCellsExist(gridIds: string[]): Promise<void> {
  if (!gridIds.length) return;
  const unique = [...new Set(gridIds)];
  const have = await findByIdsMap<CellRow>(GridCellModel, unique.filter((id) => Types.ObjectId.isValid(id)).map(oid), { projection: { _id: 1 } });
  const bad = gridIds.findIndex((id) => !have.has(id));
  if (bad >= 0) throw unprocessable('INVALID_REFERENCE', `Grid cell ${gridIds[bad]} does not exist`, { path: `gridIds.${bad}` });
}

/**
 * Makes `gridIds` the cells the user inspects, on the cell side: appended to the inspectors of
 * cells that gain them (an existing holder stays first), pulled from cells they leave; then
 * derives the user's gridIds. Idempotent. An empty list removes the user from every cell.
 */
export async function assignCellsToInspector(userId: string, gridIds: string[]): Promise<void> {
  const user = oid(userId);
  const want = new Set(gridIds);
  const current = await GridCellModel.find({ inspectorIds: user }, { _id: 1 }).lean<CellRow[]>();
  const leave = current.filter((c) => !want.has(String(c._id))).map((c) => c._id);
  const have = new Set(current.map((c) => String(c._id)));
  const join = [...want].filter((id) => !have.has(id)).map(oid);
  for (const _id of leave) await GridCellModel.updateOne({ _id }, { $pull: { inspectorIds: user } });
  for (const _id of join) await GridCellModel.updateOne({ _id }, { $addToSet: { inspectorIds: user } });
  // The router caches cell inspectors (the holder) by org version: tell it, here and in other processes.
  if (leave.length || join.length) await orgChanged();
  await deriveInspectorGrids([userId]);
}

/**
 * Sets each inspector's `gridIds` to the cells that list them (for the given users, or for every
 * inspector and every user a cell lists when `userIds` is omitted). Writes only users whose list
 * differs; returns how many changed. Users who are not inspectors are left alone.
 */
export async function deriveInspectorGrids(userIds?: string[]): Promise<number> {
  const ids = userIds ? [...new Set(userIds)].filter((id) => Types.ObjectId.isValid(id)) : undefined;
  if (ids && !ids.length) return 0;
  const cellRows = await GridCellModel.find(ids ? { inspectorIds: { $in: ids.map(oid) } } : {}, { inspectorIds: 1 }).lean<CellRow[]>();
  const cellsOf = new Map<string, string[]>();
  for (const c of cellRows) {
    for (const u of c.inspectorIds ?? []) {
      const list = cellsOf.get(String(u)) ?? [];
      list.push(String(c._id));
      cellsOf.set(String(u), list);
    }
  }
  const filter = ids ? { _id: { $in: ids.map(oid) } } : { $or: [{ role: 'inspector' }, { _id: { $in: [...cellsOf.keys()].map(oid) } }] };
  const users = await UserModel.find(filter as never, { role: 1, gridIds: 1 }).lean<{ _id: Types.ObjectId; role: string; gridIds?: Types.ObjectId[] }[]>();
  let changed = 0;
  for (const u of users) {
    if (u.role !== 'inspector') continue;
    const derived = [...new Set(cellsOf.get(String(u._id)) ?? [])].sort();
    const stored = (u.gridIds ?? []).map(String).sort();
    if (derived.join(',') === stored.join(',')) continue;
    await UserModel.updateOne({ _id: u._id }, { $set: { gridIds: derived.map(oid) } });
    changed++;
  }
  return changed;
}
