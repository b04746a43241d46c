import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { partTitles, wordingVersion } from '../../dialogs/sharingText.js';
import { escapeHtml } from '../../bot/http/escapeHtml.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';

/**
 * The handoff as agency staff read it in a browser (GET /api/agency/handoffs/:id with Accept: text/html):
 * every id a handoff carries is put in words, "What helps me" comes first, and the consent question is
 * described (and quoted exactly, when its fingerprint proves the quote). axe-core checks the same page in
 * test/channels/browser/webChat.browser.test.ts.
 */
const HOUSING = 'cambridge-housing-options';
const PARTS = ['housing', 'what-helps', 'about-me', 'safety'];

let running: RunningOneStory;
let key: string;
let en: TFunction;

beforeAll(async () => {
  running = await startOneStory();
  key = (await running.app.agencyKeys.create(HOUSING)).key;
  en = running.app.translations.forLocale('en');
});

afterAll(async () => {
  await running.app.close();
});

/** The consent question a person saw in a language, and the wording record the dialogs keep for it. */
function consentAsked(language: string): { sentence: string; wording: { key: string; locale: string; version: string } } {
  const t = running.app.translations.forLocale(language);
  const sentence = t('share.confirm', { parts: partTitles(t, running.app.bank, PARTS), name: running.app.sharing.agency(HOUSING)!.name });
  return { sentence, wording: { key: 'share.confirm', locale: language, version: wordingVersion(sentence) } };
}

async function page(consentWording: { key: string; locale: string; version: string }, supportedBy = { name: 'Alex', organisation: 'Street Outreach' }) {
  const { handoffId } = await running.app.sharing.share({ story: sampleStory('person-page'), agencyId: HOUSING, parts: PARTS, heldBack: [], wording: consentWording, channel: 'webchat', supportedBy });
  const response = await fetch(`${running.baseUrl}/api/agency/handoffs/${handoffId}`, { headers: { authorization: `Bearer ${key}`, accept: 'text/html' } });
  expect(response.status).toBe(200);
  return { html: await response.text(), csp: response.headers.get('content-security-policy') ?? '' };
}

