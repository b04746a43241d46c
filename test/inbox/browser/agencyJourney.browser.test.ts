import { afterAll, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { axeViolations, withAxe } from '../../support/axe.js';
import { browserContexts, describeWithChromium } from '../../support/chromium.js';
import { shareWhereIStay, tellOfSleepingRough } from '../../support/chatJourneys.js';
import { freePort } from '../../support/freePort.js';
import { useOneStoryServer } from '../../support/httpHarness.js';
import { totpCode, TEST_PASSWORD_HASHING } from '../../support/staffSession.js';

/**
 * The whole journey, as the people in it would take it, against one real server and a real browser
 * (Debian's chromium, driven by playwright-core; test/support/chromium.ts): the operator creates a service's first admin (as
 * `npm run agency-user -- create … --admin` does) and hands over the setup link; the admin sets up a password
 * and their authenticator app, signs in, invites a worker on the admin pages and signs out; the worker sets
 * up with the link they were sent and signs in; a person shares part of their story in the chat; days later
 * (the injected clock moves on) the inbox flags it overdue; the worker accepts it with a message; the person,
 * coming back to the chat, reads that message; the worker signs out. axe-core checks every page visited (a
 * page the worker sees just as the admin saw it before, in the same state, stands on the admin's check).
 */
const STEP_TIMEOUT_MS = 30_000;
// Housing Needs (Peterborough): a first reply within 2 working days.
const AGENCY = { id: 'peterborough-housing-needs', name: 'Housing Needs (Peterborough)' };
/** The two staff members, each with the password they choose on their setup page. */
const ADMIN = { who: 'admin', email: 'sam.admin@peterborough.example.org', password: 'copper kettle winter harbour' };
const WORKER = { who: 'worker', email: 'riley.worker@peterborough.example.org', password: 'violet ferry seven lanterns' };
type Staff = typeof ADMIN;

// Scrypt password hashes, TOTP setup twice and a whole chat on a loaded 2-core machine: generous.
jest.setTimeout(600_000);

// Setup links are built on PUBLIC_URL: here the server's own address, so each link is opened as it was given.
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

describeWithChromium('an agency from its first admin to a person reading its reply', () => {
  // Tuesday 1 December 2026, 09:00 UTC; only ever moved forward.
  let now = new Date('2026-12-01T09:00:00Z');
  /** Time passing, as between two codes of an authenticator app (each code works once). */
  const later = (seconds: number) => (now = new Date(now.getTime() + seconds * 1000));
  const server = useOneStoryServer({ clock: () => now, port, staffPasswordHashing: TEST_PASSWORD_HASHING, env: { PUBLIC_URL: base } });
  const { newContext, closeContexts } = browserContexts();
  afterAll(closeContexts);

  it('sets up an admin and a worker, flags the overdue handoff, and the person reads the reply', async () => {
    const { running, t } = server;
    /** axe-core's findings on every page visited, each named by the page. */
    const violations: string[] = [];
    /** The pages axe-core checked, by name. */
    const checked = new Set<string>();
    /** Every answer of 400 or more any page got (for itself or its assets). */
    const failed: string[] = [];
    const visited: string[] = [];

    /** A browser of their own (its own cookies), its failed requests noted. */
    async function ownBrowser(): Promise<Page> {
      const page = await (await withAxe(await newContext())).newPage();
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${new URL(response.url()).pathname} ${response.status()}`);
      });
      return page;
    }
    /**
     * Waits for the page's main heading, then has axe-core check the page as loaded; unless it repeats
     * `sameAs`, a page checked before that is the same page in the same state (the same form, before the
     * same person signed in, or the same notice), whose check stands for it.
     */
    async function atPage(page: Page, name: string, heading: string, sameAs?: string): Promise<void> {
      await page.getByRole('heading', { level: 1, name: heading }).waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.waitForLoadState('load');
      visited.push(name);
      if (sameAs !== undefined) {
        expect({ page: name, sameAsChecked: checked.has(sameAs) }).toEqual({ page: name, sameAsChecked: true });
        return;
      }
      checked.add(name);
      for (const violation of await axeViolations(page)) violations.push(`${name}: ${violation}`);
    }
    /**
     * The setup link's pages: a password, the authenticator app (its key read from the page), the recovery
     * codes; `asFor`: the staff member who set up before on the same pages (checked then).
     */
    async function setUp(page: Page, link: string, { who, password }: Staff, asFor?: string): Promise<string> {
      const sameAs = (step: string) => (asFor === undefined ? undefined : `${asFor} setup: ${step}`);
      await page.goto(link);
      await atPage(page, `${who} setup: password`, t('signIn.setupPassword.title'), sameAs('password'));
      await page.getByLabel(t('signIn.setupPassword.password'), { exact: true }).fill(password);
      await page.getByLabel(t('signIn.setupPassword.confirm'), { exact: true }).fill(password);
      await page.getByRole('button', { name: t('signIn.setupPassword.continue') }).click();

      await atPage(page, `${who} setup: authenticator app`, t('signIn.setupTotp.title'), sameAs('authenticator app'));
      const key = (await page.getByTestId('totp-key').innerText()).replace(/\s/g, '');
      await page.getByLabel(t('signIn.setupTotp.code')).fill(totpCode(key, now));
      await page.getByRole('button', { name: t('signIn.setupTotp.continue') }).click();

      await atPage(page, `${who} setup: recovery codes`, t('signIn.recoveryCodes.title'), sameAs('recovery codes'));
      expect(await page.getByTestId('recovery-codes').locator('li').count()).toBe(10);
      await page.getByRole('link', { name: t('signIn.recoveryCodes.signIn') }).click();
      return key;
    }
    /** The sign-in page, then the code page: the next code their app shows. `sameAs`: pages checked before. */
    async function signIn(page: Page, { who, email, password }: Staff, key: string, sameAs: { signIn?: string; code?: string } = {}): Promise<void> {
      await atPage(page, `${who} sign-in`, t('signIn.signIn.title'), sameAs.signIn);
      await page.getByLabel(t('signIn.signIn.email')).fill(email);
      await page.getByLabel(t('signIn.signIn.password'), { exact: true }).fill(password);
      await page.getByRole('button', { name: t('signIn.signIn.continue') }).click();
      await atPage(page, `${who} sign-in: code`, t('signIn.code.title'), sameAs.code);
      later(30);
      await page.getByLabel(t('signIn.code.title')).fill(totpCode(key, now));
      await page.getByRole('button', { name: t('signIn.code.continue') }).click();
    }
    /** The account page (its menu is the staff member's own), then signed out; `signedOutAs`: checked before. */
    async function signOut(page: Page, who: string, signedOutAs?: string): Promise<void> {
      await page.getByRole('link', { name: t('staffPages.nav.account') }).click();
      await atPage(page, `${who} account`, t('signIn.account.title'));
      await page.getByRole('button', { name: t('signIn.account.signOut'), exact: true }).click();
      await atPage(page, `${who} signed out`, t('signIn.signIn.title'), signedOutAs);
      expect(await page.getByText(t('signIn.signIn.notices.signedOut')).isVisible()).toBe(true);
    }

    // 1. The operator creates the service's first admin, as `npm run agency-user -- create` does, and sends
    //    them the one-time link it prints (built on PUBLIC_URL).
    const created = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: AGENCY.id, email: ADMIN.email, role: 'agency-admin' });
    if ('refused' in created) throw new Error(`the operator could not create the admin: ${created.refused}`);
    const adminLink = `${base}/inbox/setup/${created.setupToken}`;

    // 2. The admin sets up their account and signs in: the inbox, empty so far.
    const admin = await ownBrowser();
    const adminKey = await setUp(admin, adminLink, ADMIN);
    await signIn(admin, ADMIN, adminKey);
    await atPage(admin, 'admin inbox', t('inbox.list.title'));
    expect(await admin.locator('#inbox-empty').textContent()).toBe(t('inbox.list.empty'));

    // 3. The admin invites a worker and copies the setup link, shown once; then signs out.
    await admin.getByRole('link', { name: t('staffPages.nav.staff') }).click();
    await atPage(admin, 'admin staff', t('inboxAdmin.staff.title'));
    await admin.getByRole('button', { name: t('inboxAdmin.staff.invite') }).click();
    await atPage(admin, 'admin invite', t('inboxAdmin.invite.title'));
    await admin.getByLabel(t('inboxAdmin.invite.email.label')).fill(WORKER.email);
    await admin.getByLabel(t('inboxAdmin.roles.worker')).check();
    await admin.getByRole('button', { name: t('inboxAdmin.invite.submit') }).click();
    await atPage(admin, 'admin staff, worker invited', t('inboxAdmin.staff.title'));
    expect(await admin.locator('.govuk-notification-banner--success').textContent()).toContain(t('inboxAdmin.staff.notice.invited', { email: WORKER.email }));
    const workerLink = await admin.getByLabel(t('inboxAdmin.staff.notice.linkLabel', { email: WORKER.email })).inputValue();
    expect(workerLink.startsWith(`${base}/inbox/setup/`)).toBe(true);
    await signOut(admin, 'admin');

    // 4. The worker, on their own computer, sets up with that link and signs in.
    later(30);
    const worker = await ownBrowser();
    const workerKey = await setUp(worker, workerLink, WORKER, ADMIN.who);
    await signIn(worker, WORKER, workerKey, { signIn: 'admin sign-in', code: 'admin sign-in: code' });
    await atPage(worker, 'worker inbox, empty', t('inbox.list.title'));

    // 5. A person tells the chat where they are staying and shares it with the service, then pauses.
    const person = server.person('journey-conversation', 'journey-person');
    await tellOfSleepingRough(person, t);
    const reference = await shareWhereIStay(person, AGENCY.name);
    await person.say('pause');

    // The worker's inbox has it, due by the end of Thursday and not overdue.
    await worker.reload();
    await atPage(worker, 'worker inbox, shared today', t('inbox.list.title'));
    const row = worker.locator(`tr[data-reference="${reference}"]`);
    const fresh = await row.textContent();
    expect(fresh).toContain(t('inbox.response.waiting', { duration: '0 minutes' }));
    expect(fresh).toContain(t('inbox.response.dueBy', { date: '' }).trim());
    expect(fresh).not.toContain(t('inbox.response.overdue'));

    // Friday 08:30: past the target. The worker's session ended while they were away; they sign in again and
    // come back to the inbox, where the handoff is flagged with how long it has waited.
    now = new Date('2026-12-04T08:30:00Z');
    await worker.reload();
    // The sign-in page says why they are there again: checked; the code page is the one checked before.
    await signIn(worker, { ...WORKER, who: 'worker, next morning' }, workerKey, { code: 'admin sign-in: code' });
    await atPage(worker, 'worker inbox, overdue', t('inbox.list.title'));
    const overdue = await row.textContent();
    expect(overdue).toContain(t('inbox.response.overdue'));
    // From Tuesday 09:00 to Friday 08:30:30: 2 days, 23 hours and a half.
    expect(overdue).toContain(t('inbox.response.waiting', { duration: '2 days' }));
    expect(overdue).toContain(t('inbox.response.wasDue', { date: '' }).trim());

    // 6. The worker opens it and accepts it, with a message made from a template.
    await row.getByRole('link', { name: reference }).click();
    await atPage(worker, 'worker handoff', t('inbox.handoff.title', { reference }));
    expect(await worker.locator('main').textContent()).toContain('I lost my tent');
    await worker.getByRole('button', { name: t('inbox.handoff.actions.accepted'), exact: true }).click();
    await atPage(worker, 'worker reply', t('inbox.reply.title.accepted', { reference }));
    await worker.getByRole('link', { name: `${t('inbox.reply.useTemplate')} 2` }).click();
    await expect(worker.locator('#message').inputValue()).resolves.toBe(t('inbox.templates.accepted.visit'));
    const message = `${t('inbox.templates.accepted.visit')} We are at 10 Market Street, Peterborough.`;
    await worker.locator('#message').fill(message);
    await worker.getByRole('button', { name: t('inbox.reply.submit.accepted') }).click();
    await atPage(worker, 'worker handoff, accepted', t('inbox.handoff.title', { reference }));
    expect(await worker.locator('.govuk-notification-banner--success').textContent()).toContain(t('inbox.done.accepted'));

    // 7. The person comes back to the chat: the service's message first, then what they shared says so.
    const back = await person.say('hi');
    expect(back[0]).toBe(t('news.message', { name: AGENCY.name, message }));
    await person.say('menu');
    const shared = (await person.say('what have I shared')).join('\n');
    expect(shared).toContain(t('shared.status.accepted'));
    expect(shared).toContain(message);

    // 8. The worker signs out; the inbox then asks them to sign in.
    await signOut(worker, 'worker', 'admin signed out');
    await worker.goto(`${base}/inbox`);
    await atPage(worker, 'worker inbox after signing out', t('signIn.signIn.title'), 'admin sign-in');
    expect(new URL(worker.url()).pathname).toBe('/inbox/sign-in');

    expect(violations).toEqual([]);
    expect(failed).toEqual([]);
    expect(visited).toHaveLength(27);
    expect(checked.size).toBe(19);
  });
});
