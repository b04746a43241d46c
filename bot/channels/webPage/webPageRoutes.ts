import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { TFunction } from 'i18next';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../../../data/paths.js';
import type { Translations } from '../../i18n.js';
import { renderTemplate } from './pageTemplate.js';
import { escapeHtml } from '../../http/escapeHtml.js';
import { describeRetentionPeriod } from '../../../domain/retention.js';

export interface WebPageOptions {
  translations: Translations;
  /** Where "Exit this page" goes: a neutral site. */
  exitUrl: string;
  /** Retention: after how many days without a word a story is deleted (the privacy note says so). */
  retentionDays: number;
}

const ROOT = projectRoot();
const PAGE_DIR = join(ROOT, 'bot', 'channels', 'webPage');

/**
 * Every file the page may load, by its public path. Nothing else under node_modules or the source tree is
 * reachable, so there is no path to traverse. Web Chat's "minimal" bundle has everything the chat needs
 * (text, suggested actions) at half the size of the full one, which matters on a pay-as-you-go phone.
 */
export const PAGE_ASSETS: Record<string, PageAsset> = {
  '/assets/govuk/govuk-frontend.min.css': {
    file: join(ROOT, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'),
    type: 'text/css; charset=utf-8',
    transform: withSystemFontStack,
  },
  '/assets/govuk/govuk-frontend.min.js': { file: join(ROOT, 'node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js'), type: 'text/javascript; charset=utf-8' },
  '/assets/webchat/webchat.js': { file: join(ROOT, 'node_modules/botframework-webchat/dist/webchat-minimal.js'), type: 'text/javascript; charset=utf-8' },
  // The minimal bundle has no Markdown renderer: the page gives it markdown-it (the one the full bundle uses).
  '/assets/markdown/markdown-it.js': { file: join(ROOT, 'node_modules/markdown-it/dist/markdown-it.min.js'), type: 'text/javascript; charset=utf-8' },
  '/assets/page/page.js': { file: join(PAGE_DIR, 'assets/page.js'), type: 'text/javascript; charset=utf-8' },
  '/assets/page/page.css': { file: join(PAGE_DIR, 'assets/page.css'), type: 'text/css; charset=utf-8' },
  // Arabic and Urdu faces, Arabic script only (page.css's unicode-range): a page in a language written
  // in Latin letters never downloads them.
  ...arabicScriptFonts('noto-naskh-arabic'),
  ...arabicScriptFonts('noto-nastaliq-urdu'),
};

/** A file the page may load; `transform` rewrites a text file once, when it is first read. */
export interface PageAsset {
  file: string;
  type: string;
  transform?: (text: string) => string;
}

/**
 * GOV.UK Frontend's CSS as its documented setting for a service that is not on GOV.UK compiles it:
 * `$govuk-font-family: arial, sans-serif` (GDS Transport is licensed for GOV.UK only, and One Story is not
 * on it). With that setting `$govuk-include-default-font-face` is false, so Sass leaves out the two GDS
 * Transport @font-face rules (and their copyright note), and each font stack starts at arial. We serve the
 * precompiled file, so the same is done to it here: the page then never asks for a GOV.UK font file. The
 * source map no longer matches, so its link goes too.
 */
export function withSystemFontStack(css: string): string {
  return css
    .replace(/\/\*![^*]*gov\.uk[^*]*\*\//gi, '')
    .replace(/@font-face\s*\{[^}]*GDS Transport[^}]*\}/g, '')
    .replace(/font-family:\s*"?GDS Transport"?\s*,\s*/g, 'font-family:')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, '');
}

/** A @fontsource family's Arabic-script files, regular and bold, as `/assets/fonts/<family>-<weight>.woff2`. */
function arabicScriptFonts(family: string): Record<string, PageAsset> {
  return Object.fromEntries(
    [400, 700].map((weight) => [
      `/assets/fonts/${family}-${weight}.woff2`,
      { file: join(ROOT, `node_modules/@fontsource/${family}/files/${family}-arabic-${weight}-normal.woff2`), type: 'font/woff2' },
    ]),
  );
}

/** Assets can be kept a day: they hold nothing personal, and a second visit should not cost data again. */
const ASSET_CACHE_SECONDS = 24 * 60 * 60;