/** The page's words, without its markup. */
const words = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe("the agency's readable handoff page", () => {
  it('puts every id in words: the parts by their titles, the purpose, the channel, the consent question', async () => {
    const { html } = await page(consentAsked('en').wording);
    const text = words(html);
    const titles = ['what-helps', 'housing', 'about-me', 'safety'].map((topic) => en(`topics.${topic}.title`));
    expect(text).toContain(`${escapeHtml(en('agencyPage.consentParts'))} ${PARTS.map((topic) => escapeHtml(en(`topics.${topic}.title`))).join(', ')}`);
    expect(titles.every((title) => text.includes(escapeHtml(title)))).toBe(true);
    expect(text).toContain(escapeHtml(en('agencyPage.purposes.referral-and-support')));
    expect(text).toContain(escapeHtml(en('agencyPage.channels.webchat')));
    expect(text).toContain(escapeHtml(en('agencyPage.wordingShare')));
    // No internal label reaches the page's words.
    for (const code of ['what-helps', 'about-me', 'referral-and-support', 'webchat', 'share.confirm', consentAsked('en').wording.version]) expect(text).not.toContain(code);
  });

  it('quotes the consent question exactly as the person saw it, in their language, when its fingerprint matches', async () => {
    const asked = consentAsked('pl');
    const { html } = await page(asked.wording);
    expect(html).toContain(escapeHtml(en('agencyPage.questionAsSeenIn', { language: 'Polish' })));
    expect(html).toContain(`<blockquote lang="pl" dir="auto"><p>${escapeHtml(asked.sentence)}</p></blockquote>`);
  });

  it('describes a consent question it cannot prove word for word, and quotes nothing', async () => {
    // The fixture's wording names no question the dialogs ask, and its fingerprint proves no sentence.
    const { html } = await page(wording);
    expect(html).toContain(escapeHtml(en('agencyPage.wordingOther')));
    expect(html).not.toContain('<blockquote');
    expect(words(html)).not.toContain(wording.key);
    // A question the dialogs ask, whose words have changed since: described, not misquoted.
    const changed = await page({ ...consentAsked('en').wording, version: '0000000000000000' });
    expect(changed.html).toContain(escapeHtml(en('agencyPage.wordingShare')));
    expect(changed.html).not.toContain('<blockquote');
  });

  it('says which language an answer was written in only where it is not the page’s', async () => {
    const { html } = await page(wording);
    // sampleStory: every answer in English but one, in Welsh.
    expect(html.match(/Answered in/g)).toHaveLength(1);
    expect(html).toContain(escapeHtml(en('agencyPage.answeredInLanguage', { language: 'Welsh' })));
    expect(html).not.toContain(escapeHtml(en('agencyPage.answeredInLanguage', { language: 'English' })));
  });

  it('shows "What helps me" first, marked "Read first", and says why in the introduction', async () => {
    const { html } = await page(wording);
    const whatHelps = html.indexOf(`>${escapeHtml(en('topics.what-helps.title'))}</h2>`);
    expect(whatHelps).toBeGreaterThan(-1);
    for (const later of [en('agencyPage.languageAndCommunication'), en('agencyPage.person'), en('topics.housing.title'), en('agencyPage.consent')]) {
      expect(html.indexOf(`>${escapeHtml(later)}</h2>`)).toBeGreaterThan(whatHelps);
    }
    expect(html.indexOf(`<p class="tag">${escapeHtml(en('agencyPage.readFirst'))}</p>`)).toBeGreaterThan(whatHelps);
    expect(html.match(/class="tag"/g)).toHaveLength(1);
    expect(html).toContain(escapeHtml(en('agencyPage.readFirstIntro')));
  });

  it('without "What helps me", does not ask the reader to read a part that is not there', async () => {
    const { handoffId } = await running.app.sharing.share({ story: sampleStory('person-no-read-first'), agencyId: HOUSING, parts: ['housing'], heldBack: [], wording, channel: 'sms', supportedBy: null });
    const response = await fetch(`${running.baseUrl}/api/agency/handoffs/${handoffId}`, { headers: { authorization: `Bearer ${key}`, accept: 'text/html' } });
    const html = await response.text();
    expect(html).toContain(escapeHtml(en('agencyPage.intro')));
    expect(html).not.toContain(escapeHtml(en('agencyPage.readFirstIntro')));
    expect(html).not.toContain('class="tag"');
    expect(html).toContain(escapeHtml(en('agencyPage.channels.sms')));
  });

  it('has one main landmark, each part a region named by its heading, print styles, and a style allowed by hash only', async () => {
    const { html, csp } = await page(wording);
    expect(html.match(/<main\b/g)).toHaveLength(1);
    const sections = [...html.matchAll(/<section aria-labelledby="([^"]+)"/g)].map(([, id]) => id);
    expect(sections.length).toBeGreaterThanOrEqual(5);
    for (const id of sections) expect(html).toMatch(new RegExp(`<h2 id="${id}">[^<]+</h2>`));
    // Everything the page shows is inside <main>.
    expect(html.replace(/[\s\S]*<body>\s*<main>/, '').replace(/<\/main>\s*<\/body>[\s\S]*/, '')).not.toMatch(/<\/?body/);
    expect(html).toMatch(/@media print \{[\s\S]*break-inside: avoid/);
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("default-src 'none'");
    expect(html).toContain('<html lang="en" dir="ltr">');
  });

  it('writes dates in words, keeping the exact time in the markup', async () => {
    const { html } = await page(wording);
    expect(html).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T[^"]+">\d{1,2} [A-Z][a-z]+ \d{4}<\/time>/);
  });
});
