import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { get } from 'node:http';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { AUDIT_LOG_FILE } from '../../data/audit/auditLog.js';
import { loadTranslations } from '../../bot/i18n.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { TEST_PASSWORD_HASHING, activeStaff, signedInAs, totpCode } from '../support/staffSession.js';
import { StaffBrowser, csrfIn, withoutNonce } from '../support/staffBrowser.js';

/**
 * Agency staff signing in, as a browser does it, over real HTTP to the real server: the setup link, a
 * password, TOTP and recovery codes; signing in with both factors; the account page; signing out (here and
 * everywhere); what is refused (wrong password, unknown email, wrong code, too many tries, a missing or
 * wrong CSRF token, another site's form); idle sessions ending on the injected clock.
 */

const AGENCY = 'cambridge-housing-options';
let now = new Date('2026-03-02T09:00:00.000Z');
const clock = () => now;
const later = (ms: number) => (now = new Date(now.getTime() + ms));
let running: RunningOneStory;
let t: TFunction;

beforeAll(async () => {
  // Generous per address: every test here comes from 127.0.0.1 (the per-address limit has its own server below).
  running = await startOneStory({ clock, env: { STAFF_SIGN_IN_ATTEMPTS_PER_ADDRESS: '1000' }, staffPasswordHashing: TEST_PASSWORD_HASHING });
  t = (await loadTranslations()).forLocale('en');
});
afterAll(async () => {
  await running.app.close();
});

const browser = (headers: Record<string, string> = {}) => new StaffBrowser(() => running.baseUrl, headers);
/** As the page shows a sentence (HTML-escaped, as the templates escape it). */
const shown = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

