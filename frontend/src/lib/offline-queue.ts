import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { useEffect, useState } from 'react';
import type { CreateIncidentBody } from '@gridenforce/backend/contracts';

/**
 * The patrol outbox (IndexedDB). A report is stored here first, with the idempotency key it will be
 * sent with and its photos as blobs, so it survives a dead network, a closed tab and a reboot. The
 * sender (features/patrol) drains it; the server creates the case once per key however often the
 * phone retries.
 */
export type OutboxStatus = 'queued' | 'sending' | 'sent' | 'failed';

export interface OutboxPhoto {
  blob: Blob;
  name: string;
  /** Set once the server has the photo, so a retry never uploads it twice. */
  uploadedId: string | null;
}

/** A grid, zone or team the server routed the report to. */
export interface OutboxRef {
  code: string;
  name?: { zh: string; en: string };
}

export interface OutboxResult {
  caseId: string;
  caseNo: string;
  grid: OutboxRef | null;
  zone: OutboxRef | null;
  team: OutboxRef | null;
  /** Outside every grid cell: the bureau's dispatch queue. */
  outside: boolean;
}

export interface OutboxEntry {
  /** Also the `Idempotency-Key` header (crypto.randomUUID). */
  id: string;
  /** Reports are only ever sent under the account that made them. */
  userId: string;
  createdAt: string;
  body: CreateIncidentBody;
  photos: OutboxPhoto[];
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  result: OutboxResult | null;
}

interface OutboxDb extends DBSchema {
  outbox: { key: string; value: OutboxEntry; indexes: { byUser: string } };
}

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;
function db() {
  dbPromise ??= openDB<OutboxDb>('gridenforce', 1, {
    upgrade(d) {
      const s = d.createObjectStore('outbox', { keyPath: 'id' });
      s.createIndex('byUser', 'userId');
    },
  });
  return dbPromise;
}

// Other tabs and the sender learn about changes through one channel.
const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('gridenforce-outbox') : null;
const listeners = new Set<() => void>();
function changed() {
  listeners.forEach((l) => l());
  channel?.postMessage('changed');
}
channel?.addEventListener('message', () => listeners.forEach((l) => l()));

export function subscribeOutbox(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

export async function addToOutbox(entry: OutboxEntry): Promise<void> {
  await (await db()).put('outbox', entry);
  changed();
}

export async function updateOutbox(id: string, patch: Partial<OutboxEntry>): Promise<OutboxEntry | null> {
  const d = await db();
  const tx = d.transaction('outbox', 'readwrite');
  const cur = await tx.store.get(id);
  if (!cur) {
    await tx.done;
    return null;
  }
  const next = { ...cur, ...patch };
  await tx.store.put(next);
  await tx.done;
  changed();
  return next;
}

export async function removeFromOutbox(id: string): Promise<void> {
  await (await db()).delete('outbox', id);
  changed();
}

export async function listOutbox(userId: string): Promise<OutboxEntry[]> {
  const all = await (await db()).getAllFromIndex('outbox', 'byUser', userId);
  return all.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Live view of this user's outbox. */
export function useOutbox(userId: string | undefined): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    if (!userId) return;
    let alive = true;
    const load = () =>
      void listOutbox(userId)
        .then((e) => alive && setEntries(e))
        .catch(() => alive && setEntries([]));
    load();
    const off = subscribeOutbox(load);
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return entries;
}
