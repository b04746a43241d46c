import { cookieHeader, keepCookies } from './formBrowser.js';

/**
 * A browser's part in staff page tests, over real HTTP: keeps the cookies the server sets (by name, the
 * way a browser sends them back), never follows a redirect by itself (tests look at each one), and posts
 * forms as application/x-www-form-urlencoded with the page's hidden `csrf` field.
 */
export class StaffBrowser {
  readonly cookies = new Map<string, string>();
  /** The last page's HTML. */
  html = '';

  constructor(
    private readonly baseUrl: () => string,
    private readonly headers: Record<string, string> = {},
  ) {}

  cookieHeader(): string {
    return cookieHeader(this.cookies);
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.keep(await fetch(`${this.baseUrl()}${path}`, { redirect: 'manual', headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts `fields`; `csrf` is the last page's unless given (null: none at all). */
  async post(path: string, fields: Record<string, string>, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
    const csrf = options.csrf === undefined ? csrfIn(this.html) : options.csrf;
    const body = new URLSearchParams({ ...(csrf === null || csrf === undefined ? {} : { csrf }), ...fields });
    return this.keep(
      await fetch(`${this.baseUrl()}${path}`, {
        method: 'POST',
        redirect: 'manual',
        headers: { ...this.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: this.cookieHeader(), ...options.headers },
        body: body.toString(),
      }),
    );
  }

  private async keep(response: Response): Promise<Response> {
    keepCookies(response, this.cookies);
    this.html = await response.clone().text();
    return response;
  }
}

/** The hidden `csrf` field's value in a page, if it has one. */
export function csrfIn(html: string): string | undefined {
  return /name="csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** A page's text without its per-response parts (the CSP nonce), to compare two answers. */
export function withoutNonce(html: string): string {
  return html.replace(/nonce="[^"]*"/g, 'nonce=""');
}

/** The TOTP key a setup page writes out for typing by hand (spaces removed). */
export function totpKeyIn(html: string): string | undefined {
  return /data-testid="totp-key"[^>]*>([A-Z2-7 ]+)</.exec(html)?.[1].replace(/ /g, '');
}

/** The recovery codes a page shows (once). */
export function recoveryCodesIn(html: string): string[] {
  return [...html.matchAll(/<code lang="en">([A-Z0-9-]+)<\/code>/g)].map((match) => match[1]);
}
