import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { TFunction } from 'i18next';
import { loadTranslations } from '../../../bot/i18n.js';
import { projectRoot } from '../../../data/paths.js';
import { SESSION_COOKIE } from '../../../bot/inbox/staffAccess.js';
import { axeViolations, withAxe } from '../../support/axe.js';
import { browserContexts, describeWithChromium } from '../../support/chromium.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { shareSampleStory } from '../../support/sharingFixtures.js';
import { signedInAs, TEST_PASSWORD_HASHING } from '../../support/staffSession.js';

/**
 * A worker's morning in a real browser (Debian's chromium, driven by playwright-core; test/support/chromium.ts): the inbox flags a
 * handoff that has waited past the agency's target (the injected clock moved on), the worker opens it,
 * accepts it with a message from a template, and the person's side has the message. axe-core finds
 * nothing on any page on the way.
 */
const STEP_TIMEOUT_MS = 20_000;
// Housing Options (Cambridge): a first reply within 2 working days.
const HOUSING = 'cambridge-housing-options';
/** `README_SCREENSHOTS=1` also saves the README's pictures of the inbox (data/readme/inbox-*.png). */
const screenshot = (page: Page, name: string) =>
  process.env.README_SCREENSHOTS ? page.screenshot({ path: join(projectRoot(), 'data', 'readme', `inbox-${name}.png`), fullPage: false }) : Promise.resolve();

jest.setTimeout(120_000);

describeWithChromium('the inbox in a browser', () => {
  // Shared on Tuesday 1 December 2026 at 09:00; due by the end of Thursday.
  let now = new Date('2026-12-01T09:00:00Z');
  let running: RunningOneStory;
  const { newContext, closeContexts } = browserContexts();
  let browser: BrowserContext;
  let t: TFunction;

  beforeAll(async () => {
    t = (await loadTranslations()).forLocale('en');
    running = await startOneStory({ clock: () => now, staffPasswordHashing: TEST_PASSWORD_HASHING });
    browser = await withAxe(await newContext());
  });

  afterAll(async () => {
    await closeContexts();
    await running?.app.close();
  });

  /** Visits a page the way the worker does and checks it: loaded, every request answered, no axe violation. */
  async function checked(page: Page, failed: string[]): Promise<void> {
    await page.waitForLoadState('load');
    expect(failed).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  }

  it('a worker sees the overdue handoff, opens it and accepts it with a message', async () => {
    const shared = await shareSampleStory(running.app, {
      personId: 'browser-person',
      agencyId: HOUSING,
      parts: ['what-helps', 'about-me', 'housing'],
      heldBack: [{ topicId: 'housing', questionId: 'worries' }],
    });
    now = new Date('2026-12-03T15:10:00Z');
    const answered = await shareSampleStory(running.app, { personId: 'browser-person-2', agencyId: HOUSING, parts: ['housing'] });
    await running.app.agencySharing.setStatusByAgency(HOUSING, answered.handoffId, 'received', undefined);
    now = new Date('2026-12-04T08:10:00Z');
    await shareSampleStory(running.app, { personId: 'browser-person-3', agencyId: HOUSING, parts: ['what-helps', 'housing'] });
    now = new Date('2026-12-04T08:30:00Z');
    const staff = await signedInAs(running.app, { agencyId: HOUSING, role: 'worker' });
    await browser.addCookies([{ name: SESSION_COOKIE, value: /=(.*)$/.exec(staff.cookie)![1], url: running.baseUrl, httpOnly: true, sameSite: 'Strict' }]);

    const page = await browser.newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${new URL(response.url()).pathname} ${response.status()}`);
    });

    await page.goto(`${running.baseUrl}/inbox`);
    await checked(page, failed);
    const row = page.locator(`tr[data-reference="${shared.reference}"]`);
    await expect(row.textContent()).resolves.toContain(t('inbox.response.overdue'));
    await screenshot(page, 'list');

    await row.getByRole('link', { name: shared.reference }).click();
    await page.getByRole('heading', { level: 1, name: t('inbox.handoff.title', { reference: shared.reference }) }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await checked(page, failed);
    const headings = await page.locator('main h2').allTextContents();
    expect(headings.map((heading) => heading.trim()).slice(0, 2)).toEqual([
      expect.stringContaining(t('topics.what-helps.title')),
      t('agencyPage.languageAndCommunication'),
    ]);
    expect(await page.locator('main').textContent()).not.toContain('leave by Friday');
    await screenshot(page, 'handoff');

    await page.getByRole('button', { name: t('inbox.handoff.actions.accepted'), exact: true }).click();
    await page.locator('#message').waitFor({ timeout: STEP_TIMEOUT_MS });
    await checked(page, failed);
    // Start from the second template, then make it the worker's own.
    await page.getByRole('link', { name: `${t('inbox.reply.useTemplate')} 2` }).click();
    await expect(page.locator('#message').inputValue()).resolves.toBe(t('inbox.templates.accepted.visit'));
    const message = `${t('inbox.templates.accepted.visit')} We are at 10 Market Street.`;
    await page.locator('#message').fill(message);
    await page.getByRole('button', { name: t('inbox.reply.submit.accepted') }).click();

    await page.locator('.govuk-notification-banner--success').waitFor({ timeout: STEP_TIMEOUT_MS });
    await checked(page, failed);
    expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(t('inbox.done.accepted'));
    const [entry] = await running.app.sharing.sharedWith('browser-person');
    expect(entry).toMatchObject({ status: 'accepted', messageToPerson: message });

    await page.getByRole('link', { name: t('inbox.handoff.print') }).click();
    await page.getByRole('heading', { level: 1 }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await checked(page, failed);
    expect(await page.locator('main').textContent()).toContain(shared.reference);
    await page.close();
  });
});
