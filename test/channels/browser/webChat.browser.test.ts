import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { loadTranslations } from '../../../bot/i18n.js';
import { projectRoot } from '../../../data/paths.js';
import { partTitles, wordingVersion } from '../../../dialogs/sharingText.js';
import { axeViolations } from '../../support/axe.js';
import { browserContexts, chromiumInstalled, describeWithChromium } from '../../support/chromium.js';
import { englishConversationText } from '../../support/channelText.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { sampleStory } from '../../support/sharingFixtures.js';

const text = await englishConversationText();

/**
 * The page in a real browser (Debian's chromium, driven by playwright-core; test/support/chromium.ts): Web
 * Chat talks to the local Direct Line on the same server, and quick exit leaves for a neutral page served
 * here on loopback. Each test opens the chat in a tab of its own (its own sessionStorage, where the chat keeps
 * its conversation); the tabs share one browser profile, whose cache keeps Web Chat's 2 MB script compiled
 * (a fresh profile per test would load and compile it again for each).
 */
const ARTIFACTS = join(projectRoot(), 'test-artifacts');
const STEP_TIMEOUT_MS = 20_000;

const translations = await loadTranslations();
const exitButton = translations.forLocale('en')('web.exit.button');
const helpNowLink = translations.forLocale('en')('crisis.helpNow.link');
/** The bot's first words in a language, as a person sees them ({{serviceName}} filled in). */
const welcomeFirstLineIn = (language: string) => (translations.forLocale(language)('welcome.lines', { returnObjects: true }) as unknown as string[])[0];

jest.setTimeout(90_000);

/*
 * The tests run side by side (`it.concurrent`, five at a time), each in its own tab with its own
 * conversation: most of a test is waiting for the bot's next message, which Web Chat fetches once a
 * second. jest starts concurrent tests after the file's top-level hooks only, so the server and the browser
 * profile are set up here, outside the describe block.
 */
let running: RunningOneStory;
let neutral: Server;
let neutralUrl: string;
const { newContext, closeContexts } = browserContexts();
let browser: BrowserContext;

