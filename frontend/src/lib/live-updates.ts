import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { env } from '@/config/env';
import { apiUrl, refreshAccessToken } from './api-client';
import { sessionStore } from './session';

/**
 * Live data: a fetch-based Server-Sent Events reader on `GET /api/v1/events` (EventSource cannot
 * send the bearer token). While the stream is connected, list and map queries do not poll; while
 * it is not (endpoint not deployed yet, offline, proxy closed it), they poll every POLL_MS.
 */
export type LiveMode = 'stream' | 'polling';

let mode: LiveMode = 'polling';
const listeners = new Set<() => void>();
function setMode(m: LiveMode) {
  if (m === mode) return;
  mode = m;
  listeners.forEach((l) => l());
}

export function useLiveMode(): LiveMode {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => mode,
    () => mode,
  );
}

/** `refetchInterval` for live lists and the map: off while the stream delivers, else polling. */
export function useLiveRefetchInterval(): number | false {
  return useLiveMode() === 'stream' ? false : env.POLL_MS;
}

/** Query keys that a case event makes stale. Features use these prefixes for their keys. */
export const LIVE_KEYS = {
  cases: ['cases'] as const,
  case: (id: string) => ['case', id] as const,
  clusters: ['map-clusters'] as const,
  instructions: ['instructions'] as const,
};

interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * The server's map index may answer from a look at the database taken just before the change (on a
 * large store it refreshes in the background), so the map asks once more a few seconds after the
 * last case event.
 */
const MAP_SETTLE_MS = 4_000;
let mapSettle: ReturnType<typeof setTimeout> | undefined;

function invalidateFor(qc: QueryClient, ev: SseEvent) {
  // Instructions (指令) and their receipts: the inbox, its unread count and the sender's view.
  if (ev.event.startsWith('instruction.')) {
    void qc.invalidateQueries({ queryKey: LIVE_KEYS.instructions });
    return;
  }
  if (!ev.event.startsWith('case.')) return;
  let caseId: string | undefined;
  try {
    const d = JSON.parse(ev.data) as { caseId?: string; id?: string; case?: { id?: string } };
    caseId = d.caseId ?? d.case?.id ?? d.id;
  } catch {
    /* non-JSON payload: invalidate broadly */
  }
  void qc.invalidateQueries({ queryKey: LIVE_KEYS.cases });
  void qc.invalidateQueries({ queryKey: LIVE_KEYS.clusters });
  clearTimeout(mapSettle);
  mapSettle = setTimeout(() => void qc.invalidateQueries({ queryKey: LIVE_KEYS.clusters }), MAP_SETTLE_MS);
  if (caseId) {
    void qc.invalidateQueries({ queryKey: LIVE_KEYS.case(caseId) });
    void qc.invalidateQueries({ queryKey: ['case-timeline', caseId] });
  }
}

/** Parses an SSE byte stream into events (per the WHATWG event-stream format). */
async function* readEvents(body: ReadableStream<Uint8Array>, signal: AbortSignal): AsyncGenerator<SseEvent> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  let event = 'message';
  let data: string[] = [];
  let id: string | undefined;
  try {
    while (!signal.aborted) {
      const { value, done } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buf.search(/\r\n|\r|\n/)) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + (buf[nl] === '\r' && buf[nl + 1] === '\n' ? 2 : 1));
        if (line === '') {
          if (data.length) yield { event, data: data.join('\n'), id };
          event = 'message';
          data = [];
          continue;
        }
        if (line.startsWith(':')) continue; // heartbeat comment
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = val;
        else if (field === 'data') data.push(val);
        else if (field === 'id') id = val;
      }
    }
  } finally {
    reader.releaseLock();
  }
}

/** Keeps one event stream open while signed in; mounted once in the authenticated layout. */
export function useLiveUpdates(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const ctrl = new AbortController();
    let lastEventId: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;

    const connect = async (attempt: number): Promise<void> => {
      running = true;
      let delay = Math.min(60_000, 2_000 * 2 ** attempt);
      try {
        let token = sessionStore.get()?.accessToken;
        if (!token) return;
        let res = await openStream(token, lastEventId, ctrl.signal);
        if (res.status === 401) {
          token = await refreshAccessToken(token);
          res = await openStream(token, lastEventId, ctrl.signal);
        }
        if (res.status === 403 || res.status === 404 || res.status === 405 || res.status === 501) {
          // Not deployed yet (or not for this role): poll, and look again every few minutes.
          delay = 300_000;
        } else if (res.ok && res.body && (res.headers.get('Content-Type') ?? '').includes('text/event-stream')) {
          setMode('stream');
          attempt = 0;
          // Events missed while disconnected are not replayed past the server's window: refresh once.
          void qc.invalidateQueries({ queryKey: LIVE_KEYS.cases });
          void qc.invalidateQueries({ queryKey: LIVE_KEYS.clusters });
          for await (const ev of readEvents(res.body, ctrl.signal)) {
            if (ev.id) lastEventId = ev.id;
            if (ev.event === 'reload') {
              void qc.invalidateQueries();
              continue;
            }
            invalidateFor(qc, ev);
          }
          delay = 1_000;
        }
      } catch {
        /* network error or aborted: fall through to polling and retry */
      }
      running = false;
      setMode('polling');
      if (!ctrl.signal.aborted) timer = setTimeout(() => void connect(attempt + 1), delay);
    };

    void connect(0);
    const online = () => {
      if (running) return;
      clearTimeout(timer);
      void connect(0);
    };
    window.addEventListener('online', online);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
      window.removeEventListener('online', online);
      setMode('polling');
    };
  }, [enabled, qc]);
}

function openStream(token: string, lastEventId: string | undefined, signal: AbortSignal) {
  const headers: Record<string, string> = { Accept: 'text/event-stream', Authorization: `Bearer ${token}` };
  if (lastEventId) headers['Last-Event-ID'] = lastEventId;
  return fetch(apiUrl('/events'), { headers, signal, cache: 'no-store' });
}
