import { afterAll, afterEach, beforeAll, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { loadTranslations } from '../../../bot/i18n.js';
import { axeViolations } from '../../support/axe.js';
import { browserContexts, describeWithChromium } from '../../support/chromium.js';
import { freePort } from '../../support/freePort.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { startOidcProvider, type TestOidcProvider } from '../../support/oidcProvider.js';
import { waitFor } from '../../support/waitFor.js';

/**
 * Single sign-on in a real browser (Debian's chromium): the provider is another site (127.0.0.1) than
 * One Story (localhost), as an agency's provider is, so the browser applies SameSite as it would in use.
 * The session cookie is SameSite=Strict; the browser must still send it on the way to the inbox after
 * arriving from the provider. Every page of ours is checked with axe-core.
 */
const STEP_TIMEOUT_MS = 20_000;
const CAMBRIDGE = 'cambridge-housing-options';

jest.setTimeout(120_000);

const t = (await loadTranslations()).forLocale('en');

describeWithChromium('single sign-on in a browser', () => {
  let provider: TestOidcProvider;
  let running: RunningOneStory;
  let base: string;
  // Playwright's own window size (1280x720).
  const { newContext, closeContexts } = browserContexts({});

  beforeAll(async () => {
    const port = await freePort();
    base = `http://localhost:${port}`;
    provider = await startOidcProvider({
      redirectUri: `${base}/inbox/sso/callback`,
      accounts: { ana: { email: 'ana@cambridge.gov.uk', email_verified: true }, ben: { email: 'ben@cambridge.gov.uk', email_verified: true } },
    });
    running = await startOneStory({
      port,
      env: { PUBLIC_URL: base, AGENCY_SSO: JSON.stringify({ [CAMBRIDGE]: provider.settings({ emailDomains: ['cambridge.gov.uk'] }) }) },
    });
  });

  afterEach(closeContexts);

  afterAll(async () => {
    await running?.app.close();
    await provider?.close();
  });

  /** At the provider: its development login (any password) and consent pages. */
  async function signInAtProvider(page: Page, login: string): Promise<void> {
    await page.waitForURL((url) => url.href.startsWith(provider.issuer), { timeout: STEP_TIMEOUT_MS });
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    const consent = page.locator('button[type="submit"]', { hasText: 'Continue' });
    await Promise.race([consent.waitFor({ timeout: STEP_TIMEOUT_MS }), page.waitForURL((url) => url.href.startsWith(base), { timeout: STEP_TIMEOUT_MS })]);
    if (page.url().startsWith(provider.issuer)) await consent.click();
  }

  it('signs an invited worker in from their work email, and the session reaches the inbox', async () => {
    const invitation = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: CAMBRIDGE, email: 'ana@cambridge.gov.uk', role: 'worker', singleSignOn: true });
    if ('refused' in invitation) throw new Error(invitation.refused);
    const context = await newContext();
    const page = await context.newPage();
    const sentToInbox: string[] = [];
    page.on('request', (request) => {
      if (request.url() === `${base}/inbox`) void request.allHeaders().then((headers) => sentToInbox.push(headers.cookie ?? ''));
    });

    await page.goto(`${base}/inbox/sso`);
    expect(await page.locator('h1').innerText()).toBe(t('sso.choose.title'));
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(t('sso.choose.emailLabel')).fill('someone@elsewhere.org');
    await page.getByRole('button', { name: t('sso.choose.continue') }).click();
    await page.locator('.govuk-error-summary').waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await page.locator('.govuk-error-summary').innerText()).toContain(t('sso.choose.emailUnknown'));
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel(t('sso.choose.emailLabel')).fill('ana@cambridge.gov.uk');
    await page.getByRole('button', { name: t('sso.choose.continue') }).click();
    await signInAtProvider(page, 'ana');
    await page.waitForURL(`${base}/inbox`, { timeout: STEP_TIMEOUT_MS });
    await waitFor(() => sentToInbox.length > 0, 'the headers of the request to the inbox', 5_000).catch(() => undefined);
    expect(sentToInbox).toEqual([expect.stringContaining('one_story_staff=')]);

    await page.goto(`${base}/inbox/account`);
    expect(await page.content()).toContain('ana@cambridge.gov.uk');
    expect((await running.app.staff.accounts.get(invitation.staff.staffId))?.status).toBe('active');
    await context.close();
  });

  it('refuses someone without an account with a page that passes axe', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/inbox/sso`);
    await page.getByRole('link', { name: t('sso.choose.signInWith', { agency: 'Housing Options (Cambridge)' }) }).click();
    await signInAtProvider(page, 'ben');
    await page.waitForURL((url) => url.href.startsWith(`${base}/inbox/sso/callback`), { timeout: STEP_TIMEOUT_MS });
    expect(await page.locator('h1').innerText()).toBe(t('sso.refused.title'));
    expect(await page.locator('main').innerText()).toContain(t('sso.refused.askAdmin'));
    expect(await axeViolations(page)).toEqual([]);
    expect((await context.cookies(base)).map((cookie) => cookie.name)).not.toContain('one_story_staff');
    await context.close();
  });
});