if (chromiumInstalled) {
  beforeAll(async () => {
    neutral = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!DOCTYPE html><title>Weather</title><p>Sunny spells.</p>');
    });
    await new Promise<void>((resolve) => neutral.listen(0, '127.0.0.1', resolve));
    neutralUrl = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/weather`;
    // Every chat here starts from one address (this machine): its allowance of starts is lifted.
    running = await startOneStory({ env: { EXIT_URL: neutralUrl, DIRECTLINE_STARTS_PER_ADDRESS: '1000' } });
    browser = await newContext();
  });

  afterAll(async () => {
    await closeContexts();
    await running?.app.close();
    await new Promise<void>((resolve) => (neutral ? neutral.close(() => resolve()) : resolve()));
  });
}

describeWithChromium('the web chat page in a browser', () => {
  /** A message in the transcript (Web Chat also repeats it in screen-reader-only labels). */
  const message = (page: Page, text: string) => page.locator('.webchat__text-content', { hasText: text });

  /** A suggested action button (the transcript also repeats it for screen readers). */
  const suggestedAction = (page: Page, text: string) => page.locator('.webchat__suggested-actions__button', { hasText: text });

  /**
   * A new tab (its own sessionStorage) on the chat, in English or the language asked for, with the welcome
   * shown; in a window of the size asked for, from the start.
   */
  async function openChat(
    language?: string,
    viewport?: { width: number; height: number },
  ): Promise<{ page: Page; scriptViolations: string[]; cspViolations: string[]; failed: string[]; elsewhere: string[]; fonts: string[] }> {
    const page = await browser.newPage();
    if (viewport) await page.setViewportSize(viewport);
    const scriptViolations: string[] = [];
    // Anything the Content-Security-Policy refused (scripts, styles, fonts …), and any request that failed.
    const cspViolations: string[] = [];
    const failed: string[] = [];
    // Every request stays on this machine: no CDN, no analytics, no third party.
    const elsewhere: string[] = [];
    // The faces page.css serves for Arabic and Urdu, with the status they were served with.
    const fonts: string[] = [];
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith('http://127.0.0.1:') && !url.startsWith('blob:') && !url.startsWith('data:')) elsewhere.push(url);
    });
    page.on('response', (response) => {
      const { pathname } = new URL(response.url());
      if (pathname.startsWith('/assets/fonts/noto-')) fonts.push(`${pathname} ${response.status()} ${response.headers()['content-type']}`);
      if (response.status() >= 400) failed.push(`${pathname} ${response.status()}`);
    });
    page.on('console', (message) => {
      if (message.text().startsWith('csp-violation script')) scriptViolations.push(message.text());
      if (message.text().startsWith('csp-violation')) cspViolations.push(message.text());
    });
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (event) => {
        const kind = event.effectiveDirective.startsWith('script') ? 'script' : 'other';
        console.log(`csp-violation ${kind} ${event.effectiveDirective} ${event.blockedURI}`);
      }),
    );
    await page.goto(`${running.baseUrl}/${language ? `?lang=${language}` : ''}`);
    await message(page, language ? welcomeFirstLineIn(language) : text.welcomeFirstLine).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The whole welcome, down to its question and buttons: a tap lands where the person sees it, not on a
    // page still growing under the pointer.
    if (!language) await suggestedAction(page, text.supporterNo).waitFor({ timeout: STEP_TIMEOUT_MS });
    return { page, scriptViolations, cspViolations, failed, elsewhere, fonts };
  }

  /** Which way Web Chat lays out its transcript, and on which side of it the bot's first message sits. */
  const chatLayout = (page: Page) =>
    page.evaluate(() => {
      const transcript = document.querySelector('#webchat .webchat__basic-transcript')!;
      const box = transcript.getBoundingClientRect();
      const bubble = transcript.querySelector('.webchat__bubble')!.getBoundingClientRect();
      return { direction: window.getComputedStyle(transcript).direction, botSide: bubble.left - box.left > box.right - bubble.right ? 'right' : 'left' };
    });

  /** The faces of a family the page has finished loading, once the fonts the page needs are in. */
  const loadedFaces = (page: Page, family: string) =>
    page.evaluate(async (name) => {
      await document.fonts.ready;
      const faces: string[] = [];
      document.fonts.forEach((face) => {
        if (face.family.replace(/"/g, '') === name && face.status === 'loaded') faces.push(face.weight);
      });
      return faces.sort();
    }, family);

  /** After leaving: this tab holds nothing for the chat's origin. Read on a page of that origin with no script of ours. */
  async function chatSessionStorageLength(page: Page): Promise<number> {
    await page.goto(`${running.baseUrl}/healthz`);
    return page.evaluate(() => window.sessionStorage.length);
  }

  it.concurrent('should welcome the person, take a tapped choice and a typed answer, and ask the next question', async () => {
    const { page, scriptViolations, cspViolations, failed, elsewhere, fonts } = await openChat();
    await suggestedAction(page, text.supporterNo).click();
    await message(page, text.askName).waitFor({ timeout: STEP_TIMEOUT_MS });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('Sam');
    await input.press('Enter');
    await message(page, text.nameThanks('Sam')).waitFor({ timeout: STEP_TIMEOUT_MS });

    // The conversation lives in this tab's sessionStorage only: no cookies, nothing in localStorage.
    expect(await page.evaluate(() => Object.keys(window.sessionStorage))).toEqual(['one-story:conversation']);
    expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
    expect(await browser.cookies()).toEqual([]);
    expect(scriptViolations).toEqual([]);
    // Web Chat's styles too are within the policy, and every file the page asks for is there (no GOV.UK
    // font file is asked for: GOV.UK Frontend's CSS comes with the system font stack).
    expect(cspViolations).toEqual([]);
    expect(failed).toEqual([]);
    expect(elsewhere).toEqual([]);
    // An English page downloads no Arabic or Urdu face, not even for the language list's own names.
    expect(fonts).toEqual([]);
    expect(await chatLayout(page)).toEqual({ direction: 'ltr', botSide: 'left' });

    await mkdir(ARTIFACTS, { recursive: true });
    // Typing scrolled the window to the send box; the picture shows the page from its top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat.png'), fullPage: true });
    await page.close();
  });

  it.concurrent('shows the review by topic: a heading, each question in bold with the answer below it, the person\'s own marks as typed', async () => {
    const { page } = await openChat();
    const t = translations.forLocale('en');
    await suggestedAction(page, text.supporterNo).click();
    await message(page, text.askName).waitFor({ timeout: STEP_TIMEOUT_MS });
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    const name = 'Sam *the* <b>great</b>';
    await input.fill(name);
    await input.press('Enter');
    await message(page, text.nameThanks(name)).waitFor({ timeout: STEP_TIMEOUT_MS });
    await input.fill('review');
    await input.press('Enter');
    const heading = page.locator('.webchat__bubble h3', { hasText: t('topics.about-me.title') });
    await heading.waitFor({ timeout: STEP_TIMEOUT_MS });
    const bubble = page.locator('.webchat__bubble', { has: page.locator('h3', { hasText: t('topics.about-me.title') }) });
    expect(await bubble.locator('strong').allInnerTexts()).toEqual([t('topics.about-me.questions.preferred-name.text')]);
    // The answer on its own line below the question, exactly as typed: nothing of it became formatting.
    expect(await bubble.locator('p').last().innerText()).toBe(`${t('topics.about-me.questions.preferred-name.text')}\n${name}`);
    expect(await bubble.locator('em, b, ul, ol, a, img').count()).toBe(0);
    await page.close();
  });

  it.concurrent('in Arabic: the page and the chat run right to left, the bot welcomes in Arabic, in the Arabic face served here', async () => {
    // openChat waited for the welcome in Arabic: the page's language reached the bot when the conversation started.
    const { page, scriptViolations, elsewhere, fonts } = await openChat('ar');
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await chatLayout(page)).toEqual({ direction: 'rtl', botSide: 'right' });
    expect(await loadedFaces(page, 'Noto Naskh Arabic')).toEqual(['400', '700']);
    expect(fonts.sort()).toEqual(['/assets/fonts/noto-naskh-arabic-400.woff2 200 font/woff2', '/assets/fonts/noto-naskh-arabic-700.woff2 200 font/woff2']);
    expect(scriptViolations).toEqual([]);
    expect(elsewhere).toEqual([]);
    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'web-chat-ar.png'), fullPage: true });
    await page.close();
  });

  it.concurrent("in Urdu: the chat runs right to left too (Web Chat would guess left to right), in the Nastaliq face served here, with Web Chat's own words in Urdu", async () => {
    const { page, fonts } = await openChat('ur');
    // Web Chat has no Urdu: its send box speaks it from locales/ur/webchat.json.
    expect(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).toBe(translations.forLocale('ur')('webChat.TEXT_INPUT_PLACEHOLDER'));
    expect(await chatLayout(page)).toEqual({ direction: 'rtl', botSide: 'right' });
    expect(await loadedFaces(page, 'Noto Nastaliq Urdu')).toEqual(['400', '700']);
    expect(fonts.sort()).toEqual(['/assets/fonts/noto-nastaliq-urdu-400.woff2 200 font/woff2', '/assets/fonts/noto-nastaliq-urdu-700.woff2 200 font/woff2']);
    await page.close();
  });

  it.concurrent('Help now: always visible, opens the emergency numbers without leaving the chat, even at 400% zoom', async () => {
    const { page } = await openChat();
    await page.setViewportSize({ width: 320, height: 640 });
    const helpNow = page.getByText(helpNowLink, { exact: true });
    expect(await helpNow.isVisible()).toBe(true);
    await helpNow.click();
    await page.getByText('116 123', { exact: false }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await page.getByText('85258', { exact: false }).first().isVisible()).toBe(true);
    // Still the chat: the conversation is there and nothing was navigated away.
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await message(page, text.welcomeFirstLine).isVisible()).toBe(true);
    await page.close();
  });

  it.concurrent('at 400% zoom (320 CSS pixels wide), should keep everything reachable without scrolling sideways', async () => {
    // Opened at that width, as a zoomed-in browser would show it from the start.
    const { page } = await openChat(undefined, { width: 320, height: 640 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    expect(await page.getByRole('button', { name: exitButton }).isVisible()).toBe(true);
    await suggestedAction(page, text.supporterNo).click();
    await message(page, text.askName).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.close();
  });

  it.concurrent('when the page is reloaded in the same tab, should show the same conversation again', async () => {
    const { page } = await openChat();
    await suggestedAction(page, text.supporterNo).click();
    await message(page, text.askName).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.reload();
    await message(page, text.askName).waitFor({ timeout: STEP_TIMEOUT_MS });
    expect(await message(page, text.welcomeFirstLine).count()).toBe(1);
    await page.close();
  });

  it.concurrent('when Exit this page is pressed, should leave at once, and Back should not return to the chat', async () => {
    const { page } = await openChat();
    await page.getByRole('button', { name: exitButton }).click();
    await page.waitForURL(neutralUrl, { timeout: STEP_TIMEOUT_MS });
    await page.goBack();
    expect(page.url()).not.toContain(running.baseUrl);
    expect(await chatSessionStorageLength(page)).toBe(0);
    await page.close();
  });

  it.concurrent('when "exit" is typed in the chat, should leave at once as the button does, and Back should not return to the chat', async () => {
    const { page } = await openChat();
    const input = page.locator('[data-id="webchat-sendbox-input"]');
    await input.fill('exit');
    await input.press('Enter');
    await page.waitForURL(neutralUrl, { timeout: STEP_TIMEOUT_MS });
    await page.goBack();
    expect(page.url()).not.toContain(running.baseUrl);
    expect(await chatSessionStorageLength(page)).toBe(0);
    await page.close();
  });

  it.concurrent('when Shift is pressed three times, even while typing, should leave at once, and Back should not return to the chat', async () => {
    const { page } = await openChat();
    await page.locator('[data-id="webchat-sendbox-input"]').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await page.waitForURL(neutralUrl, { timeout: STEP_TIMEOUT_MS });
    await page.goBack();
    expect(page.url()).not.toContain(running.baseUrl);
    expect(await chatSessionStorageLength(page)).toBe(0);
    await page.close();
  });

  describe('layout on small and large screens', () => {
    /**
     * Where the chat's parts are in the window, and what a person sees there. `question`: the current
     * question's bubble; the part of it in view is inside the transcript and the window, and what is drawn
     * at its middle must be the question itself (not Exit this page, nor anything else over it).
     */
    const chatInView = (page: Page, question: string) =>
      page.evaluate((questionText) => {
        const transcript = document.querySelector('#webchat .webchat__basic-transcript')!.getBoundingClientRect();
        const exit = document.querySelector('.govuk-exit-this-page')!.getBoundingClientRect();
        const bubble = Array.from(document.querySelectorAll('#webchat .webchat__bubble')).filter((element) => element.textContent?.includes(questionText)).at(-1)!;
        const box = bubble.getBoundingClientRect();
        const top = Math.max(box.top, transcript.top, 0);
        const bottom = Math.min(box.bottom, transcript.bottom, window.innerHeight);
        const drawnAt = (element: Element, y: number) => {
          const { left, right } = element.getBoundingClientRect();
          const hit = document.elementFromPoint((left + right) / 2, y);
          return hit !== null && element.contains(hit);
        };
        const firstChoice = document.querySelector('#webchat .webchat__suggested-actions__button')!;
        const choice = firstChoice.getBoundingClientRect();
        const choices = document.querySelector('#webchat .webchat__suggested-actions')!.getBoundingClientRect();
        const input = document.querySelector('[data-id="webchat-sendbox-input"]')!.getBoundingClientRect();
        return {
          transcriptHeight: Math.round(transcript.height),
          questionInView: Math.round(bottom - top),
          questionSeen: bottom > top && drawnAt(bubble, (top + bottom) / 2),
          exitOverTranscript: exit.left < transcript.right && exit.right > transcript.left && exit.top < transcript.bottom && exit.bottom > transcript.top,
          firstChoiceSeen: choice.top >= 0 && choice.bottom <= window.innerHeight && drawnAt(firstChoice, (choice.top + choice.bottom) / 2),
          allChoicesInView: choices.top >= 0 && choices.bottom <= window.innerHeight,
          inputInView: input.top >= 0 && input.bottom <= window.innerHeight,
          scrolled: Math.round(window.scrollY),
        };
      }, question);

    /** Web Chat scrolls its transcript to the newest message (smoothly): wait until it is there. */
    const transcriptAtItsEnd = (page: Page) =>
      page.waitForFunction(
        () => {
          const scrollable = document.querySelector('#webchat .webchat__basic-transcript__scrollable');
          return scrollable !== null && scrollable.scrollTop + scrollable.clientHeight >= scrollable.scrollHeight - 2;
        },
        undefined,
        { timeout: STEP_TIMEOUT_MS },
      );

    it.concurrent.each([
      [375, 812],
      [320, 256],
    ])('at %ix%i with the topic menu shown, the question and its first choices show, and Exit this page covers no message', async (width, height) => {
      const { page } = await openChat(undefined, { width, height });
      await suggestedAction(page, text.supporterNo).click();
      await message(page, text.askName).waitFor({ timeout: STEP_TIMEOUT_MS });
      const input = page.locator('[data-id="webchat-sendbox-input"]');
      await input.fill('Sam');
      await input.press('Enter');
      await message(page, text.topicMenuAsk).waitFor({ timeout: STEP_TIMEOUT_MS });
      await suggestedAction(page, text.stopForNow).waitFor({ timeout: STEP_TIMEOUT_MS });
      await transcriptAtItsEnd(page);
      const seen = await chatInView(page, text.topicMenuAsk);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, `web-chat-menu-${width}x${height}.png`) });
      // Fifteen buttons scroll in their own box; the conversation keeps its room above them.
      expect(seen).toMatchObject({ questionSeen: true, exitOverTranscript: false, firstChoiceSeen: true, inputInView: true });
      expect(seen.transcriptHeight).toBeGreaterThan(0);
      expect(seen.questionInView).toBeGreaterThan(0);
      await page.close();
    });

    it.concurrent('at 1280x720, the first question’s answer buttons and the send box show without scrolling', async () => {
      const { page } = await openChat(undefined, { width: 1280, height: 720 });
      await suggestedAction(page, text.supporterNo).waitFor({ timeout: STEP_TIMEOUT_MS });
      await transcriptAtItsEnd(page);
      const seen = await chatInView(page, text.supporterAsk);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'web-chat-1280x720.png') });
      expect(seen).toMatchObject({ scrolled: 0, questionSeen: true, firstChoiceSeen: true, allChoicesInView: true, inputInView: true, exitOverTranscript: false });
      await page.close();
    });
  });

  describe('accessibility (axe-core)', () => {
    it.concurrent('the chat page, with a question and its buttons showing, has no violation', async () => {
      const { page } = await openChat();
      await suggestedAction(page, text.supporterNo).waitFor({ timeout: STEP_TIMEOUT_MS });
      expect(await axeViolations(page)).toEqual([]);
      await page.close();
    });

    it.concurrent('the agency’s handoff page has no violation, and prints without its screen colours', async () => {
      const agencyId = 'cambridge-housing-options';
      const parts = ['what-helps', 'housing', 'about-me', 'safety'];
      const polish = running.app.translations.forLocale('pl');
      const sentence = polish('share.confirm', { parts: partTitles(polish, running.app.bank, parts), name: running.app.sharing.agency(agencyId)!.name });
      const { handoffId } = await running.app.sharing.share({
        story: sampleStory('person-axe'),
        agencyId,
        parts,
        heldBack: [],
        wording: { key: 'share.confirm', locale: 'pl', version: wordingVersion(sentence) },
        channel: 'webchat',
        supportedBy: { name: 'Alex', organisation: 'Street Outreach' },
      });
      const { key } = await running.app.agencyKeys.create(agencyId);
      const page = await browser.newPage();
      await page.setExtraHTTPHeaders({ authorization: `Bearer ${key}` });
      const response = await page.goto(`${running.baseUrl}/api/agency/handoffs/${handoffId}`);
      expect(response?.headers()['content-type']).toMatch(/^text\/html/);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, 'agency-handoff.png'), fullPage: true });
      expect(await axeViolations(page)).toEqual([]);
      await page.emulateMedia({ media: 'print' });
      expect(await page.evaluate(() => [window.getComputedStyle(document.body).maxWidth, window.getComputedStyle(document.querySelector('.tag')!).backgroundColor])).toEqual(['none', 'rgba(0, 0, 0, 0)']);
      await page.close();
    });
  });
});
