/**
 * What a browser does for server-rendered pages, over plain fetch: keeps each site's cookies (by host and
 * port; paths and expiry honoured loosely: a cookie set empty or with Max-Age=0 is dropped), follows
 * redirects (303 turns a POST into a GET, as browsers do) and submits forms as
 * application/x-www-form-urlencoded.
 */
export interface Page {
  url: string;
  status: number;
  body: string;
  headers: Headers;
}

export class FormBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(url: string, name: string): string | undefined {
    return this.jars.get(new URL(url).host)?.get(name);
  }

  setCookie(url: string, name: string, value: string): void {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    jar.set(name, value);
    this.jars.set(host, jar);
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Page> {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    const headers: Record<string, string> = {};
    if (jar.size > 0) headers.cookie = cookieHeader(jar);
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(url, {
      method: init.method ?? (init.form ? 'POST' : 'GET'),
      headers,
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
      redirect: 'manual',
    });
    keepCookies(response, jar);
    this.jars.set(host, jar);
    return { url, status: response.status, body: await response.text(), headers: response.headers };
  }

  /**
   * A request and the redirects after it, up to the first page that is not a redirect; or, when `stopBefore`
   * says so of a redirect's target, up to that target, not fetched (its URL is the page's `url`, status 0).
   */
  async go(url: string, init: { method?: string; form?: Record<string, string> } = {}, stopBefore?: (target: URL) => boolean): Promise<Page> {
    let page = await this.request(url, init);
    for (let hops = 0; hops < 20 && page.status >= 300 && page.status < 400; hops++) {
      const target = new URL(page.headers.get('location')!, page.url);
      if (stopBefore?.(target)) return { url: target.href, status: 0, body: '', headers: new Headers() };
      page = await this.request(target.href, page.status === 307 || page.status === 308 ? init : {});
    }
    return page;
  }

  /** Submits the page's first form (its action and hidden fields), with these fields added. */
  async submitForm(page: Page, fields: Record<string, string> = {}, stopBefore?: (target: URL) => boolean): Promise<Page> {
    const form = /<form\b[^>]*>([\s\S]*?)<\/form>/i.exec(page.body);
    if (!form) throw new Error(`no form on ${page.url} (${page.status})`);
    const action = /action="([^"]*)"/i.exec(form[0])?.[1] ?? page.url;
    const hidden: Record<string, string> = {};
    for (const input of form[1].matchAll(/<input\b[^>]*type="hidden"[^>]*>/gi)) {
      const name = /name="([^"]*)"/i.exec(input[0])?.[1];
      const value = /value="([^"]*)"/i.exec(input[0])?.[1] ?? '';
      if (name) hidden[name] = unescapeHtml(value);
    }
    return this.go(new URL(unescapeHtml(action), page.url).href, { form: { ...hidden, ...fields } }, stopBefore);
  }
}

/** The cookies a response sets, kept in `jar` as a browser keeps them: one set empty or with Max-Age=0 is dropped. */
export function keepCookies(response: Response, jar: Map<string, string>): void {
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(';');
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
    if (value === '' || expired) jar.delete(name);
    else jar.set(name, value);
  }
}

/** The `cookie` header a browser sends back with what `jar` holds. */
export function cookieHeader(jar: ReadonlyMap<string, string>): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

function unescapeHtml(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#x2F;/g, '/').replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}
