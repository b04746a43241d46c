import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SESSION_COOKIE } from '../../bot/inbox/staffAccess.js';
import { useOneStoryServer } from '../support/httpHarness.js';
import { shareSampleStory } from '../support/sharingFixtures.js';
import { TEST_PASSWORD_HASHING, signedInAs } from '../support/staffSession.js';
import { directoryWithWebhook } from '../support/webhookReceiver.js';

/**
 * Who may reach what, over real HTTP on the real server: every staff page and form (sign-in's own pages
 * aside) against every kind of visitor. A worker, an agency admin and the partnership of one agency's side;
 * a worker and an admin of another agency; someone signed out; a session left idle past its timeout.
 * Forms are also tried without the session's CSRF token and with another session's.
 */
const HOUSING = 'cambridge-housing-options';
/** Another agency, which takes no webhooks (so it has no rotation page of its own). */
const OTHER = 'adult-mental-health';

// Setting up each account hashes a password (memory-hard): several of them on a busy machine take a while.
jest.setTimeout(120_000);

let now = new Date('2026-12-01T09:00:00Z');
// A directory where the housing team takes webhooks, so its rotation page exists.
const agenciesPath = await directoryWithWebhook(await mkdtemp(join(tmpdir(), 'one-story-matrix-')), HOUSING, 'http://127.0.0.1:9/hooks');
const server = useOneStoryServer({
  clock: () => now,
  staffPasswordHashing: TEST_PASSWORD_HASHING,
  env: { AGENCIES_PATH: agenciesPath, AGENCY_WEBHOOK_SECRETS: JSON.stringify({ [HOUSING]: `whsec_${Buffer.alloc(32, 7).toString('base64')}` }) },
});

type Actor = 'worker' | 'admin' | 'partnership' | 'otherWorker' | 'otherAdmin' | 'signedOut' | 'idle';
const ACTORS: readonly Actor[] = ['worker', 'admin', 'partnership', 'otherWorker', 'otherAdmin', 'signedOut', 'idle'];
type Session = { cookie: string; csrf: string; staffId: string };
const sessions = new Map<Actor, Session>();
const ids = { handoff: '', staff: '', key: '' };

/** What each visitor gets: a page (200), the sign-in page (303), not theirs to reach (403), or nothing there for them (404). */
type Expected = Record<Actor, 200 | 303 | 401 | 403 | 404>;
const SIGNED_OUT = { signedOut: 303, idle: 303 } as const;
/** The agency's own pages (its inbox and handoffs): its staff; another agency's staff find nothing of it. */
const INBOX_OF_HOUSING: Expected = { worker: 200, admin: 200, partnership: 403, otherWorker: 404, otherAdmin: 404, ...SIGNED_OUT };
/** Pages every agency's staff have their own of (the list): another agency's staff see theirs. */
const ANY_INBOX: Expected = { worker: 200, admin: 200, partnership: 403, otherWorker: 200, otherAdmin: 200, ...SIGNED_OUT };
/** Admin pages about the housing team's own staff or keys. */
const ADMIN_OF_HOUSING: Expected = { worker: 403, admin: 200, partnership: 403, otherWorker: 403, otherAdmin: 404, ...SIGNED_OUT };
/** Admin pages every agency's admin has their own of. */
const ANY_ADMIN: Expected = { worker: 403, admin: 200, partnership: 403, otherWorker: 403, otherAdmin: 200, ...SIGNED_OUT };
const OUTCOMES: Expected = { worker: 403, admin: 403, partnership: 200, otherWorker: 403, otherAdmin: 403, ...SIGNED_OUT };
/** The outcomes API answers a client with a status, not a sign-in page: 401 signed out, 403 without the role. */
const OUTCOMES_API: Expected = { ...OUTCOMES, signedOut: 401, idle: 401 } as Expected;
/** The webhook rotation page exists only for an agency that takes webhooks: the other agency's admin finds none. */
const ROTATION_OF_HOUSING: Expected = { ...ADMIN_OF_HOUSING };
const ACCOUNT: Expected = { worker: 200, admin: 200, partnership: 200, otherWorker: 200, otherAdmin: 200, ...SIGNED_OUT };

