import { randomBytes } from 'node:crypto';
import { Schema, model } from 'mongoose';
import { isDuplicateKey } from '../../core/errors';

/**
 * A change stamp for the organisation documents the router reads (teams, zones, grid cells),
 * so caches of them (the router's org facts) know when to reload:
 * - in this process, `orgChanged()` bumps a local generation and tells the listeners at once;
 * - other API processes read the shared stamp (one `_id` read) and see a new value.
 * Every write to teams, zones or cells must call `orgChanged()` after the write (the repository
 * does; geometry imports are seen through the active geometry versions instead).
 * The stamp is random, not a counter: FerretDB v1 has no atomic read-modify-write, and a new
 * value is all a reader needs to notice.
 */
const orgStampSchema = new Schema({ _id: { type: String, required: true }, stamp: { type: String, required: true } }, { collection: 'org_stamps', versionKey: false });
export const OrgStampModel = model('OrgStamp', orgStampSchema);

const STAMP_ID = 'org';
let generation = 0;
const listeners: (() => void)[] = [];

/** Called synchronously after every org change in this process (before the shared stamp is written). */
export function onOrgChanged(listener: () => void): void {
  listeners.push(listener);
}

/** Records that teams, zones or cells changed: at once in this process, through the stamp for the others. */
export async function orgChanged(): Promise<void> {
  generation++;
  for (const l of listeners) l();
  const stamp = randomBytes(8).toString('hex');
  try {
    await OrgStampModel.updateOne({ _id: STAMP_ID }, { $set: { stamp } }, { upsert: true });
  } catch (err) {
    // Two first-ever upserts raced: the other one's insert created the document; set ours on it.
    if (!isDuplicateKey(err)) throw err;
    await OrgStampModel.updateOne({ _id: STAMP_ID }, { $set: { stamp } });
  }
}

/** This process's generation and the shared stamp: a different value means the org data changed. */
export async function orgVersion(): Promise<string> {
  const doc = await OrgStampModel.findById(STAMP_ID).lean<{ stamp: string }>();
  return `${generation}:${doc?.stamp ?? ''}`;
}
