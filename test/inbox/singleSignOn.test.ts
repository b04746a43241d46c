import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { loadTranslations } from '../../bot/i18n.js';
import { AUDIT_LOG_FILE } from '../../data/audit/auditLog.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { freePort } from '../support/freePort.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { FormBrowser, type Page } from '../support/formBrowser.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidcProvider.js';
import { TEST_PASSWORD_HASHING, activeStaff } from '../support/staffSession.js';

/**
 * Single sign-on end to end: the real server, and a real OpenID Connect provider (oidc-provider) on another
 * loopback port, driven as a browser would (cookies kept per site, redirects followed, the provider's own
 * login and consent forms submitted). The provider vouches for whichever login is typed; the accounts below
 * say which email it gives for each.
 */

const CAMBRIDGE = 'cambridge-housing-options';
const PETERBOROUGH = 'peterborough-housing-needs';
/** Configured with a provider nobody answers for. */
const MENTAL_HEALTH = 'adult-mental-health';
const ACCOUNTS = {
  ana: { email: 'ana@cambridge.gov.uk', email_verified: true },
  ben: { email: 'ben@cambridge.gov.uk', email_verified: true },
  cat: { email: 'cat@peterborough.gov.uk', email_verified: true },
  dan: { email: 'dan@cambridge.gov.uk', email_verified: true },
  eve: { email: 'eve@cambridge.gov.uk', email_verified: false },
  fay: {},
  gus: { email: 'gus@cambridge.gov.uk', email_verified: true },
  tam: { email: 'tam@cambridge.gov.uk', email_verified: true },
};

/** Text of a page without its markup (entities decoded as far as the copy needs). */
function text(page: Page): string {
  return page.body.replace(/<[^>]+>/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
}

/**
 * A real provider and the real server, each knowing the other: the app's address must be known before it
 * starts (the provider registers its callback, and the app's PUBLIC_URL builds it).
 */
async function startWithProvider(
  options: { logLines?: string[]; env?: Record<string, string> },
  providers: (settings: TestOidcProvider['settings']) => Record<string, unknown>,
): Promise<{ provider: TestOidcProvider; running: RunningOneStory; base: string }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const provider = await startOidcProvider({ redirectUri: `${base}/inbox/sso/callback`, accounts: ACCOUNTS });
  const running = await startOneStory({ port, logLines: options.logLines, env: { PUBLIC_URL: base, AGENCY_SSO: JSON.stringify(providers(provider.settings)), ...options.env }, staffPasswordHashing: TEST_PASSWORD_HASHING });
  return { provider, running, base };
}

/** From the first page on the provider's side, through its login and consent, to the app's answer (or, stopping, its URL). */
async function throughProvider(browser: FormBrowser, first: Page, login: string, sites: { issuer: string; base: string; stopBeforeCallback?: boolean }): Promise<Page> {
  const stop = (target: URL) => sites.stopBeforeCallback === true && target.origin === sites.base;
  let page = first;
  for (let step = 0; step < 5 && page.status !== 0 && new URL(page.url).origin === sites.issuer; step++) {
    const prompt = /name="prompt" value="(\w+)"/.exec(page.body)?.[1];
    if (!prompt) throw new Error(`the provider answered ${page.status} without a form`);
    page = await browser.submitForm(page, prompt === 'login' ? { login, password: 'any password' } : {}, stop);
  }
  return page;
}