async function auditEntries(): Promise<Array<Record<string, unknown>>> {
  const text = await readFile(join(running.dataDir, AUDIT_LOG_FILE), 'utf8');
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Signs in through both pages; resolves with the browser (its session cookie set) and where it was sent. */
async function signIn(email: string, password: string, code: string, into = browser()): Promise<{ into: StaffBrowser; location: string | null; status: number; response: Response }> {
  await into.get('/inbox/sign-in');
  const first = await into.post('/inbox/sign-in', { email, password });
  expect(first.status).toBe(303);
  expect(first.headers.get('location')).toBe('/inbox/sign-in/code');
  expect((await into.get('/inbox/sign-in/code')).status).toBe(200);
  const second = await into.post('/inbox/sign-in/code', { code });
  return { into, location: second.headers.get('location'), status: second.status, response: second };
}

describe('setting up an account from its link, then signing in', () => {
  it('should take a password, enrol TOTP, show recovery codes once, then sign in with both factors and out again', async () => {
    const invited = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: AGENCY, email: '  Robin.Setup@Example.org ', role: 'worker' });
    if ('refused' in invited) throw new Error(invited.refused);
    expect(invited.staff.email).toBe('robin.setup@example.org');
    const link = `/inbox/setup/${invited.setupToken}`;
    const person = browser();

    const passwordPage = await person.get(link);
    expect(passwordPage.status).toBe(200);
    expect(person.html).toContain(shown(t('signIn.setupPassword.title')));
    expect(passwordPage.headers.get('cache-control')).toBe('no-store');

    // A common password is refused, kindly, with GOV.UK's error summary pointing at the field.
    const weak = await person.post(`${link}/password`, { password: 'password1234', confirm: 'password1234' });
    expect(weak.status).toBe(400);
    expect(person.html).toContain('govuk-error-summary');
    expect(person.html).toContain(shown(t('signIn.setupPassword.errors.too_common')));
    expect(person.html).toContain('href="#password"');
    // Only the first 64 characters are judged (a longer check held the server for seconds): a weak start is
    // refused however strong what follows.
    const weakStart = `${'password'.repeat(8)}${'Xq7#vLp2!mZr9@Kd'.repeat(4)}`;
    await person.post(`${link}/password`, { password: weakStart, confirm: weakStart });
    expect(person.html).toContain(shown(t('signIn.setupPassword.errors.too_common')));
    await person.post(`${link}/password`, { password: 'short', confirm: 'short' });
    expect(person.html).toContain(shown(t('signIn.setupPassword.errors.too_short', { minLength: 12 })));
    await person.post(`${link}/password`, { password: 'violet harbour kettle seven', confirm: 'violet harbour kettle eight' });
    expect(person.html).toContain(shown(t('signIn.setupPassword.errors.mismatch')));

    const chosen = await person.post(`${link}/password`, { password: 'violet harbour kettle seven', confirm: 'violet harbour kettle seven' });
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get('location')).toBe(link);
    await person.get(link);
    expect(person.html).toContain(shown(t('signIn.setupTotp.title')));
    expect(person.html).toContain('data:image/svg+xml;base64,');
    // The key written out for typing by hand is the one in the QR code: the test's "app" uses it.
    const key = /data-testid="totp-key"[^>]*>([A-Z2-7 ]+)</.exec(person.html)![1].replace(/ /g, '');
    const qr = Buffer.from(/data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)/.exec(person.html)![1], 'base64').toString('utf8');
    expect(qr).toContain('<svg');

    const wrongCode = await person.post(`${link}/code`, { code: '000000' === totpCode(key, now) ? '111111' : '000000' });
    expect(wrongCode.status).toBe(400);
    expect(person.html).toContain(shown(t('signIn.setupTotp.errors.wrong')));

    const confirmed = await person.post(`${link}/code`, { code: totpCode(key, now) });
    expect(confirmed.status).toBe(200);
    expect(person.html).toContain(shown(t('signIn.recoveryCodes.warning')));
    const recoveryCodes = [...person.html.matchAll(/<code lang="en">([A-Z0-9-]+)<\/code>/g)].map((match) => match[1]);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    // The link has done its work.
    const again = await person.get(link);
    expect(again.status).toBe(410);
    expect(person.html).toContain(shown(t('signIn.setupLink.used.title')));

    // A code from the same 30 seconds as the one that finished setup is never accepted twice.
    const replay = await signIn('robin.setup@example.org', 'violet harbour kettle seven', totpCode(key, now));
    expect(replay.status).toBe(401);
    later(30_000);
    const signedIn = await signIn('ROBIN.setup@example.org', 'violet harbour kettle seven', totpCode(key, now));
    expect(signedIn).toMatchObject({ status: 303, location: '/inbox' });
    const session = signedIn.into;
    const cookie = (await session.get('/inbox/account'), session.cookies.get('one_story_staff'));
    expect(cookie).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.html).toContain('robin.setup@example.org');
    expect(session.html).toContain(shown(t('signIn.account.recoveryLeft', { count: 10 })));

    const signedOut = await session.post('/inbox/sign-out', {});
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get('location')).toBe('/inbox/sign-in?signedOut=yes');
    expect(signedOut.headers.getSetCookie().join('\n')).toMatch(/one_story_staff=; Path=\/; HttpOnly; SameSite=Strict; Max-Age=0/);
    // The old cookie no longer opens anything, even sent again by hand.
    const afterwards = await fetch(`${running.baseUrl}/inbox/account`, { redirect: 'manual', headers: { cookie: `one_story_staff=${cookie}` } });
    expect(afterwards.status).toBe(303);

    // Audited with ids only: never the email, the password or a code.
    const entries = (await auditEntries()).filter((entry) => entry.staffId === invited.staff.staffId);
    expect(entries.map((entry) => entry.event)).toEqual([
      'staff.created',
      'staff.setup-completed',
      'staff.sign-in-refused',
      'staff.signed-in',
      'staff.signed-out',
    ]);
    const auditText = JSON.stringify(await auditEntries());
    expect(auditText).not.toContain('robin.setup');
    expect(auditText).not.toContain('violet');
    for (const code of recoveryCodes) expect(auditText).not.toContain(code);
  });

  it('should set the session cookie HttpOnly, SameSite=Strict on Path=/ (no Secure over plain http to this machine only)', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'worker' });
    later(30_000);
    const { response } = await signIn(staff.email, staff.password, totpCode(staff.totpSecret, now));
    const set = response.headers.getSetCookie().find((cookie) => cookie.startsWith('one_story_staff='))!;
    expect(set).toMatch(/^one_story_staff=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    // Reached by any other name than loopback, the cookie is Secure.
    // (fetch will not send another Host, so node:http asks, as a proxy in front would.)
    const url = new URL(running.baseUrl);
    const formCookie = await new Promise<string>((resolve, reject) => {
      get({ host: url.hostname, port: url.port, path: '/inbox/sign-in', headers: { host: 'inbox.example.org' } }, (response) => {
        response.resume();
        resolve(String(response.headers['set-cookie']?.[0]));
      }).on('error', reject);
    });
    expect(formCookie).toMatch(/^one_story_form=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Secure$/);
  });

  it('should sign in with a recovery code once, and say how many are left', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'agency-admin' });
    const used = await signIn(staff.email, staff.password, staff.recoveryCodes[3].toLowerCase());
    expect(used.status).toBe(200);
    expect(used.into.html).toContain(shown(t('signIn.recoveryUsed.left', { count: 9 })));
    const again = await signIn(staff.email, staff.password, staff.recoveryCodes[3]);
    expect(again.status).toBe(401);
    expect(again.into.html).toContain(shown(t('signIn.code.errors.notRecognised')));
    const events = (await auditEntries()).filter((entry) => entry.staffId === staff.staffId).map((entry) => entry.event);
    expect(events).toContain('staff.recovery-code-used');
  });

  it('should show a used, unknown or expired setup link its own clear page', async () => {
    const unknown = browser();
    expect((await unknown.get('/inbox/setup/not-a-real-token-at-all-xxxxxxxx')).status).toBe(404);
    expect(unknown.html).toContain(shown(t('signIn.setupLink.unknown.title')));
    const invited = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: AGENCY, email: 'late.starter@example.org', role: 'worker' });
    if ('refused' in invited) throw new Error(invited.refused);
    const person = browser();
    expect((await person.get(`/inbox/setup/${invited.setupToken}`)).status).toBe(200);
    const csrf = csrfIn(person.html);
    later(24 * 3_600_000 + 1000);
    expect((await person.get(`/inbox/setup/${invited.setupToken}`)).status).toBe(410);
    expect(person.html).toContain(shown(t('signIn.setupLink.expired.title')));
    // Posting to it does nothing either.
    const posted = await person.post(`/inbox/setup/${invited.setupToken}/password`, { password: 'violet harbour kettle seven', confirm: 'violet harbour kettle seven' }, { csrf });
    expect(posted.status).toBe(410);
  });
});

