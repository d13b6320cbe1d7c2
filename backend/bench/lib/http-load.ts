import { Worker } from 'node:worker_threads';

/** One kind of request a load worker sends; `body: 'incident'` makes a fresh random report per request. */
export interface LoadSpec {
  base: string;
  method: 'GET' | 'POST';
  path: string;
  /** Tokens, used round-robin by connection (connection i sends as tokens[i % n]). */
  tokens: string[];
  body?: 'incident';
  categories?: string[];
  bbox?: readonly [number, number, number, number];
  concurrency: number;
  durationMs: number;
  /** Stop after this many requests in total (latency runs); unlimited when absent. */
  maxRequests?: number;
}

export interface LoadResult {
  requests: number;
  elapsedMs: number;
  statuses: Record<string, number>;
  latenciesMs: number[];
  firstError: string | null;
  /** Case ids answered by 201s (POST /incidents): for the integrity check. */
  created: string[];
  /** `meta.total` of the last 200 answer (GET lists). */
  lastTotal: number | null;
}

/**
 * The client runs in a worker thread (its own event loop), so its JSON and socket work does not
 * queue behind the app's handlers on the main thread. Global fetch (undici) keeps connections
 * alive; `concurrency` loops each await their response before sending the next, so at most that
 * many connections are open.
 */
const WORKER = `
const { parentPort, workerData: s } = require('node:worker_threads');
const { randomUUID } = require('node:crypto');
(async () => {
  const statuses = {};
  const latenciesMs = [];
  const created = [];
  let firstError = null;
  let lastTotal = null;
  let requests = 0;
  const started = performance.now();
  const until = started + s.durationMs;
  const more = () => performance.now() < until && (s.maxRequests === undefined || requests < s.maxRequests);
  const loop = async (i) => {
    const auth = 'Bearer ' + s.tokens[i % s.tokens.length];
    let n = 0;
    while (more()) {
      requests++;
      const headers = { authorization: auth };
      let body;
      if (s.body === 'incident') {
        const key = 'bench-' + i + '-' + (n++) + '-' + randomUUID();
        const [x0, y0, x1, y1] = s.bbox;
        headers['content-type'] = 'application/json';
        headers['idempotency-key'] = key;
        body = JSON.stringify({
          location: { type: 'Point', coordinates: [x0 + Math.random() * (x1 - x0), y0 + Math.random() * (y1 - y0)] },
          category: s.categories[Math.floor(Math.random() * s.categories.length)],
          description: '压测上报 bench report ' + key,
          source: 'patrol',
        });
      }
      const t0 = performance.now();
      let status = 'error';
      try {
        const res = await fetch(s.base + s.path, { method: s.method, headers, body });
        const text = await res.text();
        status = String(res.status);
        if (res.status === 201 && s.body === 'incident') created.push(JSON.parse(text).data.id);
        else if (res.status === 200 && s.method === 'GET') lastTotal = JSON.parse(text).meta?.total ?? null;
        else if (res.status >= 300 && !firstError) firstError = res.status + ' ' + text.slice(0, 300);
      } catch (err) {
        if (!firstError) firstError = String(err && err.cause ? err.cause : err);
      }
      latenciesMs.push(performance.now() - t0);
      statuses[status] = (statuses[status] || 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: s.concurrency }, (_, i) => loop(i)));
  parentPort.postMessage({ requests, elapsedMs: performance.now() - started, statuses, latenciesMs, firstError, created, lastTotal });
})().catch((err) => { throw err; });
`;

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: spec });
    w.once('message', (m: LoadResult) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load worker exited with code ${code}`));
    });
  });
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