describe('single sign-on with an agency provider', () => {
  let provider: TestOidcProvider;
  let running: RunningOneStory;
  let base: string;
  let t: TFunction;
  const logLines: string[] = [];

  beforeAll(async () => {
    const unanswered = await freePort();
    ({ provider, running, base } = await startWithProvider({ logLines }, (settings) => ({
      [CAMBRIDGE]: settings({ emailDomains: ['cambridge.gov.uk'] }),
      [MENTAL_HEALTH]: { issuer: `http://127.0.0.1:${unanswered}`, clientId: 'nobody', clientSecret: 'a secret nobody checks' },
    })));
    t = (await loadTranslations()).forLocale('en');
  });

  afterAll(async () => {
    await running?.app.close();
    await provider?.close();
  });

  const invite = async (agencyId: string, email: string, singleSignOn = true) => {
    const invitation = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId, email, role: 'worker', singleSignOn });
    if ('refused' in invitation) throw new Error(invitation.refused);
    return invitation.staff;
  };

  const signInThroughAgency = async (login: string, agencyId = CAMBRIDGE): Promise<{ browser: FormBrowser; page: Page }> => {
    const browser = new FormBrowser();
    const first = await browser.go(`${base}/inbox/sso/${agencyId}/start`);
    return { browser, page: await throughProvider(browser, first, login, { issuer: provider.issuer, base }) };
  };

  const auditEntries = async (): Promise<Array<Record<string, unknown>>> =>
    (await readFile(join(running.dataDir, AUDIT_LOG_FILE), 'utf8'))
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  it('lets an invited worker in through their agency provider: the account becomes active, the session opens the staff pages', async () => {
    const invited = await invite(CAMBRIDGE, ACCOUNTS.ana.email);
    expect(invited.status).toBe('invited');

    const { browser, page } = await signInThroughAgency('ana');
    expect(page.url.startsWith(`${base}/inbox/sso/callback?`)).toBe(true);
    expect(page.status).toBe(200);
    expect(text(page)).toContain(t('sso.signedIn.title'));
    // The session cookie is SameSite=Strict: this page, on our own site, moves on to the inbox.
    expect(page.body).toContain('<meta http-equiv="refresh" content="0; url=/inbox">');
    expect(page.body).toContain('href="/inbox"');
    expect(browser.cookie(base, 'one_story_staff')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(browser.cookie(base, 'one_story_sso')).toBeUndefined();
    expect(page.headers.getSetCookie().find((cookie) => cookie.startsWith('one_story_staff='))).toMatch(/HttpOnly/);

    const account = await browser.go(`${base}/inbox/account`);
    expect(account.status).toBe(200);
    expect(account.body).toContain(ACCOUNTS.ana.email);
    expect((await running.app.staff.accounts.get(invited.staffId))?.status).toBe('active');

    const entries = await auditEntries();
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: 'staff.setup-completed', staffId: invited.staffId, status: 'single-sign-on' }),
        expect.objectContaining({ event: 'staff.signed-in', staffId: invited.staffId, agencyId: CAMBRIDGE, status: 'single-sign-on' }),
      ]),
    );
    expect(JSON.stringify(entries)).not.toContain('cambridge.gov.uk');
  });

  it('routes a typed work email to its agency provider, and signs an active account in again', async () => {
    const staff = await invite(CAMBRIDGE, ACCOUNTS.gus.email);
    await signInThroughAgency('gus');

    const browser = new FormBrowser();
    const choose = await browser.go(`${base}/inbox/sso`);
    expect(choose.status).toBe(200);
    expect(text(choose)).toContain(t('sso.choose.title'));
    expect(choose.body).toContain(`href="/inbox/sso/${CAMBRIDGE}/start"`);

    const leaving = await browser.submitForm(choose, { email: ' Gus@Cambridge.gov.uk ' });
    expect(leaving.status).toBe(200);
    expect(text(leaving)).toContain(t('sso.leaving.title'));
    // A page, not a redirect: the staff pages' CSP (form-action 'self') stops a form's redirect to another site.
    const onward = /<meta http-equiv="refresh" content="0; url=([^"]+)">/.exec(leaving.body)?.[1].replace(/&amp;/g, '&');
    expect(onward?.startsWith(`${provider.issuer}/`)).toBe(true);
    expect(new URL(onward!).searchParams.get('login_hint')).toBe(ACCOUNTS.gus.email);
    const atProvider = await browser.go(onward!);
    expect(new URL(atProvider.url).origin).toBe(provider.issuer);
    const page = await throughProvider(browser, atProvider, 'gus', { issuer: provider.issuer, base });
    expect(page.status).toBe(200);
    const account = await browser.go(`${base}/inbox/account`);
    expect(account.status).toBe(200);
    expect(account.body).toContain(ACCOUNTS.gus.email);
    expect((await running.app.staff.accounts.get(staff.staffId))?.status).toBe('active');
  });

  it('asks again, keeping what was typed, for an email it cannot route', async () => {
    const browser = new FormBrowser();
    const choose = await browser.go(`${base}/inbox/sso`);
    const unknown = await browser.submitForm(choose, { email: 'someone@elsewhere.org' });
    expect(unknown.status).toBe(400);
    expect(text(unknown)).toContain(t('sso.choose.emailUnknown'));
    expect(unknown.body).toContain('value="someone@elsewhere.org"');
    const invalid = await browser.submitForm(choose, { email: 'not an email' });
    expect(invalid.status).toBe(400);
    expect(text(invalid)).toContain(t('sso.choose.emailInvalid'));
  });

  it('refuses kindly an email nobody invited, and creates nothing', async () => {
    const { browser, page } = await signInThroughAgency('ben');
    expect(page.status).toBe(403);
    expect(text(page)).toContain(t('sso.refused.noAccount', { email: ACCOUNTS.ben.email, agency: 'Housing Options (Cambridge)' }).replace(/\s+/g, ' '));
    expect(text(page)).toContain(t('sso.refused.askAdmin'));
    expect(browser.cookie(base, 'one_story_staff')).toBeUndefined();
    expect(await running.app.staff.accounts.findByEmail(ACCOUNTS.ben.email)).toBeUndefined();
    const entries = await auditEntries();
    expect(entries).toContainEqual(expect.objectContaining({ event: 'staff.sign-in-refused', agencyId: CAMBRIDGE, status: 'single-sign-on:no-account' }));
    expect(JSON.stringify(entries)).not.toContain('ben@');
  });

  it("refuses another agency's staff, even though that agency's provider would vouch for them", async () => {
    const cat = await activeStaff(running.app, { agencyId: PETERBOROUGH, role: 'worker', email: ACCOUNTS.cat.email });
    const { browser, page } = await signInThroughAgency('cat');
    expect(page.status).toBe(403);
    expect(text(page)).toContain(t('sso.refused.title'));
    expect(browser.cookie(base, 'one_story_staff')).toBeUndefined();
    const refusal = (await auditEntries()).filter((entry) => entry.status === 'single-sign-on:other-agency');
    expect(refusal).toHaveLength(1);
    // Another agency's account is not named in this agency's refusal.
    expect(refusal[0].staffId).toBeUndefined();
    expect((await running.app.staff.accounts.get(cat.staffId))?.status).toBe('active');
  });

  it('refuses a removed account', async () => {
    const dan = await invite(CAMBRIDGE, ACCOUNTS.dan.email);
    await running.app.staff.accounts.remove({ kind: 'operator' }, dan.staffId);
    const { browser, page } = await signInThroughAgency('dan');
    expect(page.status).toBe(403);
    expect(text(page)).toContain(t('sso.refused.askAdmin'));
    expect(browser.cookie(base, 'one_story_staff')).toBeUndefined();
    expect((await running.app.staff.accounts.get(dan.staffId))?.status).toBe('removed');
    expect(await auditEntries()).toContainEqual(expect.objectContaining({ event: 'staff.sign-in-refused', staffId: dan.staffId, status: 'single-sign-on:removed' }));
  });

  it('refuses a tampered state, and the callback cannot then be replayed', async () => {
    const staff = await invite(CAMBRIDGE, ACCOUNTS.tam.email);
    const browser = new FormBrowser();
    const first = await browser.go(`${base}/inbox/sso/${CAMBRIDGE}/start`);
    const callback = await throughProvider(browser, first, 'tam', { issuer: provider.issuer, base, stopBeforeCallback: true });
    expect(callback.status).toBe(0);
    const url = new URL(callback.url);
    expect(url.pathname).toBe('/inbox/sso/callback');
    const honest = url.href;
    url.searchParams.set('state', `${url.searchParams.get('state')}x`);

    const tampered = await browser.go(url.href);
    expect(tampered.status).toBe(400);
    expect(text(tampered)).toContain(t('sso.refused.stateInvalid'));
    // The state cookie went with that answer: the untouched callback is refused too.
    const replayed = await browser.go(honest);
    expect(replayed.status).toBe(400);
    expect(browser.cookie(base, 'one_story_staff')).toBeUndefined();
    expect((await running.app.staff.accounts.get(staff.staffId))?.status).toBe('invited');
  });

  it('refuses a callback whose sealed cookie was altered', async () => {
    const browser = new FormBrowser();
    const first = await browser.go(`${base}/inbox/sso/${CAMBRIDGE}/start`);
    const callback = await throughProvider(browser, first, 'ana', { issuer: provider.issuer, base, stopBeforeCallback: true });
    const sealed = browser.cookie(base, 'one_story_sso')!;
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    browser.setCookie(base, 'one_story_sso', `${sealed.slice(0, -2)}${last}${sealed.slice(-1)}`);
    const page = await browser.go(callback.url);
    expect(page.status).toBe(400);
    expect(text(page)).toContain(t('sso.refused.stateInvalid'));
    expect(browser.cookie(base, 'one_story_staff')).toBeUndefined();
  });

  it('needs a verified email claim', async () => {
    const unverified = await signInThroughAgency('eve');
    expect(unverified.page.status).toBe(403);
    expect(text(unverified.page)).toContain(t('sso.refused.emailUnverified'));
    const none = await signInThroughAgency('fay');
    expect(none.page.status).toBe(403);
    expect(text(none.page)).toContain(t('sso.refused.noEmail'));
  });

  it('answers an agency without a provider with a page, not a redirect', async () => {
    const page = await new FormBrowser().go(`${base}/inbox/sso/${PETERBOROUGH}/start`);
    expect(page.status).toBe(404);
    expect(text(page)).toContain(t('sso.refused.unknownAgency'));
  });

  it('explains a provider that cannot be reached, and logs it without its secret', async () => {
    const page = await new FormBrowser().go(`${base}/inbox/sso/${MENTAL_HEALTH}/start`);
    expect(page.status).toBe(502);
    expect(text(page)).toContain(t('sso.refused.providerFailed'));
    expect(logLines.some((line) => line.includes('sso.discoveryFailed') && line.includes(MENTAL_HEALTH))).toBe(true);
  });

  it('never logs the client secret, an email address or a token', async () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('\n');
    expect(all).not.toContain(provider.clientSecret);
    expect(all).not.toMatch(/@cambridge\.gov\.uk|@peterborough\.gov\.uk/);
    expect(all).not.toMatch(/code=|state=|one_story_sso=|one_story_staff=/);
  });
});

