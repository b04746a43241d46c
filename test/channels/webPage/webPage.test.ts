import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { LOCALES_DIR, loadTranslations } from '../../../bot/i18n.js';
import { EMPTY_STYLE_HASH, PAGE_ASSETS } from '../../../bot/channels/webPage/webPageRoutes.js';
import { renderTemplate } from '../../../bot/channels/webPage/pageTemplate.js';
import { escapeHtml } from '../../../bot/http/escapeHtml.js';
import { describeRetentionPeriod } from '../../../domain/retention.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';
import { rawGet } from '../../support/rawHttp.js';

const translations = await loadTranslations();
const t = translations.forLocale('en');
const ar = translations.forLocale('ar');
/** The languages written right to left; every other one in locales/ is left to right. */
const RIGHT_TO_LEFT = ['ar', 'ur'];
const EXIT_URL = 'https://example.org/weather?a=1&b="2"';

describe('the web page', () => {
  let running: RunningOneStory;

  beforeAll(async () => {
    running = await startOneStory({ env: { EXIT_URL } });
  });

  afterAll(async () => {
    await running.app.close();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${running.baseUrl}${path}`, { headers });

  describe('GET /', () => {
    it('should be served with a strict Content-Security-Policy: only this server, no inline script, no eval', async () => {
      const response = await get('/');
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(csp).not.toMatch(/https?:/);
      // Styles: this server's files, Web Chat's (with the nonce), and an empty <style> only (its scroller's).
      expect(csp).toMatch(new RegExp(`style-src 'self' 'nonce-[A-Za-z0-9+/=]+' '${EMPTY_STYLE_HASH.replace(/[+/]/g, '\\$&')}';`));
      expect(EMPTY_STYLE_HASH).toBe(`sha256-${createHash('sha256').update('').digest('base64')}`);
      const html = await response.text();
      const nonce = /'nonce-([^']+)'/.exec(csp)![1];
      expect(html).toContain(`data-nonce="${nonce}"`);
      // Every script is a file from this server: nothing inline, nothing from a CDN.
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.length).toBeGreaterThan(0);
      for (const [, attributes, body] of scripts) {
        expect(attributes).toMatch(/src="\/assets\//);
        expect(body.trim()).toBe('');
      }
      expect(html).not.toMatch(/(src|href)="https?:\/\/(?!example\.org)/);
    });

    it('should not be cached, nor tell the exit site where the person came from', async () => {
      const response = await get('/');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    });

    it('should take its words from locales/ and escape them', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain(`<h1 class="govuk-heading-l">${escapeHtml(t('web.chat.heading'))}</h1>`);
      expect(html).toContain(escapeHtml(t('web.chat.privacy')));
      expect(html).toContain(escapeHtml(t('web.exit.button')));
      expect(html).toContain(`>${escapeHtml(t('web.about.linkText'))}</a>`);
      expect(html).toContain('<html lang="en-GB"');
      expect(html).not.toMatch(/\{\{|\}\}/);
    });

    it('should point Exit this page at EXIT_URL, escaped', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain(`href="${escapeHtml(EXIT_URL)}" role="button"`);
      expect(html).toContain('govuk-exit-this-page__button');
    });

    it('should always show Help now, with the emergency numbers from locales/ on the page itself', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain(`<span class="govuk-details__summary-text">${escapeHtml(t('crisis.helpNow.link'))}</span>`);
      for (const number of ['999', '116 123', '85258', '111']) expect(html).toContain(number);
    });

    it('should offer a language for every folder in locales/, named in its own language', async () => {
      const html = await (await get('/')).text();
      expect(html).toContain(`<option value="en" selected lang="en">${escapeHtml(t('web.languageName'))}</option>`);
      expect(html).toMatch(/<label class="govuk-label[^"]*" for="language">/);
    });

    it('should have the landmarks and skip link a screen reader user relies on', async () => {
      const html = await (await get('/')).text();
      for (const landmark of ['<header', '<main', '<footer']) expect(html).toContain(landmark);
      expect(html).toContain('href="#main-content"');
      expect(html).toContain('id="main-content"');
    });

    it('when asked for an unknown language, should fall back to English', async () => {
      const response = await get('/?lang=%22%3E%3Cscript%3E');
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(html).not.toContain('<script>');
      expect(html).toContain('<html lang="en-GB"');
    });
  });

  describe('in other languages', () => {
    it('in Arabic, should be right to left, with the exit button, Help now and the privacy line from locales/ar', async () => {
      const html = await (await get('/?lang=ar')).text();
      expect(html).toContain('<html lang="ar" dir="rtl"');
      expect(html).toContain(`<span class="govuk-visually-hidden">${escapeHtml(ar('web.exit.hiddenPrefix'))}</span> ${escapeHtml(ar('web.exit.button'))}`);
      expect(html).toContain(`<span class="govuk-details__summary-text">${escapeHtml(ar('crisis.helpNow.link'))}</span>`);
      // The privacy note ends with how long an untouched story is kept (RETENTION_DAYS: a year), in Arabic.
      const retention = ar('web.chat.retention', { period: describeRetentionPeriod(365, 'ar') });
      expect(html).toContain(`<div class="govuk-inset-text" id="privacy-note">${escapeHtml(ar('web.chat.privacy'))} ${escapeHtml(retention)}</div>`);
      // Web Chat is told the language and the direction too, and the bot the language (page.js).
      expect(html).toContain(`data-locale="${escapeHtml(ar('web.webChatLocale'))}" data-dir="rtl"`);
    });

    it('in Arabic, should say what this is from locales/ar, right to left', async () => {
      const html = await (await get('/about?lang=ar')).text();
      expect(html).toContain('<html lang="ar" dir="rtl"');
      expect(html).toContain(`<h1 class="govuk-heading-l">${escapeHtml(ar('web.about.title'))}</h1>`);
      for (const paragraph of textList(ar, 'web.about.paragraphs')) expect(html).toContain(`<p class="govuk-body">${escapeHtml(paragraph)}</p>`);
    });

    it.each(['/', '/about'])('in Arabic, %s should show no word that is not in the Arabic copy', async (path) => {
      const html = await (await get(`${path}?lang=ar`)).text();
      // What the page draws its words from; the names of other languages are each in their own language.
      const copy = JSON.stringify([ar('web', { returnObjects: true }), ar('crisis.helpNow', { returnObjects: true }), ar('service.name')]);
      const seen = [
        ...html.replace(/<option\b[^>]*\blang="(?!ar")[^"]*"[^>]*>[^<]*<\/option>/g, '').replace(/<[^>]*>/g, ' ').matchAll(/[A-Za-z]+/g),
        ...[...html.matchAll(/(?:aria-label|data-i18n\.[\w-]+)="([^"]*)"/g)].flatMap(([, value]) => [...value.matchAll(/[A-Za-z]+/g)]),
      ].map(([word]) => word);
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((word) => !copy.includes(word))).toEqual([]);
    });

    it("in Urdu, should give Web Chat its own words in Urdu from locales/ur/webchat.json; in Polish, none (Web Chat has Polish)", async () => {
      const urdu = JSON.parse(await readFile(join(LOCALES_DIR, 'ur', 'webchat.json'), 'utf8')).webChat as Record<string, string>;
      const urduHtml = await (await get('/?lang=ur')).text();
      expect(JSON.parse(unescapeHtml(/ data-strings="([^"]*)"/.exec(urduHtml)![1]))).toEqual(urdu);
      expect(urduHtml).toContain(escapeHtml(urdu.TEXT_INPUT_PLACEHOLDER));
      expect(await (await get('/?lang=pl')).text()).toContain(' data-strings="" ');
    });

    it('in Polish, should be left to right', async () => {
      const html = await (await get('/?lang=pl')).text();
      expect(html).toContain('<html lang="pl" dir="ltr"');
      expect(html).toContain('data-dir="ltr"');
    });

    it.each(translations.languages)('in %s, should name the language in its own words, chosen, in the right direction', async (language) => {
      const own = translations.forLocale(language);
      const html = await (await get(`/?lang=${language}`)).text();
      const dir = RIGHT_TO_LEFT.includes(language) ? 'rtl' : 'ltr';
      expect(html).toContain(`<html lang="${escapeHtml(own('web.htmlLang'))}" dir="${dir}"`);
      expect(html).toContain(`<option value="${language}" selected lang="${language}">${escapeHtml(own('web.languageName'))}</option>`);
      expect(html.match(/ selected/g)).toHaveLength(1);
      // Every language is offered, each in its own name and marked with its language.
      for (const other of translations.languages) {
        expect(html).toContain(`<option value="${other}"${other === language ? ' selected' : ''} lang="${other}">${escapeHtml(translations.forLocale(other)('web.languageName'))}</option>`);
      }
    });

    it('should follow the browser: Accept-Language ar-SA gets the page in Arabic', async () => {
      const html = await (await get('/', { 'accept-language': 'ar-SA,ar;q=0.9,en;q=0.5' })).text();
      expect(html).toContain('<html lang="ar" dir="rtl"');
      expect(html).toContain(escapeHtml(ar('web.chat.heading')));
    });
  });

  describe('GET /about', () => {
    it('should say what this is, from locales/', async () => {
      const response = await get('/about');
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain(escapeHtml((t('web.about.paragraphs', { returnObjects: true }) as unknown as string[])[0]));
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    });
  });

  describe('assets', () => {
    it.each(Object.keys(PAGE_ASSETS))('should serve %s from this server', async (path) => {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(PAGE_ASSETS[path].type);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(100);
    });

    it("should serve GOV.UK Frontend's CSS with the system font stack, so no GOV.UK font file is ever asked for", async () => {
      const css = await (await get('/assets/govuk/govuk-frontend.min.css')).text();
      expect(css).not.toContain('GDS Transport');
      expect(css).not.toMatch(/@font-face|url\([^)]*fonts\//);
      expect(css).toContain('font-family:arial,sans-serif');
      // Its source map describes the file as published, not as served.
      expect(css).not.toContain('sourceMappingURL');
      // Nothing else changes: GOV.UK's components are all there.
      const published = await readFile(PAGE_ASSETS['/assets/govuk/govuk-frontend.min.css'].file, 'utf8');
      expect(css.length).toBeGreaterThan(published.length * 0.95);
      expect(css).toContain('.govuk-exit-this-page{');
    });

    it('should serve the Arabic and Urdu faces page.css asks for, as WOFF2, regular and bold', async () => {
      const css = await readFile(PAGE_ASSETS['/assets/page/page.css'].file, 'utf8');
      const urls = [...css.matchAll(/url\("([^"]+)"\)/g)].map(([, url]) => url).sort();
      expect(urls).toEqual(['noto-naskh-arabic-400', 'noto-naskh-arabic-700', 'noto-nastaliq-urdu-400', 'noto-nastaliq-urdu-700'].map((face) => `/assets/fonts/${face}.woff2`));
      for (const url of urls) {
        const response = await get(url);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('font/woff2');
        expect(Buffer.from(await response.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('wOF2');
      }
    });

    /** The bytes on the wire, undecoded (fetch would decompress them), with the response's headers. */
    const raw = (path: string, headers: Record<string, string>) => rawGet(`${running.baseUrl}${path}`, { headers });

    it("should send Web Chat's script and the other text assets gzipped to a browser that accepts it, the same bytes once unpacked, and whole to one that does not", async () => {
      for (const path of Object.keys(PAGE_ASSETS).filter((path) => PAGE_ASSETS[path].type.startsWith('text/'))) {
        const whole = await raw(path, {});
        expect(whole.status).toBe(200);
        expect(whole.headers['content-encoding']).toBeUndefined();
        expect(whole.headers.vary).toBe('Accept-Encoding');
        expect(Number(whole.headers['content-length'])).toBe(whole.body.length);
        // As a browser asks, and as an older one that ranks gzip below deflate.
        for (const acceptEncoding of ['gzip, deflate, br, zstd', 'deflate, gzip;q=0.5']) {
          const packed = await raw(path, { 'accept-encoding': acceptEncoding });
          expect(packed.headers['content-encoding']).toBe('gzip');
          expect(packed.headers.vary).toBe('Accept-Encoding');
          expect(packed.headers['content-type']).toBe(PAGE_ASSETS[path].type);
          expect(Number(packed.headers['content-length'])).toBe(packed.body.length);
          expect(gunzipSync(packed.body).equals(whole.body)).toBe(true);
        }
        // gzip refused outright: sent whole.
        const refused = await raw(path, { 'accept-encoding': 'gzip;q=0, br' });
        expect(refused.headers['content-encoding']).toBeUndefined();
        expect(refused.body.equals(whole.body)).toBe(true);
      }
      // Web Chat's script, the largest by far: about a quarter of its size on a phone's data (well under a third).
      const script = await raw('/assets/webchat/webchat.js', { 'accept-encoding': 'gzip' });
      const published = await readFile(PAGE_ASSETS['/assets/webchat/webchat.js'].file);
      expect(script.body.length).toBeLessThan(published.length / 3);
    });

    it('should send the WOFF2 faces as they are: they are compressed already', async () => {
      const response = await raw('/assets/fonts/noto-naskh-arabic-400.woff2', { 'accept-encoding': 'gzip, deflate, br' });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers.vary).toBeUndefined();
      expect(response.body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    });

    it('should serve nothing else', async () => {
      for (const path of [
        '/assets/../package.json',
        '/assets/page/../../../package.json',
        '/assets/govuk/all.bundle.js',
        '/node_modules/botframework-webchat/package.json',
        '/assets/fonts/noto-naskh-arabic-500.woff2',
        '/assets/fonts/noto-naskh-arabic-latin-400-normal.woff2',
        '/assets/fonts/noto-naskh-arabic-400.woff',
        '/node_modules/@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-arabic-400-normal.woff2',
      ]) {
        expect((await get(path)).status).toBe(404);
      }
    });
  });
});

describe('renderTemplate', () => {
  it('should escape text and refuse a placeholder with no value', () => {
    expect(renderTemplate('<p title="{{a}}">{{a}}</p>', { a: `<b>"'&` })).toBe('<p title="&lt;b&gt;&quot;&#39;&amp;">&lt;b&gt;&quot;&#39;&amp;</p>');
    expect(() => renderTemplate('{{missing}}', {})).toThrow(/missing/);
  });

  it('should not read inserted text as a placeholder', () => {
    expect(renderTemplate('{{a}} {{{b}}}', { a: '{{{b}}}' }, { b: '<i>{{a}}</i>' })).toBe('{{{b}}} <i>{{a}}</i>');
  });
});

/** The text of an attribute escapeHtml wrote. */
function unescapeHtml(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#96);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#96': '`' })[name]!);
}

function textList(translate: TFunction, key: string): string[] {
  return translate(key, { returnObjects: true }) as unknown as string[];
}
