import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadTranslations } from '../../../bot/i18n.js';
import { projectRoot } from '../../../data/paths.js';
import { axeViolations, withAxe } from '../../support/axe.js';
import { browserContexts, describeWithChromium } from '../../support/chromium.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { signedInAs, TEST_PASSWORD_HASHING } from '../../support/staffSession.js';

/**
 * The agency admin pages in a real browser (Debian's chromium, driven by playwright-core; test/support/chromium.ts), as an admin of
 * the Cambridge housing team would use them: invite a worker, copy the setup link, create an API key and
 * revoke it, look at the webhook. axe-core finds nothing on any page on the way.
 */
const ARTIFACTS = join(projectRoot(), 'test-artifacts');
const HOUSING = 'cambridge-housing-options';

jest.setTimeout(120_000);

const en = (await loadTranslations()).forLocale('en');
const text = (key: string, options: Record<string, string> = {}) => String(en(`inboxAdmin.${key}`, options));

describeWithChromium('agency admin in a browser', () => {
  let running: RunningOneStory;
  const { newContext, closeContexts } = browserContexts();

  beforeAll(async () => {
    // Setup links are built on PUBLIC_URL, as in production (the test opens their path on this server).
    running = await startOneStory({ env: { PUBLIC_URL: 'https://one-story.example.org' }, staffPasswordHashing: TEST_PASSWORD_HASHING });
    await mkdir(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await closeContexts();
    await running?.app.close();
  });

  /** Every page on the way: axe-core finds nothing, and nothing failed to load. */
  async function checked(page: Page, name: string, failed: string[]): Promise<void> {
    expect({ page: name, violations: await axeViolations(page) }).toEqual({ page: name, violations: [] });
    expect({ page: name, failed }).toEqual({ page: name, failed: [] });
    await page.screenshot({ path: join(ARTIFACTS, `agency-admin-${name}.png`), fullPage: true });
  }

  it('an admin invites a worker and creates an API key, and every page passes axe-core', async () => {
    const admin = await signedInAs(running.app, { agencyId: HOUSING, role: 'agency-admin', email: 'alex.morgan@housing.example.org' });
    const context = await withAxe(await newContext());
    await context.addCookies([{ name: admin.cookie.split('=')[0], value: admin.cookie.slice(admin.cookie.indexOf('=') + 1), url: running.baseUrl }]);
    const page = await context.newPage();
    const failed: string[] = [];
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${new URL(response.url()).pathname} ${response.status()}`);
    });

    await page.goto(`${running.baseUrl}/inbox/admin/staff`);
    expect(await page.locator('h1').textContent()).toBe(text('staff.title'));
    await checked(page, 'staff', failed);

    await page.getByRole('button', { name: text('staff.invite') }).click();
    expect(await page.locator('h1').textContent()).toBe(text('invite.title'));
    await checked(page, 'invite', failed);

    // Sent empty: the error summary, focused, and the page still usable.
    await page.getByRole('button', { name: text('invite.submit') }).click();
    await page.locator('.govuk-error-summary').waitFor();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(text('invite.errors.emailMissing'));
    failed.splice(0); // the 400 answer to the empty form is the expected one
    await checked(page, 'invite-errors', failed);

    const email = 'new.worker@example.org';
    await page.getByLabel(text('invite.email.label')).fill(email);
    await page.getByLabel(text('roles.worker')).check();
    await page.getByRole('button', { name: text('invite.submit') }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    const link = await page.getByLabel(text('staff.notice.linkLabel', { email })).inputValue();
    expect(link).toMatch(/^https:\/\/one-story\.example\.org\/inbox\/setup\/[A-Za-z0-9_-]{20,}$/);
    expect(await page.locator('table').textContent()).toContain(email);
    await checked(page, 'invited', failed);
    // The setup page the colleague will open.
    expect((await fetch(`${running.baseUrl}${new URL(link).pathname}`)).status).toBe(200);

    await page.getByRole('link', { name: en('staffPages.nav.keys') }).click();
    expect(await page.locator('h1').textContent()).toBe(text('keys.title'));
    await checked(page, 'keys', failed);
    await page.getByRole('button', { name: text('keys.create') }).click();
    const key = await page.getByLabel(text('keys.notice.keyLabel')).inputValue();
    expect(key).toMatch(/^osk_[0-9a-f]{16}\./);
    await checked(page, 'key-created', failed);
    expect((await fetch(`${running.baseUrl}/api/agency/handoffs`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    await page.getByRole('link', { name: new RegExp(`^${text('keys.revoke')}`) }).first().click();
    await checked(page, 'revoke', failed);
    await page.getByRole('button', { name: text('revoke.submit') }).click();
    await page.locator('.govuk-notification-banner--success').waitFor();
    await checked(page, 'key-revoked', failed);
    expect((await fetch(`${running.baseUrl}/api/agency/handoffs`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(401);

    await page.getByRole('link', { name: en('staffPages.nav.webhook') }).click();
    expect(await page.locator('h1').textContent()).toBe(text('webhook.title'));
    await checked(page, 'webhook', failed);
    // The sample directory's housing team has a webhook address but no secret yet: the first one is made here.
    expect(await page.locator('.govuk-summary-list').textContent()).toContain(text('webhook.state.none'));
    await page.getByRole('button', { name: text('webhook.makeFirst') }).click();
    await checked(page, 'rotate', failed);
    await page.getByRole('button', { name: text('rotate.submit') }).click();
    expect(await page.getByLabel(text('webhook.notice.secretLabel')).inputValue()).toMatch(/^whsec_/);
    await checked(page, 'rotated', failed);
    await context.close();
  });
});
