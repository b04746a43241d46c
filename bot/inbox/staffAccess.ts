import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'restify';
import { constantTimeEqual } from '../../data/security/constantTimeEqual.js';
import { mayDo, type StaffPermission } from '../../domain/staff/staffRoles.js';
import type { SignedInStaff, StaffSessions } from '../../useCases/staff/staffAccounts.js';
import { isLoopbackHost } from '../channelCalls.js';
import type { Translations } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { StaffPages } from './pages.js';
import type { StaffGuard } from './staffGuard.js';

/** The session cookie (the token only; the session lives in the store, keyed by the token's hash). */
export const SESSION_COOKIE = 'one_story_staff';
/** Before sign-in there is no session: forms carry this cookie's value instead (double submit). */
export const FORM_COOKIE = 'one_story_form';
/** Between the password and the code (a few minutes). */
export const SECOND_STEP_COOKIE = 'one_story_second_step';
export const SIGN_IN_PATH = '/inbox/sign-in';

/** A cookie's value from the request's Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/** Secure, unless this request came over plain http to this machine (development, tests). */
function cookieAttributes(req: Request, maxAgeSeconds?: number): string {
  const host = hostNameOf(req.headers.host);
  const secure = req.isSecure() || !host || !isLoopbackHost(host);
  return `Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}${maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`}`;
}

function hostNameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

function appendCookie(res: Response, cookie: string): void {
  const existing = res.getHeader('Set-Cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing.map(String) : [String(existing)];
  res.setHeader('Set-Cookie', [...list, cookie]);
}

/**
 * A form posted from another site is refused whatever it carries: a browser's Origin (or Sec-Fetch-Site)
 * must be this server's own, by PUBLIC_URL or the Host the request was sent to.
 */
export function crossSite(req: Request, publicUrl: string): boolean {
  const fetchSite = req.headers['sec-fetch-site'];
  if (fetchSite === 'cross-site' || fetchSite === 'same-site') return true;
  // The browser's own word (no page can set it). Needed: staff pages send no referrer, so a browser posts
  // their forms with `Origin: null`, which alone would look like an opaque origin.
  if (fetchSite === 'same-origin') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  // Our pages say `Referrer-Policy: no-referrer`, and then browsers send `Origin: null` even with their own
  // forms: believed only when the browser also says the request is same-origin.
  if (origin === 'null') return fetchSite !== 'same-origin';
  try {
    const presented = new URL(origin);
    return presented.origin !== new URL(publicUrl).origin && presented.host !== req.headers.host;
  } catch {
    return true;
  }
}

/** A form field's value as one string ('' when absent or sent twice). */
export function field(req: Request, name: string): string {
  const body = req.body as Record<string, unknown> | undefined;
  const value = body && typeof body === 'object' ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
}

/** The language a page before sign-in is shown in: the browser's first preference we have, else English. */
export function browserLocale(req: Request, translations: Translations): string {
  const header = req.headers['accept-language'];
  if (typeof header !== 'string') return 'en';
  const wanted = header
    .split(',')
    .slice(0, 20)
    .map((entry, order) => {
      const [tag, ...parameters] = entry.trim().split(';');
      const quality = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split(/[-_]/)[0], quality: quality === undefined ? 1 : Number(quality), order };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.order - b.order);
  return wanted.find((entry) => translations.languages.includes(entry.base))?.base ?? 'en';
}

/** Where to go after signing in: a path on this server's staff pages, never another site. */
export function safeNext(next: unknown): string | undefined {
  if (typeof next !== 'string' || next.length > 512) return undefined;
  return /^\/(inbox|outcomes)(\/[A-Za-z0-9/_.~%-]*)?(\?[A-Za-z0-9=&_.~%-]*)?$/.test(next) && !next.includes('//') && !next.startsWith('/inbox/sign-in') ? next : undefined;
}

export interface StaffAccessParts {
  sessions: StaffSessions;
  pages: StaffPages;
  translations: Translations;
  agencyLanguage: (agencyId: string | null) => string;
  publicUrl: string;
  log: Logger;
}

/** The StaffGuard every staff route asks: session cookie, permission, CSRF token and origin. */
export class StaffAccess implements StaffGuard {
  constructor(private readonly parts: StaffAccessParts) {}

  /** The signed-in staff member, if the cookie opens a live session (no answer is sent). */
  async current(req: Request): Promise<SignedInStaff | undefined> {
    const token = readCookie(req, SESSION_COOKIE);
    return token ? this.parts.sessions.open(token) : undefined;
  }

  async page(req: Request, res: Response, permission: StaffPermission): Promise<SignedInStaff | undefined> {
    const staff = await this.current(req);
    const api = req.getPath().startsWith('/api/');
    if (!staff) {
      // An API client (a script, a spreadsheet's import) gets a status it can act on, not a sign-in page.
      if (api) this.refuseApi(res, 401, 'unauthorized');
      else this.toSignIn(req, res);
      return undefined;
    }
    if (!mayDo(staff.role, permission)) {
      if (api) this.refuseApi(res, 403, 'forbidden');
      else this.forbidden(req, res, staff);
      return undefined;
    }
    return staff;
  }

  private refuseApi(res: Response, status: 401 | 403, code: 'unauthorized' | 'forbidden'): void {
    const body = JSON.stringify({ code, message: this.parts.translations.forLocale('en')(`api.staff.${code}`) });
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store' });
    res.end(body);
  }

  async form(req: Request, res: Response, permission: StaffPermission): Promise<SignedInStaff | undefined> {
    if (crossSite(req, this.parts.publicUrl)) {
      this.parts.log.warn('staff.crossSiteFormRefused');
      this.forbidden(req, res);
      return undefined;
    }
    const staff = await this.current(req);
    if (!staff) {
      this.toSignIn(req, res);
      return undefined;
    }
    if (!this.csrfMatches(req, staff)) {
      this.parts.log.warn('staff.csrfRefused');
      this.forbidden(req, res, staff);
      return undefined;
    }
    if (!mayDo(staff.role, permission)) {
      this.forbidden(req, res, staff);
      return undefined;
    }
    return staff;
  }

  /** Whether the form carries this session's CSRF token (compared in constant time). */
  csrfMatches(req: Request, staff: SignedInStaff): boolean {
    const presented = field(req, 'csrf');
    return presented !== '' && constantTimeEqual(presented, staff.csrfToken);
  }

  setSessionCookie(res: Response, token: string): void {
    appendCookie(res, `${SESSION_COOKIE}=${token}; ${cookieAttributes(res.req as Request)}`);
  }

  clearSessionCookie(res: Response): void {
    appendCookie(res, `${SESSION_COOKIE}=; ${cookieAttributes(res.req as Request, 0)}`);
  }

  /** Another of our cookies (same attributes as the session's), lasting `maxAgeSeconds` (0: cleared). */
  setCookie(res: Response, name: string, value: string, maxAgeSeconds: number): void {
    appendCookie(res, `${name}=${value}; ${cookieAttributes(res.req as Request, maxAgeSeconds)}`);
  }

  /** The pre-sign-in form token: the cookie's if it has one, else a new one set now. */
  formToken(req: Request, res: Response): string {
    const existing = readCookie(req, FORM_COOKIE);
    if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
    const token = randomBytes(32).toString('base64url');
    appendCookie(res, `${FORM_COOKIE}=${token}; ${cookieAttributes(req)}`);
    return token;
  }

  /** A pre-sign-in form: same origin, and its `csrf` field equal to the form cookie. */
  formTokenMatches(req: Request): boolean {
    const cookie = readCookie(req, FORM_COOKIE);
    const presented = field(req, 'csrf');
    return !crossSite(req, this.parts.publicUrl) && cookie !== undefined && presented !== '' && constantTimeEqual(presented, cookie);
  }

  localeFor(req: Request, staff?: SignedInStaff): string {
    return staff ? this.parts.agencyLanguage(staff.agencyId) : browserLocale(req, this.parts.translations);
  }

  notFound(req: Request, res: Response, staff?: SignedInStaff): void {
    this.parts.pages.send(res, 404, 'signIn/notFound.njk', { title: this.t(req, staff)('signIn.notFound.title') }, { locale: this.localeFor(req, staff), staff });
  }

  forbidden(req: Request, res: Response, staff?: SignedInStaff): void {
    this.parts.pages.send(res, 403, 'signIn/forbidden.njk', { title: this.t(req, staff)('signIn.forbidden.title') }, { locale: this.localeFor(req, staff), staff });
  }

  private t(req: Request, staff?: SignedInStaff) {
    return this.parts.translations.forLocale(this.localeFor(req, staff));
  }

  private toSignIn(req: Request, res: Response): void {
    const next = req.method === 'GET' ? safeNext(req.getPath() + (req.getQuery() ? `?${req.getQuery()}` : '')) : undefined;
    res.writeHead(303, { Location: next ? `${SIGN_IN_PATH}?next=${encodeURIComponent(next)}` : SIGN_IN_PATH, 'Cache-Control': 'no-store' });
    res.end();
  }
}