/**
 * Text assets go gzipped to a browser that accepts it (every browser does): Web Chat's script is 1.9 MB as
 * published and about 480 kB gzipped, which matters on a pay-as-you-go phone. Each is compressed once, when
 * first asked for, off the event loop. WOFF2 fonts are compressed already.
 */
const COMPRESSIBLE_TYPE = /^text\//;
const gzipped = promisify(gzip);

/** An asset as served: its bytes, and gzipped when its type compresses. */
interface ServedAsset {
  body: Buffer;
  gzipped?: Buffer;
}

/**
 * The hash of an empty style element. Web Chat's transcript scroller (react-scroll-to-bottom, inside Web
 * Chat's bundle) makes its own empty <style> and is not handed Web Chat's nonce, then fills it through the
 * CSSOM, which CSP does not govern. Allowing exactly an empty element lets it work without a console
 * error, and lets no text in: a style element with any content still needs the nonce.
 */
export const EMPTY_STYLE_HASH = 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=';

/**
 * Only this server, for everything; Web Chat's styles carry the per-response nonce. No third party is
 * ever contacted, and no other site may frame the page. Scripts come from this server only: no inline
 * script, no eval.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}' '${EMPTY_STYLE_HASH}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function pageHeaders(nonce: string): Record<string, string> {
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': contentSecurityPolicy(nonce),
    // Not kept in any cache, and not restored by Back from the browser's page cache.
    'cache-control': 'no-store',
    // The neutral site the exit button goes to must not learn where the person came from.
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
    'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  };
}

/** `GET /` (the chat), `GET /about` (what this is) and the fixed list of assets they load. */
export function registerWebPageRoutes(server: Server, options: WebPageOptions): void {
  const templates = {
    layout: readFileSync(join(PAGE_DIR, 'templates/layout.html'), 'utf8'),
    chat: readFileSync(join(PAGE_DIR, 'templates/chat.html'), 'utf8'),
    about: readFileSync(join(PAGE_DIR, 'templates/about.html'), 'utf8'),
  };
  const { translations } = options;
  // Each language's direction, from its meta.json (validated when the translations load).
  const directions = new Map(translations.languages.map((language) => [language, translations.meta(language).dir]));
  // Web Chat's own words for the languages it has none for (locales/<lang>/webchat.json).
  const webChatStrings = new Map(translations.languages.map((language) => [language, webChatStringsIn(translations, language)]));

  const render = (req: Request, path: '/' | '/about'): { html: string; nonce: string } => {
    const language = chosenLanguage(req, translations);
    const t = translations.forLocale(language);
    const dir = directions.get(language) ?? 'ltr';
    const nonce = randomBytes(16).toString('base64');
    const main =
      path === '/'
        ? renderTemplate(templates.chat, {
            heading: t('web.chat.heading'),
            intro: t('web.chat.intro'),
            exitHint: t('web.exit.hint'),
            privacy: `${t('web.chat.privacy')} ${t('web.chat.retention', { period: describeRetentionPeriod(options.retentionDays, language) })}`,
            regionLabel: t('web.chat.regionLabel'),
            webChatLocale: t('web.webChatLocale'),
            webChatStrings: webChatStrings.get(language) ?? '',
            dir,
            nonce,
            loading: t('web.chat.loading'),
            connectionLost: t('web.chat.connectionLost'),
            startAgain: t('web.chat.startAgain'),
            noScript: t('web.chat.noScript'),
          })
        : renderTemplate(
            templates.about,
            { title: t('web.about.title'), backToChat: t('web.about.backToChat'), language },
            { paragraphs: textList(t, 'web.about.paragraphs').map((line) => `      <p class="govuk-body">${escapeHtml(line)}</p>`).join('\n') },
          );
    const html = renderTemplate(
      templates.layout,
      {
        htmlLang: t('web.htmlLang'),
        dir,
        pageTitle: path === '/' ? `${t('web.chat.title')} – ${t('service.name')}` : `${t('web.about.title')} – ${t('service.name')}`,
        skipLink: t('web.skipLink'),
        serviceNavigationLabel: t('web.serviceNavigationLabel'),
        serviceName: t('service.name'),
        language,
        exitUrl: options.exitUrl,
        exitHiddenPrefix: t('web.exit.hiddenPrefix'),
        exitButton: t('web.exit.button'),
        exitActivated: t('web.exit.activated'),
        exitTimedOut: t('web.exit.timedOut'),
        exitPressTwoMoreTimes: t('web.exit.pressTwoMoreTimes'),
        exitPressOneMoreTime: t('web.exit.pressOneMoreTime'),
        aboutLinkText: t('web.about.linkText'),
        formAction: path,
        languageLabel: t('web.language.label'),
        languageChange: t('web.language.change'),
        helpNowLink: t('crisis.helpNow.link'),
      },
      { main, languageOptions: languageOptions(translations, language), helpNowLines: helpNowHtml(textList(t, 'crisis.helpNow.lines')) },
    );
    return { html, nonce };
  };

  for (const path of ['/', '/about'] as const) {
    server.get(path, async (req: Request, res: Response) => {
      const { html, nonce } = render(req, path);
      res.writeHead(200, pageHeaders(nonce));
      res.end(html);
    });
  }

  // Each asset read and compressed once, however many ask for it at first; a failed read is tried again next time.
  const cache = new Map<string, Promise<ServedAsset>>();
  const prepare = async (asset: PageAsset): Promise<ServedAsset> => {
    let body = await readFile(asset.file);
    if (asset.transform) body = Buffer.from(asset.transform(body.toString('utf8')), 'utf8');
    return { body, gzipped: COMPRESSIBLE_TYPE.test(asset.type) ? await gzipped(body, { level: 9 }) : undefined };
  };
  for (const [publicPath, asset] of Object.entries(PAGE_ASSETS)) {
    server.get(publicPath, async (req: Request, res: Response) => {
      let preparing = cache.get(publicPath);
      if (!preparing) {
        preparing = prepare(asset);
        cache.set(publicPath, preparing);
        preparing.catch(() => cache.delete(publicPath));
      }
      const served = await preparing;
      const sendGzipped = served.gzipped !== undefined && Boolean(req.acceptsEncoding('gzip'));
      const body = sendGzipped ? served.gzipped! : served.body;
      res.writeHead(200, {
        'content-type': asset.type,
        'content-length': String(body.length),
        'cache-control': `private, max-age=${ASSET_CACHE_SECONDS}`,
        'x-content-type-options': 'nosniff',
        // A cache between here and the browser keeps each form apart.
        ...(served.gzipped ? { vary: 'Accept-Encoding' } : {}),
        ...(sendGzipped ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(body);
    });
  }
}

/** `?lang=` if it names a language in locales/, else the browser's first preference, else English. */
function chosenLanguage(req: Request, translations: Translations): string {
  const asked = typeof req.query?.lang === 'string' ? req.query.lang : undefined;
  if (asked && translations.languages.includes(asked)) return asked;
  const accept = req.headers['accept-language'];
  const first = typeof accept === 'string' ? accept.split(',')[0]?.split(';')[0]?.trim() : undefined;
  return translations.resolveLocale(first);
}

/** One option per folder in locales/, each named in its own language. */
function languageOptions(translations: Translations, selected: string): string {
  return translations.languages
    .map((language) => {
      const name = translations.forLocale(language)('web.languageName');
      const chosen = language === selected ? ' selected' : '';
      return `              <option value="${escapeHtml(language)}"${chosen} lang="${escapeHtml(language)}">${escapeHtml(name)}</option>`;
    })
    .join('\n');
}

/**
 * Web Chat's own words in a language Web Chat ships none for (locales/<language>/webchat.json), as JSON for
 * page.js to give Web Chat; empty where the language has no such file, so Web Chat keeps its own. Only the
 * language's own file is read (`lngs`): no page is given another language's words by fallback.
 */
function webChatStringsIn(translations: Translations, language: string): string {
  const strings = translations.forLocale(language)('webChat', { returnObjects: true, lngs: [language] }) as unknown;
  if (typeof strings !== 'object' || strings === null || Array.isArray(strings)) return '';
  return JSON.stringify(Object.fromEntries(Object.entries(strings).filter(([, text]) => typeof text === 'string')));
}

function textList(t: TFunction, key: string): string[] {
  const value = t(key, { returnObjects: true }) as unknown;
  return Array.isArray(value) ? value.map(String) : [];
}

/** The emergency numbers, one paragraph a line, with each line break kept (no HTML from the locale file). */
function helpNowHtml(lines: readonly string[]): string {
  return lines.map((line) => `          <p class="govuk-body">${escapeHtml(line).replace(/\n/g, '<br>')}</p>`).join('\n');
}
