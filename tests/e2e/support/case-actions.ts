import type { Page } from 'playwright-core';
import sharp from 'sharp';

export interface PhotoFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A real JPEG (the app downsizes photos in a canvas, so it must decode). */
export async function photo(name: string, rgb: { r: number; g: number; b: number }): Promise<PhotoFile> {
  const buffer = await sharp({ create: { width: 800, height: 600, channels: 3, background: rgb } }).jpeg({ quality: 80 }).toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

/**
 * Takes one allowed action through its form on the case page or panel: the action button, the
 * note (labelled 说明 / Note), photos when given, submit; waits for the form to close.
 */
export async function takeAction(page: Page, action: string, opts: { note?: string; photos?: PhotoFile[] } = {}): Promise<void> {
  await page.getByTestId(`action-${action}`).click();
  const form = page.getByTestId(`transition-form-${action}`);
  await form.waitFor();
  if (opts.note) await form.getByLabel(/说明|Note/).fill(opts.note);
  if (opts.photos?.length) {
    await form.getByTestId('transition-photos').setInputFiles(opts.photos);
  }
  await form.getByTestId('transition-submit').click();
  await form.waitFor({ state: 'detached', timeout: 30_000 });
}

/** Waits until the page shows the case in this status (`case-status` data-status). */
export async function waitForStatus(page: Page, status: string, timeoutMs = 30_000): Promise<void> {
  await page.locator(`[data-testid="case-status"][data-status="${status}"]`).first().waitFor({ timeout: timeoutMs });
}
