import type { Page } from 'playwright-core';

/** The map console's "in view" count (`data-count` of `map-count`). */
export async function mapCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('map-count').getAttribute('data-count'));
}

/** Waits until the map console's count satisfies `ok` (live update or poll), without reloading. */
export async function waitForMapCount(page: Page, ok: (n: number) => boolean, timeoutMs = 30_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const n = await mapCount(page);
    if (ok(n)) return n;
    if (Date.now() > until) throw new Error(`map count stayed at ${n}`);
    await page.waitForTimeout(250);
  }
}

/**
 * Finds a case's marker on the map console and clicks it: while the case is inside a cluster,
 * clicks the cluster nearest to the case's location (which zooms in) until the marker shows.
 */
export async function openCaseOnMap(page: Page, caseNo: string, at: [number, number], maxSteps = 10): Promise<void> {
  const marker = page.locator(`[data-testid="case-marker"][data-case-no="${caseNo}"]`);
  for (let step = 0; step < maxSteps; step++) {
    if (await marker.count()) {
      await marker.click();
      await page.getByTestId('case-panel').getByRole('heading', { name: caseNo }).waitFor();
      return;
    }
    const clusters = await page
      .getByTestId('cluster-marker')
      .evaluateAll((els) => els.map((e) => [Number((e as HTMLElement).dataset.lng), Number((e as HTMLElement).dataset.lat)]));
    if (!clusters.length) {
      await page.waitForTimeout(500);
      continue;
    }
    let nearest = 0;
    let best = Infinity;
    clusters.forEach(([lng, lat], i) => {
      const d = Math.hypot(lng! - at[0], lat! - at[1]);
      if (d < best) [best, nearest] = [d, i];
    });
    const before = clusters.length;
    await page.getByTestId('cluster-marker').nth(nearest).click();
    // The map zooms in; wait for the next answer to replace the markers.
    await page
      .waitForFunction(
        (n) => document.querySelectorAll('[data-testid="cluster-marker"]').length !== n || document.querySelector('[data-testid="case-marker"]'),
        before,
        { timeout: 5000 },
      )
      .catch(() => undefined);
    await page.waitForTimeout(300);
  }
  throw new Error(`case ${caseNo} did not show on the map`);
}
