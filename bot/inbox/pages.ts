import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { Request, Response, Server } from 'restify';
import { projectRoot } from '../../data/paths.js';
import { mayDo } from '../../domain/staff/staffRoles.js';
import type { SignedInStaff } from '../../useCases/staff/staffAccounts.js';
import type { Translations } from '../i18n.js';
import { PAGE_ASSETS } from '../channels/webPage/webPageRoutes.js';

const ROOT = projectRoot();
const VIEWS = join(ROOT, 'bot', 'inbox', 'views');
const GOVUK = join(ROOT, 'node_modules', 'govuk-frontend', 'dist');

/** What a page needs besides its own fields. */
export interface PageFrame {
  /** The language the page is written in (the agency's, from the directory; English for the partnership). */
  locale: string;
  /** The signed-in staff member, for the navigation; absent on sign-in pages. */
  staff?: SignedInStaff;
  /** Which navigation item is current: 'inbox' | 'staff' | 'keys' | 'webhook' | 'outcomes' | 'account'. */
  current?: string;
}

/**
 * Server-rendered staff pages: GOV.UK Frontend's Nunjucks template and macros, our views in
 * bot/inbox/views/, every sentence from locales/ through `t`. Autoescaping is on: nothing a person or an
 * agency typed can become markup.
 */
export class StaffPages {
  private readonly env: nunjucks.Environment;

  constructor(private readonly translations: Translations) {
    this.env = new nunjucks.Environment(new nunjucks.FileSystemLoader([VIEWS, GOVUK], { noCache: false }), {
      autoescape: true,
      throwOnUndefined: false,
    });
  }

  /** Renders a view to HTML (tests of a view alone use this). */
  html(view: string, context: Record<string, object | string | number | boolean | null | undefined>, frame: PageFrame, nonce = ''): string {
    const t = this.translations.forLocale(frame.locale);
    const dir = ['ar', 'ur'].includes(frame.locale) ? 'rtl' : 'ltr';
    return this.env.render(view, {
      ...context,
      t,
      htmlLang: frame.locale,
      htmlClasses: dir === 'rtl' ? 'one-story-rtl' : undefined,
      cspNonce: nonce,
      navigation: navigationFor(frame, (key) => String(t(key))),
    });
  }

  /** Sends a page with the staff pages' security headers. */
  send(res: Response, status: number, view: string, context: Record<string, object | string | number | boolean | null | undefined>, frame: PageFrame): void {
    const nonce = randomBytes(16).toString('base64');
    const body = this.html(view, context, frame, nonce);
    res.writeHead(status, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ...staffPageHeaders(nonce),
    });
    res.end(body);
  }
}

/** No cache (pages carry handoffs), no framing, nothing but this server, scripts only with the nonce. */
export function staffPageHeaders(nonce: string): Record<string, string> {
  return {
    'Cache-Control': 'no-store',
    'Content-Security-Policy': `default-src 'self'; script-src 'self' 'nonce-${nonce}'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
  };
}

function navigationFor(frame: PageFrame, t: (key: string) => string): Array<{ href: string; text: string; active: boolean }> {
  const staff = frame.staff;
  if (!staff) return [];
  const items: Array<{ id: string; href: string; key: string }> = [];
  if (mayDo(staff.role, 'inbox.read')) items.push({ id: 'inbox', href: '/inbox', key: 'staffPages.nav.inbox' });
  if (mayDo(staff.role, 'agency.manage')) {
    items.push({ id: 'staff', href: '/inbox/admin/staff', key: 'staffPages.nav.staff' });
    items.push({ id: 'keys', href: '/inbox/admin/keys', key: 'staffPages.nav.keys' });
    items.push({ id: 'webhook', href: '/inbox/admin/webhook', key: 'staffPages.nav.webhook' });
  }
  if (mayDo(staff.role, 'outcomes.read')) items.push({ id: 'outcomes', href: '/outcomes', key: 'staffPages.nav.outcomes' });
  items.push({ id: 'account', href: '/inbox/account', key: 'staffPages.nav.account' });
  return items.map((item) => ({ href: item.href, text: t(item.key), active: item.id === frame.current }));
}

/** GOV.UK Frontend's files under /inbox/assets/ (the same CSS transform as the chat page: no GOV.UK font). */
const ASSETS: Record<string, { file: string; type: string; transform?: (text: string) => string }> = {
  '/inbox/assets/govuk-frontend.min.css': PAGE_ASSETS['/assets/govuk/govuk-frontend.min.css'],
  '/inbox/assets/govuk-frontend.min.js': PAGE_ASSETS['/assets/govuk/govuk-frontend.min.js'],
  '/inbox/assets/init.js': { file: join(ROOT, 'bot', 'inbox', 'assets', 'init.js'), type: 'text/javascript; charset=utf-8' },
};

export function registerStaffAssets(server: Server): void {
  const cache = new Map<string, Buffer>();
  for (const [path, asset] of Object.entries(ASSETS)) {
    server.get(path, async (_req: Request, res: Response) => {
      let body = cache.get(path);
      if (!body) {
        const raw = await readFile(asset.file);
        body = asset.transform ? Buffer.from(asset.transform(raw.toString('utf8')), 'utf8') : raw;
        cache.set(path, body);
      }
      res.writeHead(200, { 'Content-Type': asset.type, 'Content-Length': body.length, 'Cache-Control': 'public, max-age=3600', 'X-Content-Type-Options': 'nosniff' });
      res.end(body);
    });
  }
}
