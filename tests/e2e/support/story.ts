import type { Browser } from 'playwright-core';
import { launchBrowser, type Person } from './browser';
import { startServer, type RunningServer, type ServerOptions } from './server';

/** What every browser story file shares: its own server (own database, demo seed) and Chromium. */
export interface BrowserStory {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** People opened by a test; closed after it, and their browser problems must be none. */
  readonly people: Person[];
}

/**
 * Registers the file's hooks: start the server and the browser before all tests, stop them after,
 * and after each test close everyone it opened and fail on anything that went wrong in a browser
 * (console errors, failed requests) or in the server's log. Further `beforeAll` hooks of the file
 * run after these, with the server up.
 */
export function useBrowserStory(opts: ServerOptions): BrowserStory {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const people: Person[] = [];

  beforeAll(async () => {
    server = await startServer(opts);
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  }, 60_000);

  afterEach(async () => {
    const problems = people.flatMap((p) => p.problems);
    await Promise.all(people.splice(0).map((p) => p.close()));
    expect(problems).toEqual([]);
    expect(server!.errors()).toEqual([]);
  });

  return {
    get server() {
      if (!server) throw new Error('the story server is not started yet');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    people,
  };
}