describe('single sign-on on PostgreSQL', () => {
  let database: TestDatabase;
  let provider: TestOidcProvider;
  let running: RunningOneStory;
  let base: string;

  beforeAll(async () => {
    database = await freshDatabase();
    ({ provider, running, base } = await startWithProvider({ env: { DATABASE_URL: database.url } }, (settings) => ({ [CAMBRIDGE]: settings() })));
  });

  afterAll(async () => {
    await running?.app.close();
    await provider?.close();
    await database?.drop();
  });

  it('activates an invited account at its first sign-in and opens a session; once removed, it is refused', async () => {
    const invitation = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: CAMBRIDGE, email: ACCOUNTS.ana.email, role: 'worker', singleSignOn: true });
    if ('refused' in invitation) throw new Error(invitation.refused);
    const signIn = async () => {
      const browser = new FormBrowser();
      const page = await throughProvider(browser, await browser.go(`${base}/inbox/sso/${CAMBRIDGE}/start`), 'ana', { issuer: provider.issuer, base });
      return { browser, page };
    };

    const first = await signIn();
    expect(first.page.status).toBe(200);
    expect((await first.browser.go(`${base}/inbox/account`)).body).toContain(ACCOUNTS.ana.email);
    expect((await running.app.staff.accounts.get(invitation.staff.staffId))?.status).toBe('active');

    await running.app.staff.accounts.remove({ kind: 'operator' }, invitation.staff.staffId);
    // Removal ended the session on every device.
    expect((await first.browser.go(`${base}/inbox/account`)).url).toContain('/inbox/sign-in');
    const again = await signIn();
    expect(again.page.status).toBe(403);
    expect(again.browser.cookie(base, 'one_story_staff')).toBeUndefined();
  });
});
