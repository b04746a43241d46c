import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadTranslations } from '../../../bot/i18n.js';
import { PAGE_ASSETS } from '../../../bot/channels/webPage/webPageRoutes.js';
import { renderTemplate } from '../../../bot/channels/webPage/pageTemplate.js';
import { escapeHtml } from '../../../bot/http/escapeHtml.js';
import { startOneStory, type RunningOneStory } from '../../support/httpHarness.js';

const t = (await loadTranslations()).forLocale('en');
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

    it('should serve nothing else', async () => {
      for (const path of ['/assets/../package.json', '/assets/page/../../../package.json', '/assets/govuk/all.bundle.js', '/node_modules/botframework-webchat/package.json']) {
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
