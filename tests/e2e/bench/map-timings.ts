import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DESKTOP } from '../support/browser';

/**
 * Installed before the app's scripts: records (performance.now()) every time cluster or case
 * markers are added to the page, so "rendered" means "in the DOM", measured inside the page.
 */
function instrument() {
  const w = window as unknown as { __bench: { first: number | null; marks: number[]; frames: { end: number; at: number }[] } };
  w.__bench = { first: null, marks: [], frames: [] };
  // The default buffer keeps 250 entries; a long session of map requests needs more.
  performance.setResourceTimingBufferSize(100_000);
  const sel = '[data-testid="cluster-marker"],[data-testid="case-marker"]';
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of Array.from(r.addedNodes)) {
        if (n instanceof Element && (n.matches(sel) || n.querySelector(sel))) {
          const t = performance.now();
          if (w.__bench.first === null) w.__bench.first = t;
          w.__bench.marks.push(t);
          return;
        }
      }
    }
  }).observe(document, { childList: true, subtree: true });
  // The first frame painted after each clusters answer arrived (React has committed by then).
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.name.includes('/api/v1/map/clusters')) continue;
      const end = (e as PerformanceResourceTiming).responseEnd;
      requestAnimationFrame(() => requestAnimationFrame(() => w.__bench.frames.push({ end, at: performance.now() })));
    }
  }).observe({ type: 'resource', buffered: true });
}

export interface Timing {
  /** From the start of the step (navigation start, or the clusters request after the map settled) to markers in the DOM. */
  totalMs: number;
  /** The `/map/clusters` request: request start → response end. */
  requestMs: number;
}

interface ClusterEntry {
  start: number;
  end: number;
}

const clusterEntries = (page: Page) =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/v1/map/clusters'))
      .map((e) => ({ start: e.startTime, end: (e as PerformanceResourceTiming).responseEnd })),
  ) as Promise<ClusterEntry[]>;

/** A signed-in dispatcher context (tokens in localStorage), service workers blocked. */
export async function dispatcherContext(browser: Browser, baseUrl: string, storage: { accessToken: string; refreshToken: string; user: unknown }): Promise<BrowserContext> {
  const ctx = await browser.newContext({ ...DESKTOP, baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', serviceWorkers: 'block' });
  await ctx.addInitScript((s) => {
    if (!localStorage.getItem('gridenforce.session')) localStorage.setItem('gridenforce.session', JSON.stringify(s));
  }, storage);
  await ctx.addInitScript(instrument);
  return ctx;
}

/** Opens the map console and measures navigation start → first cluster markers in the DOM. */
export async function firstRender(ctx: BrowserContext): Promise<{ page: Page; timing: Timing }> {
  const page = await ctx.newPage();
  await page.goto('/map');
  await page.waitForFunction(() => (window as unknown as { __bench: { first: number | null } }).__bench.first !== null, undefined, { timeout: 60_000 });
  const first = await page.evaluate(() => (window as unknown as { __bench: { first: number } }).__bench.first);
  const req = (await clusterEntries(page))[0];
  return { page, timing: { totalMs: first, requestMs: req ? req.end - req.start : NaN } };
}

/**
 * Runs one map gesture and measures from the clusters request it causes (sent when the map
 * settles: moveend) to the new markers in the DOM and painted: the later of the last marker
 * insertion after the answer and the second frame after it (markers whose icon did not change are
 * only moved, so an answer may insert nothing).
 */
async function measureGesture(page: Page, gesture: () => Promise<void>): Promise<Timing> {
  const before = (await clusterEntries(page)).length;
  await gesture();
  const until = Date.now() + 30_000;
  let entry: ClusterEntry | undefined;
  while (!entry) {
    if (Date.now() > until) throw new Error('no clusters request after the gesture');
    await page.waitForTimeout(20);
    const all = await clusterEntries(page);
    if (all.length > before) entry = all[all.length - 1];
  }
  const e = entry;
  const frame = (await page
    .waitForFunction(
      (end) => (window as unknown as { __bench: { frames: { end: number; at: number }[] } }).__bench.frames.find((f) => f.end === end)?.at ?? false,
      e.end,
      { timeout: 5000, polling: 16 },
    )
    .then((h) => h.jsonValue())) as number;
  // Quiet period so the next gesture starts from a settled map (and late marker insertions are seen).
  await page.waitForTimeout(250);
  const marks = await page.evaluate((end) => (window as unknown as { __bench: { marks: number[] } }).__bench.marks.filter((t) => t >= end && t <= end + 1500), e.end);
  const rendered = Math.max(frame, ...marks);
  return { totalMs: rendered - e.start, requestMs: e.end - e.start };
}

/** A mouse drag of the map, paused before release so Leaflet adds no inertia. */
export function pan(page: Page, dx: number, dy: number): Promise<Timing> {
  return measureGesture(page, async () => {
    const box = (await page.locator('.console-map .leaflet-container').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + dx, y + dy, { steps: 8 });
    await page.waitForTimeout(120);
    await page.mouse.up();
  });
}

/**
 * A mouse-wheel zoom around a point `(fx, fy)` of the map (fractions of its size), so each zoom
 * lands on a view not seen before (a revisited view would come from the query cache).
 */
export function zoom(page: Page, dir: 'in' | 'out', fx: number, fy: number): Promise<Timing> {
  return measureGesture(page, async () => {
    const box = (await page.locator('.console-map .leaflet-container').boundingBox())!;
    await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy);
    await page.mouse.wheel(0, dir === 'in' ? -120 : 120);
  });
}
