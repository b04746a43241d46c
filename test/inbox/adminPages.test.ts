import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { loadTranslations } from '../../bot/i18n.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';
import { TEST_PASSWORD_HASHING, signedInAs } from '../support/staffSession.js';
import { waitFor } from '../support/waitFor.js';
import { WebhookReceiver, directoryWithWebhook, headersOf, type ReceivedWebhook } from '../support/webhookReceiver.js';

/**
 * The agency admin pages over real HTTP, on the real server: staff (invite, change role, remove), API keys
 * (create, revoke) and the webhook secret (rotate, the old one honoured for the grace period), each as an
 * admin signed in through the real accounts and sessions would use them, and each refused to a worker and
 * to another agency's admin.
 */
const HOUSING = 'cambridge-housing-options';
const PETERBOROUGH = 'peterborough-housing-needs';
/** Pull-only in the sample directory: no webhook. */
const FOOD_BANK = 'food-bank-network';
const GRACE_HOURS = 24;

// Each staff member is made through the real use cases (a memory-hard password hash, a TOTP code): on a
// busy two-core machine a test with several of them needs longer than jest's default.
jest.setTimeout(120_000);

describe('agency admin pages', () => {
  const settingSecret = `whsec_${randomBytes(32).toString('base64')}`;
  let running: RunningOneStory;
  let receiver: WebhookReceiver;
  let now = new Date();
  let en: TFunction;
  /** The Cambridge housing team's admin, signed in once for the whole file (other admins are made where a test needs them). */
  let housingAdmin: Awaited<ReturnType<typeof signedInAs>>;

  beforeAll(async () => {
    receiver = new WebhookReceiver();
    await receiver.start();
    const dataDir = await mkdtemp(join(tmpdir(), 'one-story-admin-'));
    const agenciesPath = await directoryWithWebhook(dataDir, HOUSING, receiver.url);
    running = await startOneStory({
      dataDir,
      clock: () => now,
      staffPasswordHashing: TEST_PASSWORD_HASHING,
      env: {
        AGENCIES_PATH: agenciesPath,
        AGENCY_WEBHOOK_SECRETS: JSON.stringify({ [HOUSING]: settingSecret }),
        WEBHOOK_SECRET_GRACE_HOURS: String(GRACE_HOURS),
        WEBHOOK_RETRY_BASE_MS: '5',
      },
    });
    en = (await loadTranslations()).forLocale('en');
    housingAdmin = await signedInAs(running.app, { agencyId: HOUSING, role: 'agency-admin' });
  });

  afterAll(async () => {
    await running?.app.close();
    await receiver?.stop();
  });

  const url = (path: string) => `${running.baseUrl}${path}`;
  const get = (path: string, cookie?: string) => fetch(url(path), { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  const post = (path: string, cookie: string, fields: Record<string, string>) =>
    fetch(url(path), {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
  const html = async (path: string, cookie: string) => {
    const response = await get(path, cookie);
    expect(response.status).toBe(200);
    return response.text();
  };
  /** The value shown once in the success banner (a setup link, a key, a secret), if the page shows one. */
  const shownOnce = (page: string) => /<input[^>]*id="shown-once"[^>]*>/.exec(page)?.[0].match(/value="([^"]*)"/)?.[1];
  const text = (key: string, options: Record<string, string> = {}) => String(en(`inboxAdmin.${key}`, options));
  /** HTML-escaped as the page writes it. */
  const escaped = (value: string) => value.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const admin = async (agencyId = HOUSING) => (agencyId === HOUSING ? housingAdmin : signedInAs(running.app, { agencyId, role: 'agency-admin' }));
  const auditEntries = async () =>
    (await readFile(join(running.dataDir, 'audit', 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);

  describe('staff', () => {
    it('an invitation shows its setup link once, and the link opens the setup page', async () => {
      const me = await admin();
      expect(await html('/inbox/admin/staff/invite', me.cookie)).toContain(text('invite.title'));
      const email = `new-worker-${randomBytes(4).toString('hex')}@example.org`;
      const invited = await post('/inbox/admin/staff/invite', me.cookie, { csrf: me.csrf, email, role: 'worker' });
      expect(invited.status).toBe(303);
      expect(invited.headers.get('location')).toBe('/inbox/admin/staff');

      const list = await html('/inbox/admin/staff', me.cookie);
      expect(list).toContain(escaped(text('staff.notice.invited', { email })));
      const link = shownOnce(list);
      expect(link).toMatch(/\/inbox\/setup\/[A-Za-z0-9_-]{20,}$/);
      expect(list).toContain(email);
      expect(list).toContain(text('staff.status.invited'));

      // Shown once: the same page again has the colleague listed, but neither the banner nor the link.
      const again = await html('/inbox/admin/staff', me.cookie);
      expect(again).toContain(email);
      expect(shownOnce(again)).toBeUndefined();
      expect(again).not.toContain(new URL(link!).pathname);

      const setup = await get(new URL(link!).pathname);
      expect(setup.status).toBe(200);

      // A new link for a colleague who has not set up yet: the old one stops working.
      const staffId = (await running.app.staff.accounts.findByEmail(email))!.staffId;
      expect((await post(`/inbox/admin/staff/${staffId}/new-link`, me.cookie, { csrf: me.csrf })).status).toBe(303);
      const renewed = shownOnce(await html('/inbox/admin/staff', me.cookie));
      expect(renewed).toMatch(/\/inbox\/setup\/[A-Za-z0-9_-]{20,}$/);
      expect(renewed).not.toBe(link);
      expect((await get(new URL(renewed!).pathname)).status).toBe(200);
      expect((await get(new URL(link!).pathname)).status).not.toBe(200);
    });

    it('bad input is explained in an error summary, and nothing typed is lost', async () => {
      const me = await admin();
      const typed = 'not an address';
      const refused = await post('/inbox/admin/staff/invite', me.cookie, { csrf: me.csrf, email: typed });
      expect(refused.status).toBe(400);
      const page = await refused.text();
      expect(page).toContain('govuk-error-summary');
      expect(page).toContain(text('invite.errors.emailInvalid'));
      expect(page).toContain(text('invite.errors.roleMissing'));
      expect(page).toContain(`value="${typed}"`);

      const taken = await post('/inbox/admin/staff/invite', me.cookie, { csrf: me.csrf, email: me.email, role: 'worker' });
      expect(taken.status).toBe(400);
      const takenPage = await taken.text();
      expect(takenPage).toContain(escaped(text('refusals.already_exists')));
      expect(takenPage).toContain('value="worker" checked');
    });

    it('changes a colleague’s role, and refuses to leave the agency without an admin', async () => {
      const me = await admin();
      const colleague = await signedInAs(running.app, { agencyId: HOUSING, role: 'worker' });
      expect(await html(`/inbox/admin/staff/${colleague.staffId}/role`, me.cookie)).toContain(escaped(text('role.legend', { email: colleague.email })));
      const changed = await post(`/inbox/admin/staff/${colleague.staffId}/role`, me.cookie, { csrf: me.csrf, role: 'agency-admin' });
      expect(changed.status).toBe(303);
      expect(await html('/inbox/admin/staff', me.cookie)).toContain(escaped(text('staff.notice.roleChanged', { email: colleague.email, role: text('roles.agencyAdmin') })));
      expect((await running.app.staff.accounts.get(colleague.staffId))?.role).toBe('agency-admin');
      // What the old role allowed stops at once; signed in again, the colleague can open the admin pages.
      expect((await get('/inbox/admin/keys', colleague.cookie)).status).toBe(303);
      const { token } = await running.app.staff.sessions.start(colleague.staffId, 'password-totp');
      expect((await get('/inbox/admin/keys', `one_story_staff=${token}`)).status).toBe(200);

      // The only admin of an agency cannot make themselves a worker.
      const only = await admin('drug-alcohol-service');
      const refused = await post(`/inbox/admin/staff/${only.staffId}/role`, only.cookie, { csrf: only.csrf, role: 'worker' });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain(escaped(text('refusals.last_admin')));
      expect((await running.app.staff.accounts.get(only.staffId))?.role).toBe('agency-admin');
    });

    it('removing a colleague (after a confirmation page) ends their access at once', async () => {
      const me = await admin();
      const colleague = await signedInAs(running.app, { agencyId: HOUSING, role: 'worker' });
      expect((await get('/inbox/account', colleague.cookie)).status).toBe(200);
      expect(await html(`/inbox/admin/staff/${colleague.staffId}/remove`, me.cookie)).toContain(escaped(text('remove.question', { email: colleague.email })));
      const removed = await post(`/inbox/admin/staff/${colleague.staffId}/remove`, me.cookie, { csrf: me.csrf });
      expect(removed.status).toBe(303);
      const list = await html('/inbox/admin/staff', me.cookie);
      expect(list).toContain(escaped(text('staff.notice.removed', { email: colleague.email })));
      expect(list).toContain(text('staff.status.removed'));

      const afterwards = await get('/inbox/account', colleague.cookie);
      expect(afterwards.status).toBe(303);
      expect(afterwards.headers.get('location')).toMatch(/^\/inbox\/sign-in/);

      // Nobody removes themselves (another admin can).
      expect((await get(`/inbox/admin/staff/${me.staffId}/remove`, me.cookie)).status).toBe(404);
      expect((await post(`/inbox/admin/staff/${me.staffId}/remove`, me.cookie, { csrf: me.csrf })).status).toBe(404);
      expect((await running.app.staff.accounts.get(me.staffId))?.status).toBe('active');
    });
  });

  describe('who may use the admin pages', () => {
    let worker: Awaited<ReturnType<typeof signedInAs>>;
    beforeAll(async () => {
      worker = await signedInAs(running.app, { agencyId: HOUSING, role: 'worker' });
    });

    it.each(['/inbox/admin/staff', '/inbox/admin/staff/invite', '/inbox/admin/keys', '/inbox/admin/webhook', '/inbox/admin/webhook/rotate'])('a worker is refused %s', async (path) => {
      expect((await get(path, worker.cookie)).status).toBe(403);
    });

    it('a worker’s forms are refused and change nothing', async () => {
      const before = (await running.app.agencyKeys.list(HOUSING)).length;
      expect((await post('/inbox/admin/keys', worker.cookie, { csrf: worker.csrf })).status).toBe(403);
      expect((await post('/inbox/admin/staff/invite', worker.cookie, { csrf: worker.csrf, email: 'friend@example.org', role: 'agency-admin' })).status).toBe(403);
      expect((await post('/inbox/admin/webhook/rotate', worker.cookie, { csrf: worker.csrf })).status).toBe(403);
      expect(await running.app.agencyKeys.list(HOUSING)).toHaveLength(before);
      expect(await running.app.staff.accounts.findByEmail('friend@example.org')).toBeUndefined();
    });

    it('signed out, the admin pages send you to sign in; a form without its CSRF token is refused', async () => {
      const signedOut = await get('/inbox/admin/keys');
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toMatch(/^\/inbox\/sign-in/);
      const me = await admin();
      const before = (await running.app.agencyKeys.list(HOUSING)).length;
      expect((await post('/inbox/admin/keys', me.cookie, {})).status).toBe(403);
      expect((await post('/inbox/admin/keys', me.cookie, { csrf: 'not-this-session' })).status).toBe(403);
      expect(await running.app.agencyKeys.list(HOUSING)).toHaveLength(before);
    });

    it('an admin cannot see or change another agency’s staff or keys', async () => {
      const me = await admin();
      const theirs = await signedInAs(running.app, { agencyId: PETERBOROUGH, role: 'worker' });
      const { keyId, key } = await running.app.agencyKeys.create(PETERBOROUGH);

      expect((await get(`/inbox/admin/staff/${theirs.staffId}/role`, me.cookie)).status).toBe(404);
      expect((await get(`/inbox/admin/staff/${theirs.staffId}/remove`, me.cookie)).status).toBe(404);
      expect((await post(`/inbox/admin/staff/${theirs.staffId}/role`, me.cookie, { csrf: me.csrf, role: 'agency-admin' })).status).toBe(404);
      expect((await post(`/inbox/admin/staff/${theirs.staffId}/remove`, me.cookie, { csrf: me.csrf })).status).toBe(404);
      expect((await get(`/inbox/admin/keys/${keyId}/revoke`, me.cookie)).status).toBe(404);
      expect((await post(`/inbox/admin/keys/${keyId}/revoke`, me.cookie, { csrf: me.csrf })).status).toBe(404);

      expect(await running.app.staff.accounts.get(theirs.staffId)).toMatchObject({ role: 'worker', status: 'active' });
      expect((await get('/inbox/account', theirs.cookie)).status).toBe(200);
      const list = await html('/inbox/admin/staff', me.cookie);
      expect(list).not.toContain(theirs.email);
      expect(await html('/inbox/admin/keys', me.cookie)).not.toContain(keyId);
      expect((await fetch(url('/api/agency/handoffs'), { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    });
  });

  describe('API keys', () => {
    it('a key made on the page is shown once, works on the agency API, and answers 401 once revoked', async () => {
      const me = await admin();
      const created = await post('/inbox/admin/keys', me.cookie, { csrf: me.csrf });
      expect(created.status).toBe(303);
      expect(created.headers.get('location')).toBe('/inbox/admin/keys');
      const page = await html('/inbox/admin/keys', me.cookie);
      const key = shownOnce(page);
      expect(key).toMatch(/^osk_[0-9a-f]{16}\./);
      expect(page).toContain(escaped(text('keys.notice.keyOnce')));
      const keyId = key!.slice('osk_'.length, 'osk_'.length + 16);
      expect(page).toContain(text('keys.notice.created', { keyId }));

      const again = await html('/inbox/admin/keys', me.cookie);
      expect(again).toContain(keyId);
      expect(again).not.toContain(key);

      const authorised = { authorization: `Bearer ${key}` };
      expect((await fetch(url('/api/agency/handoffs'), { headers: authorised })).status).toBe(200);

      expect(await html(`/inbox/admin/keys/${keyId}/revoke`, me.cookie)).toContain(text('revoke.question', { keyId }));
      const revoked = await post(`/inbox/admin/keys/${keyId}/revoke`, me.cookie, { csrf: me.csrf });
      expect(revoked.status).toBe(303);
      expect(await html('/inbox/admin/keys', me.cookie)).toContain(text('keys.notice.revoked', { keyId }));
      expect((await fetch(url('/api/agency/handoffs'), { headers: authorised })).status).toBe(401);

      const entries = await auditEntries();
      expect(entries).toContainEqual(expect.objectContaining({ event: 'agency-key.created', agencyId: HOUSING, keyId, staffId: me.staffId }));
      expect(entries).toContainEqual(expect.objectContaining({ event: 'agency-key.revoked', agencyId: HOUSING, keyId, staffId: me.staffId }));
      // A revoked key has no revoke page.
      expect((await get(`/inbox/admin/keys/${keyId}/revoke`, me.cookie)).status).toBe(404);
    });
  });

  describe('webhook secret', () => {
    const share = (personId: string) =>
      running.app.sharing.share({ story: sampleStory(personId), agencyId: HOUSING, parts: ['housing', 'what-helps'], heldBack: [], wording, channel: 'webchat', supportedBy: null });
    const delivery = async (handoffId: string): Promise<ReceivedWebhook> =>
      waitFor(() => receiver.received.find((request) => request.answeredWith === 200 && request.body.includes(handoffId)), `the delivery of ${handoffId}`);
    const verifies = (secret: string, request: ReceivedWebhook) => {
      try {
        new Webhook(secret).verify(request.body, headersOf(request));
        return true;
      } catch (error) {
        if (error instanceof WebhookVerificationError) return false;
        throw error;
      }
    };

    it('an agency without a webhook is told so plainly, and has nothing to rotate', async () => {
      const me = await admin(FOOD_BANK);
      const page = await html('/inbox/admin/webhook', me.cookie);
      expect(page).toContain(escaped(text('webhook.noUrl')));
      expect(page).not.toContain('/inbox/admin/webhook/rotate');
      expect((await get('/inbox/admin/webhook/rotate', me.cookie)).status).toBe(404);
      expect((await post('/inbox/admin/webhook/rotate', me.cookie, { csrf: me.csrf })).status).toBe(404);
    });

    it('after a rotation deliveries verify with the new secret, and with the old one only during the grace period', async () => {
      const me = await admin();
      const first = await delivery((await share('person-before')).handoffId);
      expect(verifies(settingSecret, first)).toBe(true);

      expect(await html('/inbox/admin/webhook', me.cookie)).toContain(text('webhook.state.setting'));
      expect(await html('/inbox/admin/webhook/rotate', me.cookie)).toContain(text('rotate.question'));
      const rotated = await post('/inbox/admin/webhook/rotate', me.cookie, { csrf: me.csrf });
      expect(rotated.status).toBe(303);
      const page = await html('/inbox/admin/webhook', me.cookie);
      const secret = shownOnce(page);
      expect(secret).toMatch(/^whsec_/);
      expect(page).toContain(escaped(text('webhook.notice.secretOnce')));
      expect(shownOnce(await html('/inbox/admin/webhook', me.cookie))).toBeUndefined();

      const during = await delivery((await share('person-during')).handoffId);
      expect(verifies(secret!, during)).toBe(true);
      expect(verifies(settingSecret, during)).toBe(true);
      expect(String(during.headers['webhook-signature']).split(' ')).toHaveLength(2);

      now = new Date(now.getTime() + (GRACE_HOURS + 1) * 3_600_000);
      const after = await delivery((await share('person-after')).handoffId);
      expect(verifies(secret!, after)).toBe(true);
      expect(verifies(settingSecret, after)).toBe(false);

      expect(await auditEntries()).toContainEqual(expect.objectContaining({ event: 'webhook-secret.rotated', agencyId: HOUSING, staffId: me.staffId }));
      // The secret is stored encrypted, like every record: no file in the data folder holds it in clear.
      expect(await filesContaining(running.dataDir, secret!.slice('whsec_'.length))).toEqual([]);
    });
  });
});

/** Files under `dir` whose bytes contain `needle`. */
async function filesContaining(dir: string, needle: string): Promise<string[]> {
  const { readdir } = await import('node:fs/promises');
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    // Lock files come and go while the server runs.
    const bytes = await readFile(path).catch(() => Buffer.alloc(0));
    if (bytes.includes(needle)) found.push(path);
  }
  return found;
}
