import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { loadTranslations } from '../../../bot/i18n.js';
import { axeViolations, withAxe } from '../../support/axe.js';
import { browserContexts, describeWithChromium } from '../../support/chromium.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { totpCode, TEST_PASSWORD_HASHING } from '../../support/staffSession.js';

/**
 * An agency admin sets up their account in a real browser (Debian's chromium, driven by playwright-core;
 * test/support/chromium.ts):
 * the setup link, a password, their authenticator app (the test computes its codes from the key the page
 * writes out), the recovery codes; then signs in with both factors, reaches their account page and signs
 * out. axe-core checks every page visited, with the page's own Content-Security-Policy in force.
 */
const STEP_TIMEOUT_MS = 20_000;
const AGENCY = 'cambridge-housing-options';
const t = (await loadTranslations()).forLocale('en');

jest.setTimeout(180_000);

describeWithChromium('an agency admin setting up and signing in, in a browser', () => {
  let now = new Date();
  let running: RunningOneStory;
  const { newContext, closeContexts } = browserContexts();
  let browser: BrowserContext;

  beforeAll(async () => {
    running = await startOneStory({ clock: () => now, staffPasswordHashing: TEST_PASSWORD_HASHING });
    browser = await withAxe(await newContext());
  });
  afterAll(async () => {
    await closeContexts();
    await running?.app.close();
  });

  it('should set up the account with TOTP, sign in with it, and sign out, with no accessibility violation on any page', async () => {
    const invited = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: AGENCY, email: 'browser.admin@example.org', role: 'agency-admin' });
    if ('refused' in invited) throw new Error(invited.refused);
    const page = await browser.newPage();
    const cspViolations: string[] = [];
    page.on('console', (entry) => {
      if (/Content.Security.Policy/i.test(entry.text())) cspViolations.push(entry.text());
    });
    const visited: Array<{ url: string; violations: string[] }> = [];
    const check = async () => visited.push({ url: new URL(page.url()).pathname.replace(/setup\/[^/]+/, 'setup/…'), violations: await axeViolations(page) });
    const heading = (text: string) => page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout: STEP_TIMEOUT_MS });

    // Step 1: a password (a common one first, refused kindly).
    await page.goto(`${running.baseUrl}/inbox/setup/${invited.setupToken}`);
    await heading(t('signIn.setupPassword.title'));
    await check();
    await page.getByLabel(t('signIn.setupPassword.password'), { exact: true }).fill('password12345');
    await page.getByLabel(t('signIn.setupPassword.confirm'), { exact: true }).fill('password12345');
    await page.getByRole('button', { name: t('signIn.setupPassword.continue') }).click();
    await page.locator('.govuk-error-summary').waitFor({ timeout: STEP_TIMEOUT_MS });
    // GOV.UK Frontend's script moves focus to the summary, for screen readers.
    expect(await takesFocus(page.locator('.govuk-error-summary'))).toBe(true);
    await check();
    await page.getByLabel(t('signIn.setupPassword.password'), { exact: true }).fill('orchid tunnel marble forty');
    await page.getByLabel(t('signIn.setupPassword.confirm'), { exact: true }).fill('orchid tunnel marble forty');
    await page.getByRole('button', { name: t('signIn.setupPassword.continue') }).click();

    // Step 2: the authenticator app, from the key written out under the QR code.
    await heading(t('signIn.setupTotp.title'));
    await check();
    expect(await page.getByRole('img', { name: t('signIn.setupTotp.qrAlt') }).isVisible()).toBe(true);
    const key = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
    await page.getByLabel(t('signIn.setupTotp.code')).fill(totpCode(key, now));
    await page.getByRole('button', { name: t('signIn.setupTotp.continue') }).click();

    // The recovery codes, once.
    await heading(t('signIn.recoveryCodes.title'));
    await check();
    expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
    await page.getByRole('link', { name: t('signIn.recoveryCodes.signIn') }).click();

    // Signing in: a wrong password first, then the right one and a fresh code.
    await heading(t('signIn.signIn.title'));
    await check();
    await page.goto(`${running.baseUrl}/inbox/sign-in?next=%2Finbox%2Faccount`);
    await page.getByLabel(t('signIn.signIn.email')).fill('browser.admin@example.org');
    await page.getByLabel(t('signIn.signIn.password'), { exact: true }).fill('not my password at all');
    await page.getByRole('button', { name: t('signIn.signIn.continue') }).click();
    await page.locator('.govuk-error-summary').waitFor({ timeout: STEP_TIMEOUT_MS });
    await check();
    await page.getByLabel(t('signIn.signIn.password'), { exact: true }).fill('orchid tunnel marble forty');
    await page.getByRole('button', { name: t('signIn.signIn.continue') }).click();
    await heading(t('signIn.code.title'));
    await check();
    now = new Date(now.getTime() + 30_000);
    await page.getByLabel(t('signIn.code.title')).fill(totpCode(key, now));
    await page.getByRole('button', { name: t('signIn.code.continue') }).click();

    // Their account page, then out.
    await heading(t('signIn.account.title'));
    await check();
    expect(await page.getByText('browser.admin@example.org').isVisible()).toBe(true);
    await page.getByRole('button', { name: t('signIn.account.signOut'), exact: true }).click();
    await heading(t('signIn.signIn.title'));
    await check();
    expect(await page.getByText(t('signIn.signIn.notices.signedOut')).isVisible()).toBe(true);
    await page.goto(`${running.baseUrl}/inbox/account`);
    await heading(t('signIn.signIn.title'));
    await page.goto(`${running.baseUrl}/inbox/no-such-page`);
    await heading(t('signIn.notFound.title'));
    await check();

    expect(visited.filter((visit) => visit.violations.length > 0)).toEqual([]);
    expect(visited.length).toBeGreaterThanOrEqual(9);
    expect(cspViolations).toEqual([]);
    await page.close();
  });
});

/**
 * Whether the element takes focus within a few seconds (GOV.UK Frontend's script gives it focus after load):
 * the page itself says so as soon as it happens.
 */
async function takesFocus(locator: ReturnType<Page['locator']>): Promise<boolean> {
  const element = await locator.elementHandle();
  return locator
    .page()
    .waitForFunction((target) => target === document.activeElement, element, { timeout: 5_000 })
    .then(() => true)
    .catch(() => false);
}
