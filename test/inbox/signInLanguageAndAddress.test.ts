import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';
import { loadTranslations, type Translations } from '../../bot/i18n.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { TEST_PASSWORD_HASHING, activeStaff, signedInAs } from '../support/staffSession.js';
import { StaffBrowser, csrfIn } from '../support/staffBrowser.js';

/**
 * Staff pages in the agency's own language (the directory's `language`: Polish here), whatever the browser
 * asks for once signed in; and sign-in attempts limited per address as well as per account.
 */

const POLISH_AGENCY = 'peterborough-housing-needs';
let folder: string;
let running: RunningOneStory;
let translations: Translations;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'one-story-staff-language-'));
  const directory = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; language?: string }> };
  directory.agencies.find((agency) => agency.id === POLISH_AGENCY)!.language = 'pl';
  await writeFile(join(folder, 'agencies.json'), JSON.stringify(directory));
  running = await startOneStory({ env: { AGENCIES_PATH: join(folder, 'agencies.json'), STAFF_SIGN_IN_ATTEMPTS_PER_ADDRESS: '3', STAFF_SIGN_IN_ATTEMPTS_PER_ACCOUNT: '100' }, staffPasswordHashing: TEST_PASSWORD_HASHING });
  translations = await loadTranslations();
});
afterAll(async () => {
  await running.app.close();
  await rm(folder, { recursive: true, force: true });
});

describe('the agency\'s language', () => {
  it('should show a Polish agency\'s staff their account page and their setup page in Polish', async () => {
    const polish = translations.forLocale('pl');
    const { cookie } = await signedInAs(running.app, { agencyId: POLISH_AGENCY, role: 'worker' });
    const page = await fetch(`${running.baseUrl}/inbox/account`, { headers: { cookie, 'accept-language': 'en-GB' } });
    const html = await page.text();
    expect(html).toContain('<html lang="pl"');
    expect(html).toContain(String(polish('signIn.account.title')));
    expect(html).toContain(String(polish('signIn.account.signOutEverywhere')));

    const invited = await running.app.staff.accounts.invite({ kind: 'operator' }, { agencyId: POLISH_AGENCY, email: 'nowa.osoba@example.org', role: 'worker' });
    if ('refused' in invited) throw new Error(invited.refused);
    const setup = await (await fetch(`${running.baseUrl}/inbox/setup/${invited.setupToken}`)).text();
    expect(setup).toContain(String(polish('signIn.setupPassword.title')));
  });
});

describe('sign-in attempts per address', () => {
  it('should refuse a fourth try from one address in the window, whichever accounts it tries', async () => {
    const staff = await activeStaff(running.app, { agencyId: POLISH_AGENCY, role: 'worker' });
    const browser = new StaffBrowser(() => running.baseUrl);
    await browser.get('/inbox/sign-in');
    const csrf = csrfIn(browser.html);
    for (const email of ['a@example.org', 'b@example.org', 'c@example.org']) {
      expect((await browser.post('/inbox/sign-in', { email, password: 'a wrong guess' }, { csrf })).status).toBe(401);
    }
    const limited = await browser.post('/inbox/sign-in', { email: staff.email, password: staff.password }, { csrf });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // The refusal is audited once, with no email or address in it.
    const audit = await readFile(join(running.dataDir, 'audit', 'audit.jsonl'), 'utf8');
    expect(audit).toContain('"status":"too-many-attempts"');
    expect(audit).not.toContain('127.0.0.1');
    expect(audit).not.toContain('@example.org');
  });
});
