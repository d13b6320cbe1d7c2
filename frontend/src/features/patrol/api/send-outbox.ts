import { useEffect, useMemo } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { CaseDto } from '@gridenforce/backend/contracts';
import { uploadCasePhoto } from '@/api/upload-case-photo';
import { ApiError, NetworkError } from '@/lib/api-client';
import { errorMessage } from '@/lib/error-message';
import { i18n } from '@/lib/i18n';
import { listOutbox, subscribeOutbox, updateOutbox, useOutbox, type OutboxEntry, type OutboxResult } from '@/lib/offline-queue';
import { createIncident } from './create-incident';

/** Worth retrying later (no network, server busy or down, signed out for now). */
function isTransient(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  if (err instanceof ApiError) return err.status >= 500 || err.status === 429 || err.status === 408 || err.status === 401;
  return false;
}

function toResult(c: CaseDto): OutboxResult {
  const ref = (r: CaseDto['grid']) => (r ? { code: r.code, name: r.name } : null);
  return { caseId: c.id, caseNo: c.caseNo, grid: ref(c.grid), zone: ref(c.zone), team: ref(c.team), outside: c.outside };
}

async function sendOne(e: OutboxEntry): Promise<void> {
  await updateOutbox(e.id, { status: 'sending' });
  let result = e.result;
  if (!result) {
    result = toResult(await createIncident(e.body, e.id));
    await updateOutbox(e.id, { result });
  }
  const photos = [...e.photos];
  for (let i = 0; i < photos.length; i++) {
    const p = photos[i];
    if (!p || p.uploadedId) continue;
    const dto = await uploadCasePhoto(result.caseId, p.blob, p.name);
    photos[i] = { ...p, uploadedId: dto.id };
    await updateOutbox(e.id, { photos });
  }
  await updateOutbox(e.id, { status: 'sent', lastError: null });
}

async function drain(userId: string): Promise<number> {
  // Oldest first. "sending" left over from a closed tab is sent again: the key keeps it single.
  // Re-read after each pass so a report queued while sending goes out in the same flush.
  const tried = new Set<string>();
  let sent = 0;
  for (;;) {
    const todo = (await listOutbox(userId))
      .filter((e) => (e.status === 'queued' || e.status === 'sending') && !tried.has(e.id))
      .reverse();
    if (!todo.length) return sent;
    for (const e of todo) {
      tried.add(e.id);
      try {
        await sendOne(e);
        sent++;
      } catch (err) {
        const lastError = errorMessage(err, i18n.t);
        if (isTransient(err)) {
          await updateOutbox(e.id, { status: 'queued', attempts: e.attempts + 1, lastError });
          return sent; // the network or server is down: the rest would fail the same way
        }
        await updateOutbox(e.id, { status: 'failed', attempts: e.attempts + 1, lastError });
      }
    }
  }
}

let flushing: Promise<number> | null = null;

/**
 * Sends this user's queued reports. One flush at a time per tab, and a Web Lock so two tabs never
 * send the same entry at once (the idempotency key would still keep the case single).
 */
export function flushOutbox(userId: string): Promise<number> {
  flushing ??= (async () => {
    const locks = navigator.locks;
    return locks
      ? ((await locks.request('gridenforce-outbox', { ifAvailable: true }, (lock) => (lock ? drain(userId) : 0))) as number)
      : drain(userId);
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}

/**
 * Mounted once in the app layout: drains the outbox at start, when the browser says it is online
 * again, when a report is queued, and every 30 s while something waits (navigator.onLine can lie
 * on weak mobile networks).
 */
export function useOutboxSync(userId: string | undefined) {
  const qc = useQueryClient();
  const entries = useOutbox(userId);
  const pending = useMemo(() => entries.filter((e) => e.status === 'queued' || e.status === 'sending').length, [entries]);

  useEffect(() => {
    if (!userId) return;
    const run = () =>
      void flushOutbox(userId)
        .then((n) => {
          if (n > 0) void qc.invalidateQueries({ queryKey: ['cases'] });
        })
        .catch(() => undefined);
    run();
    window.addEventListener('online', run);
    const off = subscribeOutbox(() => {
      if (navigator.onLine) run();
    });
    return () => {
      window.removeEventListener('online', run);
      off();
    };
  }, [userId, qc]);

  useEffect(() => {
    if (!userId || pending === 0) return;
    const t = setInterval(() => void flushOutbox(userId).catch(() => undefined), 30_000);
    return () => clearInterval(t);
  }, [userId, pending]);

  return { entries, pending, flush: () => (userId ? flushOutbox(userId) : Promise.resolve(0)) };
}
