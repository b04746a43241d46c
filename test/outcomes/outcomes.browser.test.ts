import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { projectRoot } from '../../data/paths.js';
import { axeViolations } from '../support/axe.js';
import { browserContexts, describeWithChromium } from '../support/chromium.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';
import { signedInAs, TEST_PASSWORD_HASHING } from '../support/staffSession.js';
import { tellsTheirName } from '../support/tellingPeople.js';

/**
 * The outcomes page in a real browser (Debian's chromium, driven by playwright-core; test/support/chromium.ts), over eight weeks of
 * history seeded through the server's own sharing use cases: its charts are drawn, its tables open, and
 * axe-core finds nothing wrong. The screenshot is the README's.
 */
const ARTIFACTS = join(projectRoot(), 'test-artifacts');
const AGENCIES = ['cambridge-housing-options', 'adult-mental-health', 'food-bank-network', 'drug-alcohol-service', 'changing-futures-navigators'];
const PARTS: Record<string, string[]> = {
  'cambridge-housing-options': ['housing', 'what-helps'],
  'adult-mental-health': ['mental-health', 'housing'],
  'food-bank-network': ['money', 'housing'],
  'drug-alcohol-service': ['drugs-alcohol', 'mental-health'],
  'changing-futures-navigators': ['what-helps', 'housing', 'mental-health'],
};
/** Hours each agency takes to answer, by the person's number (undefined: never answers). */
const ANSWER_HOURS: Record<string, (k: number) => number | undefined> = {
  'cambridge-housing-options': (k) => 4 + (k % 5) * 7,
  'adult-mental-health': (k) => (k % 4 === 3 ? undefined : 30 + (k % 4) * 40),
  'food-bank-network': (k) => 2 + (k % 3),
  'drug-alcohol-service': (k) => 20 + (k % 6) * 12,
  'changing-futures-navigators': (k) => 6 + (k % 4) * 10,
};

jest.setTimeout(180_000);

describeWithChromium('the outcomes page in a browser', () => {
  let now = new Date('2026-10-05T09:00:00Z');
  let running: RunningOneStory;
  const { newContext, closeContexts } = browserContexts();
  let browser: BrowserContext;

  beforeAll(async () => {
    running = await startOneStory({ clock: () => now, staffPasswordHashing: TEST_PASSWORD_HASHING });
    const { sharing, agencySharing } = running.app;
    for (let index = 0; index < 12; index++) await tellsTheirName(running.app, `browser-teller-${index}`, 'Robin');
    const answers: Array<{ at: number; agencyId: string; handoffId: string }> = [];
    for (let week = 0; week < 8; week++) {
      for (let k = 0; k < 5 + (week % 3) * 2; k++) {
        const started = Date.parse('2026-10-05T09:00:00Z') + week * 7 * 86_400_000 + k * 3_600_000;
        const story = sampleStory(`browser-person-${week}-${k}`, new Date(started));
        for (const [index, agencyId] of AGENCIES.entries()) {
          if (index > 0 && (k + week) % (index + 1) !== 0) continue;
          now = new Date(started + (1 + index * 5 + (k % 3) * 4) * 3_600_000);
          const { handoffId } = await sharing.share({ story, agencyId, parts: PARTS[agencyId], heldBack: [], wording, channel: 'webchat', supportedBy: null });
          const after = ANSWER_HOURS[agencyId](k);
          if (after !== undefined) answers.push({ at: now.getTime() + after * 3_600_000, agencyId, handoffId });
        }
      }
    }
    for (const answer of answers.sort((a, b) => a.at - b.at)) {
      now = new Date(answer.at);
      await agencySharing.setStatusByAgency(answer.agencyId, answer.handoffId, 'received', undefined);
    }
    now = new Date('2026-12-07T10:00:00Z');
    browser = await newContext();
  });

  afterAll(async () => {
    await closeContexts();
    await running?.app.close();
  });

  it('should draw the charts, open their tables and pass axe-core', async () => {
    const { cookie } = await signedInAs(running.app, { agencyId: null, role: 'partnership' });
    const [name, value] = cookie.split('=');
    await browser.addCookies([{ name, value, url: running.baseUrl, httpOnly: true, sameSite: 'Strict' }]);
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
    });
    // What the page itself asks for must all be there (the browser's own favicon.ico is not the page's).
    page.on('response', (response) => {
      if (response.status() >= 400 && !response.url().endsWith('/favicon.ico')) problems.push(`${response.status()} ${response.url()}`);
    });
    await page.goto(`${running.baseUrl}/outcomes`);
    expect(await page.locator('h1').textContent()).toBe(running.app.translations.forLocale('en')('outcomes.title'));
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(3);
    for (let index = 0; index < 3; index++) expect((await charts.nth(index).boundingBox())?.height).toBeGreaterThan(200);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'outcomes.png'), fullPage: true });
    // The README's picture: the figures at a glance and the first two charts.
    await page.screenshot({ path: join(ARTIFACTS, 'outcomes-readme.png'), clip: { x: 0, y: 0, width: 1024, height: 1900 }, fullPage: true });
    await page.locator('.govuk-details__summary').first().click();
    expect(await page.locator('details[open] table').first().isVisible()).toBe(true);

    expect(await axeViolations(page)).toEqual([]);
    // Nothing refused by the page's Content-Security-Policy (no inline style in the charts).
    expect(problems).toEqual([]);
    await page.close();
  });
});