describe('refusals', () => {
  it('should give an unknown email and a wrong password the same answer', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'worker' });
    const into = browser();
    await into.get('/inbox/sign-in');
    const wrongPassword = await into.post('/inbox/sign-in', { email: staff.email, password: 'not the password at all' });
    const wrongPasswordPage = into.html;
    const unknownEmail = await into.post('/inbox/sign-in', { email: 'nobody.here@example.org', password: 'not the password at all' });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    // Same page, word for word (the email typed is given back in its field: the same one both times here).
    expect(withoutNonce(into.html.replace('nobody.here@example.org', 'EMAIL'))).toBe(withoutNonce(wrongPasswordPage.replace(staff.email, 'EMAIL')));
    expect(into.html).toContain(shown(t('signIn.signIn.errors.notRecognised')));
    // Nothing set that would take them further.
    expect(into.cookies.has('one_story_second_step')).toBe(false);
  });

  it('should give a wrong code and a wrong recovery code the same answer', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'worker' });
    later(30_000);
    const wrongTotp = await signIn(staff.email, staff.password, totpCode(staff.totpSecret, new Date(now.getTime() - 10 * 60_000)));
    const wrongTotpPage = wrongTotp.into.html;
    const wrongRecovery = await wrongTotp.into.post('/inbox/sign-in/code', { code: 'ABCD-EFGH-JKMN' });
    expect(wrongTotp.status).toBe(401);
    expect(wrongRecovery.status).toBe(401);
    expect(withoutNonce(wrongTotp.into.html)).toBe(withoutNonce(wrongTotpPage));
    expect(wrongTotp.into.cookies.has('one_story_staff')).toBe(false);
  });

  it('should slow down guessing one account: after 5 tries a 429 page with Retry-After, even for the right password', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'worker' });
    const into = browser();
    await into.get('/inbox/sign-in');
    const csrf = csrfIn(into.html);
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect((await into.post('/inbox/sign-in', { email: staff.email, password: `guess number ${attempt}` })).status).toBe(401);
    }
    const limited = await into.post('/inbox/sign-in', { email: staff.email.toUpperCase(), password: staff.password });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(60);
    expect(into.html).toContain(shown(t('signIn.tooMany.title')));
    // An unknown email is slowed down the same way (nothing tells which emails exist).
    for (let attempt = 1; attempt <= 5; attempt++) expect((await into.post('/inbox/sign-in', { email: 'ghost@example.org', password: `guess ${attempt}` }, { csrf })).status).toBe(401);
    expect((await into.post('/inbox/sign-in', { email: 'ghost@example.org', password: 'guess 6' }, { csrf })).status).toBe(429);
  });

  it('should refuse a form without this session\'s CSRF token, or from another site, and keep the session', async () => {
    const { cookie, csrf } = await signedInAs(running.app, { agencyId: AGENCY, role: 'worker' });
    const post = (body: string, headers: Record<string, string> = {}) =>
      fetch(`${running.baseUrl}/inbox/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
    const missing = await post('');
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain(shown(t('signIn.forbidden.title')));
    expect((await post(`csrf=${'A'.repeat(43)}`)).status).toBe(403);
    expect((await post(`csrf=${csrf}`, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post(`csrf=${csrf}`, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post(`csrf=${csrf}`, { origin: 'null' })).status).toBe(403);
    // Still signed in after all of those.
    expect((await fetch(`${running.baseUrl}/inbox/account`, { headers: { cookie } })).status).toBe(200);
    // A browser's own form under `Referrer-Policy: no-referrer` says `Origin: null`, and same-origin.
    expect((await post(`csrf=${csrf}`, { origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await fetch(`${running.baseUrl}/inbox/account`, { redirect: 'manual', headers: { cookie } })).status).toBe(303);
  });

  it('should refuse the sign-in form without its form cookie (login CSRF)', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'worker' });
    const response = await fetch(`${running.baseUrl}/inbox/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: staff.email, password: staff.password, csrf: 'A'.repeat(43) }).toString(),
    });
    expect(response.status).toBe(403);
  });

  it('should take a form body only on the staff pages, and hold it to the input limits', async () => {
    const elsewhere = await fetch(`${running.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=b' });
    expect(elsewhere.status).toBe(415);
    const huge = await fetch(`${running.baseUrl}/inbox/sign-in`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `email=${'a'.repeat(20_000)}` });
    expect(huge.status).toBe(400);
    expect(await huge.json()).toMatchObject({ code: 'string_too_long' });
  });
});

describe('sessions', () => {
  it('should end a session idle for STAFF_IDLE_MINUTES (30), and keep one in use', async () => {
    const { cookie } = await signedInAs(running.app, { agencyId: AGENCY, role: 'worker' });
    const account = () => fetch(`${running.baseUrl}/inbox/account`, { redirect: 'manual', headers: { cookie } });
    later(29 * 60_000);
    expect((await account()).status).toBe(200);
    later(29 * 60_000);
    expect((await account()).status).toBe(200);
    later(30 * 60_000 + 1000);
    const idle = await account();
    expect(idle.status).toBe(303);
    expect(idle.headers.get('location')).toBe('/inbox/sign-in?next=%2Finbox%2Faccount');
  });

  it('should end a session after 12 hours however busy', async () => {
    const { cookie } = await signedInAs(running.app, { agencyId: AGENCY, role: 'worker' });
    const account = () => fetch(`${running.baseUrl}/inbox/account`, { redirect: 'manual', headers: { cookie } });
    // A request every 20 minutes for 11 h 40 min: never idle, still signed in …
    for (let request = 1; request <= 35; request++) {
      later(20 * 60_000);
      expect((await account()).status).toBe(200);
    }
    // … and 20 minutes later, past 12 hours, signed out.
    later(20 * 60_000);
    expect((await account()).status).toBe(303);
  });

  it('should sign out everywhere: another device\'s session ends too', async () => {
    const staff = await activeStaff(running.app, { agencyId: AGENCY, role: 'worker' });
    later(30_000);
    const laptop = await signIn(staff.email, staff.password, totpCode(staff.totpSecret, now));
    later(30_000);
    const phone = await signIn(staff.email, staff.password, totpCode(staff.totpSecret, now));
    await phone.into.get('/inbox/account');
    expect(phone.into.html).toContain(shown(t('signIn.account.sessionsCount', { count: 2 })));
    const everywhere = await phone.into.post('/inbox/account/sign-out-everywhere', {});
    expect(everywhere.headers.get('location')).toBe('/inbox/sign-in?signedOut=everywhere');
    expect((await laptop.into.get('/inbox/account')).status).toBe(303);
    expect((await phone.into.get('/inbox/account')).status).toBe(303);
    await phone.into.get('/inbox/sign-in?signedOut=everywhere');
    expect(phone.into.html).toContain(shown(t('signIn.signIn.notices.signedOutEverywhere')));
    const events = (await auditEntries()).filter((entry) => entry.staffId === staff.staffId).map((entry) => entry.event);
    expect(events).toContain('staff.signed-out-everywhere');
  });

  it('should end the sessions of someone removed, or whose role changed', async () => {
    const admin = await signedInAs(running.app, { agencyId: 'peterborough-housing-needs', role: 'agency-admin' });
    const worker = await signedInAs(running.app, { agencyId: 'peterborough-housing-needs', role: 'worker' });
    const by = { kind: 'staff', staffId: admin.staffId, agencyId: 'peterborough-housing-needs', role: 'agency-admin' } as const;
    const opens = (cookie: string) => fetch(`${running.baseUrl}/inbox/account`, { redirect: 'manual', headers: { cookie } }).then((response) => response.status);
    expect(await running.app.staff.accounts.changeRole(by, worker.staffId, 'agency-admin')).toMatchObject({ role: 'agency-admin' });
    expect(await opens(worker.cookie)).toBe(303);
    expect(await opens(admin.cookie)).toBe(200);
    const removed = await running.app.staff.accounts.remove({ kind: 'operator' }, admin.staffId);
    expect(removed).toMatchObject({ status: 'removed' });
    expect(await opens(admin.cookie)).toBe(303);
    const entries = (await auditEntries()).filter((entry) => entry.staffId === worker.staffId && entry.event === 'staff.role-changed');
    expect(entries).toEqual([expect.objectContaining({ actorStaffId: admin.staffId, status: 'agency-admin' })]);
  });
});

describe('pages', () => {
  it('should show the sign-in page in the browser\'s language, and link to single sign-on', async () => {
    const polish = (await loadTranslations()).forLocale('pl');
    const page = await fetch(`${running.baseUrl}/inbox/sign-in`, { headers: { 'accept-language': 'de-DE, pl;q=0.8, en;q=0.5' } });
    const html = await page.text();
    expect(html).toContain('lang="pl"');
    expect(html).toContain(shown(String(polish('signIn.signIn.title'))));
    expect(html).toContain('href="/inbox/sso"');
  });

  it('should answer an unknown staff page with the staff 404 page, and a page beyond one\'s role with the 403 page', async () => {
    const missing = await fetch(`${running.baseUrl}/inbox/no-such-page`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(shown(t('signIn.notFound.title')));
    const partnership = await signedInAs(running.app, { agencyId: null, role: 'partnership' });
    const signedIn = await fetch(`${running.baseUrl}/inbox/no-such-page`, { headers: { cookie: partnership.cookie } });
    expect(await signedIn.text()).toContain(shown(t('staffPages.nav.account')));
  });
});