const PAGES: Array<[string, Expected]> = [
  ['/inbox', ANY_INBOX],
  ['/inbox?status=accepted', ANY_INBOX],
  ['/inbox/handoffs/:handoff', INBOX_OF_HOUSING],
  ['/inbox/handoffs/:handoff/print', INBOX_OF_HOUSING],
  ['/inbox/handoffs/:handoff/reply/accepted', INBOX_OF_HOUSING],
  ['/inbox/account', ACCOUNT],
  ['/inbox/admin/staff', ANY_ADMIN],
  ['/inbox/admin/staff/invite', ANY_ADMIN],
  ['/inbox/admin/staff/:staff/role', ADMIN_OF_HOUSING],
  ['/inbox/admin/staff/:staff/remove', ADMIN_OF_HOUSING],
  ['/inbox/admin/keys', ANY_ADMIN],
  ['/inbox/admin/keys/:key/revoke', ADMIN_OF_HOUSING],
  ['/inbox/admin/webhook', ANY_ADMIN],
  ['/inbox/admin/webhook/rotate', ROTATION_OF_HOUSING],
  ['/outcomes', OUTCOMES],
  ['/api/partnership/outcomes', OUTCOMES_API],
  ['/api/partnership/outcomes?format=csv', OUTCOMES_API],
];

/** Forms that change something, with fields that would pass if the visitor were allowed (never sent allowed here). */
const FORMS: Array<[string, Record<string, string>, 'inbox.respond' | 'agency.manage']> = [
  ['/inbox/handoffs/:handoff/reply/accepted', { message: 'We can help. We will call you this week.' }, 'inbox.respond'],
  ['/inbox/admin/staff/invite', { email: 'new.colleague@example.org', role: 'worker' }, 'agency.manage'],
  ['/inbox/admin/staff/:staff/role', { role: 'agency-admin' }, 'agency.manage'],
  ['/inbox/admin/staff/:staff/remove', {}, 'agency.manage'],
  ['/inbox/admin/staff/:staff/new-link', {}, 'agency.manage'],
  ['/inbox/admin/keys', {}, 'agency.manage'],
  ['/inbox/admin/keys/:key/revoke', {}, 'agency.manage'],
  ['/inbox/admin/webhook/rotate', {}, 'agency.manage'],
];

const fill = (path: string) => path.replace(':handoff', ids.handoff).replace(':staff', ids.staff).replace(':key', ids.key);
const headersFor = (actor: Actor): Record<string, string> => (sessions.has(actor) ? { cookie: sessions.get(actor)!.cookie } : {});

