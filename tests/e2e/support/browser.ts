import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { REPO_ROOT } from '../../support/ferretdb';
import { DEMO_PASSWORD } from './api';

/** Debian's Chromium (CI installs it with apt); playwright-core never downloads a browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(REPO_ROOT, 'tests', 'artifacts', 'e2e');

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 1,
  isMobile: true,
  hasTouch: true,
};
export const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
}

/**
 * A browser context for one person (own storage, own IndexedDB outbox) in Shanghai time. Page
 * errors, failed same-origin requests (5xx) and console errors are collected for the test to check.
 */
export async function newPerson(browser: Browser, baseUrl: string, opts: BrowserContextOptions = DESKTOP): Promise<Person> {
  const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...opts });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const person = new Person(context, page);
  page.on('pageerror', (e) => person.problems.push(`pageerror: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 500 && r.url().startsWith(baseUrl)) person.problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return person;
}

export class Person {
  /** Uncaught page errors and server errors this person met. */
  readonly problems: string[] = [];
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  /** Signs in through the login form and waits for the landing page. */
  async login(username: string, password = DEMO_PASSWORD): Promise<void> {
    const { page } = this;
    await page.goto('/login');
    const form = page.getByTestId('login-form');
    await form.waitFor();
    await form.locator('input[name=username]').fill(username);
    await form.locator('input[name=password]').fill(password);
    await form.locator('button[type=submit]').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByTestId('current-user').waitFor();
  }

  /** Saves a full-page screenshot under tests/artifacts/e2e/<lang>/<name>.png. */
  async shot(name: string, lang: string): Promise<string> {
    const dir = path.join(ARTIFACTS, lang);
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    await this.settle();
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }

  /**
   * Waits until nothing on the page says it is loading (spinners, maps waiting for config, busy
   * lists), then a moment for maps to draw. (Not `networkidle`: the live event stream stays open.)
   */
  async settle(): Promise<void> {
    await this.page
      .waitForFunction(() => !document.querySelector('.spinner, .loading, .map-loading, [aria-busy="true"]'), undefined, { timeout: 15_000 })
      .catch(() => undefined);
    await this.page.waitForTimeout(400);
  }

  /** Switches the language with the header's (or login page's) language switch. */
  async switchLanguage(lang: 'zh-CN' | 'en'): Promise<void> {
    await this.page.getByTestId('lang-switch').selectOption(lang);
    await this.page.waitForFunction((l) => document.documentElement.lang === l, lang);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
