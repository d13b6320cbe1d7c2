import { performance } from 'node:perf_hooks';
import { Types } from 'mongoose';
import { findByIdsMap } from '../../core/by-ids';
import { TtlCache } from '../../core/ttl-cache';
import { UserModel, onUserWrite, type UserDoc } from './user.model';

/**
 * Users read on every request (authentication) and on every case page (holders' and reporters'
 * names), cached in this process. Every write through UserModel in this process drops what it
 * touched at once (middleware in user.model.ts); another API process's write is seen here within
 * the TTL: AUTH_TTL_MS for the document authentication checks (disabled, session version,
 * scope), LABEL_TTL_MS for names.
 */
const AUTH_TTL_MS = 1000;
const LABEL_TTL_MS = 30_000;

/** What case views show of a person: name and role. */
export interface UserLabel {
  displayName: string;
  role: string;
}

const authUsers = new TtlCache<UserDoc | null>(AUTH_TTL_MS, 20_000);
const labels = new TtlCache<UserLabel | null>(LABEL_TTL_MS, 20_000);
/** Bumped by every write, so a read that started before a write does not cache what it read. */
let writes = 0;
onUserWrite((id) => {
  writes += 1;
  authUsers.forget(id);
  labels.forget(id);
});

/** The user as authentication sees it (null when there is none). */
export async function findUserForAuth(id: string): Promise<UserDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  const now = performance.now();
  const hit = authUsers.get(id, now);
  if (hit) return hit.value;
  const before = writes;
  const user = await UserModel.findById(id).lean<UserDoc>();
  if (writes === before) authUsers.set(id, user, now);
  return user;
}

/** Names and roles of these people (the ones that exist). */
export async function userLabels(ids: Iterable<string>): Promise<Map<string, UserLabel>> {
  const now = performance.now();
  const out = new Map<string, UserLabel>();
  const misses: string[] = [];
  for (const id of new Set(ids)) {
    const hit = labels.get(id, now);
    if (hit) {
      if (hit.value) out.set(id, hit.value);
    } else if (Types.ObjectId.isValid(id)) misses.push(id);
  }
  const before = writes;
  const found = await findByIdsMap<{ _id: Types.ObjectId; displayName: string; role: string }>(
    UserModel,
    misses.map((id) => new Types.ObjectId(id)),
    { projection: { displayName: 1, role: 1 } },
  );
  misses.forEach((id) => {
    const d = found.get(id);
    const value = d ? { displayName: d.displayName, role: d.role } : null;
    if (writes === before) labels.set(id, value, now);
    if (value) out.set(id, value);
  });
  return out;
}