describe('the authorisation matrix', () => {
  beforeAll(async () => {
    const app = server.running.app;
    sessions.set('worker', await signedInAs(app, { agencyId: HOUSING, role: 'worker' }));
    sessions.set('admin', await signedInAs(app, { agencyId: HOUSING, role: 'agency-admin' }));
    sessions.set('partnership', await signedInAs(app, { agencyId: null, role: 'partnership' }));
    sessions.set('otherWorker', await signedInAs(app, { agencyId: OTHER, role: 'worker' }));
    sessions.set('otherAdmin', await signedInAs(app, { agencyId: OTHER, role: 'agency-admin' }));
    // A session started 31 minutes ago and not used since (STAFF_IDLE_MINUTES is 30).
    const idleStaff = await signedInAs(app, { agencyId: HOUSING, role: 'agency-admin' });
    const started = now;
    now = new Date(started.getTime() + 31 * 60_000);
    for (const actor of ['worker', 'admin', 'partnership', 'otherWorker', 'otherAdmin'] as const) {
      // The others are used again now, which keeps them live: a fresh session each, for the same accounts.
      const { token, session } = await app.staff.sessions.start(sessions.get(actor)!.staffId, 'password-totp');
      sessions.set(actor, { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken, staffId: session.staffId });
    }
    sessions.set('idle', idleStaff);

    ids.staff = sessions.get('worker')!.staffId;
    ids.handoff = (await shareSampleStory(app, { personId: 'matrix-person', agencyId: HOUSING, parts: ['housing'] })).handoffId;
    ids.key = (await app.agencyKeys.create(HOUSING)).keyId;
  });

  const pageCases = PAGES.flatMap(([path, expected]) => ACTORS.map((actor) => [path, actor, expected[actor]] as const));
  it.each(pageCases)('GET %s as %s → %i', async (path, actor, status) => {
    const response = await fetch(`${server.running.baseUrl}${fill(path)}`, { headers: headersFor(actor), redirect: 'manual' });
    expect(response.status).toBe(status);
    if (status === 303) expect(response.headers.get('location')).toMatch(/^\/inbox\/sign-in/);
    if (path.startsWith('/api/') && status !== 200) expect(await response.clone().json()).toMatchObject({ code: status === 401 ? 'unauthorized' : 'forbidden' });
    // Whatever the answer, nothing of the handoff leaks to someone who may not see it.
    if (status !== 200) expect(await response.text()).not.toContain('matrix-person');
  });

  /** Signed in with a role that may not do this (another agency's admin is refused by a 404 on a resource, covered above). */
  const denied = (permission: 'inbox.respond' | 'agency.manage', actor: Actor): boolean =>
    permission === 'inbox.respond' ? actor === 'partnership' : ['worker', 'partnership', 'otherWorker'].includes(actor);
  const formCases = FORMS.flatMap(([path, fields, permission]) =>
    (['worker', 'admin', 'partnership', 'otherWorker', 'otherAdmin', 'signedOut', 'idle'] as const).map((actor) => [path, actor, fields, permission] as const),
  );

  it.each(formCases)('POST %s as %s without the CSRF token is refused and changes nothing', async (path, actor, fields) => {
    const response = await post(fill(path), actor, fields);
    expect([303, 403]).toContain(response.status);
    if (response.status === 303) expect(['signedOut', 'idle']).toContain(actor);
  });

  it.each(formCases)("POST %s as %s with another session's CSRF token is refused", async (path, actor, fields) => {
    const others = sessions.get(actor === 'admin' ? 'worker' : 'admin')!;
    const response = await post(fill(path), actor, { ...fields, csrf: others.csrf });
    expect(response.status).toBe(['signedOut', 'idle'].includes(actor) ? 303 : 403);
  });

  const refusedCases = formCases.filter(([, actor, , permission]) => denied(permission, actor));
  it.each(refusedCases)('POST %s as %s with its own token is refused: the role may not', async (path, actor, fields) => {
    const response = await post(fill(path), actor, { ...fields, csrf: sessions.get(actor)!.csrf });
    expect(response.status).toBe(403);
  });

  it('left everything as it was: the worker is still a worker, the key still works, the handoff still unanswered', async () => {
    const app = server.running.app;
    expect(await app.staff.accounts.get(ids.staff)).toMatchObject({ role: 'worker', status: 'active' });
    expect((await app.agencyKeys.list(HOUSING)).find((key) => key.keyId === ids.key)?.revokedAt).toBeNull();
    expect((await app.staff.accounts.list(HOUSING)).map((staff) => staff.email)).not.toContain('new.colleague@example.org');
    const listing = await app.agencySharing.listForAgency(HOUSING, { page: 1, pageSize: 20 });
    // Reading it marked it delivered; nobody could answer it.
    expect(listing.items.find((item) => item.handoffId === ids.handoff)?.status).toBe('delivered');
  });
});

function post(path: string, actor: Actor, fields: Record<string, string>) {
  return fetch(`${server.running.baseUrl}${path}`, {
    method: 'POST',
    headers: { ...headersFor(actor), 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}
