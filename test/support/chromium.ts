import { describe } from '@jest/globals';
import { existsSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { worker } from '../setup/workerShared/worker.js';

/**
 * The browser tests' real browser: Debian's chromium, driven by playwright-core. Its headless shell
 * (`chromium-headless-shell`, the same Debian build without the browser's windows and profile machinery) when
 * installed, as playwright itself runs headless chromium: on this 2-core machine it cost about 100 s of CPU over
 * the browser suites against about 160 s for the full browser, mostly in loading Web Chat's page. The full
 * browser when only it is there, or the one `TEST_CHROMIUM` names.
 *
 * One chromium per jest worker, launched by the first browser test file the worker runs and kept for its
 * next ones (test/setup/workerEnvironment.js keeps it; playwright-core itself is loaded by Node once per
 * worker, not by each file). Each test opens its own context: its own cookies, storage and cache, as a
 * separate browser profile would have, so nothing one test does reaches another. Playwright closes the
 * browser when the worker process exits.
 */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
export const CHROMIUM = process.env.TEST_CHROMIUM ?? (existsSync(HEADLESS_SHELL) ? HEADLESS_SHELL : '/usr/bin/chromium');
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const chromiumInstalled = existsSync(CHROMIUM);

/** `describe` when chromium is installed, else `describe.skip` with a warning. */
export const describeWithChromium = chromiumInstalled ? describe : describe.skip;
if (!chromiumInstalled) console.warn(`Browser tests skipped: ${CHROMIUM} is missing (.ci/run installs it with apt-get).`);

interface Slot {
  browser?: Promise<Browser>;
}

/** The worker's chromium (launched again if it has gone away). */
export async function sharedChromium(): Promise<Browser> {
  const slot = worker.once<Slot>('chromium', () => ({}));
  const running = slot.browser ? await slot.browser.catch(() => undefined) : undefined;
  if (running?.isConnected()) return running;
  slot.browser = worker
    .importOnce<typeof import('playwright-core')>('playwright-core')
    .then(({ chromium }) => chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS }));
  return slot.browser;
}

/**
 * A new context (a fresh profile) in the worker's chromium; `closeContexts` closes every one opened so far.
 * Call it in afterEach or afterAll so a failing test leaves nothing open.
 */
export function browserContexts(defaults: BrowserContextOptions = { viewport: { width: 1024, height: 900 } }) {
  const open: BrowserContext[] = [];
  return {
    async newContext(options: BrowserContextOptions = {}): Promise<BrowserContext> {
      const context = await (await sharedChromium()).newContext({ ...defaults, ...options });
      open.push(context);
      return context;
    },
    async closeContexts(): Promise<void> {
      for (const context of open.splice(0)) await context.close().catch(() => undefined);
    },
  };
}
