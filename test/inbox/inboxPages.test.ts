import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_LOG_FILE, readLines } from '../../data/audit/auditLog.js';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';
import { verifyAuditChain } from '../../domain/audit/auditChain.js';
import { loadTranslations } from '../../bot/i18n.js';
import { MAX_MESSAGE_TO_PERSON } from '../../bot/agencyApi/agencyRoutes.js';
import { INBOX_PAGE_SIZE } from '../../bot/inbox/inboxPages.js';
import { useOneStoryServer } from '../support/httpHarness.js';
import { shareWhereIStay, tellOfSleepingRough } from '../support/chatJourneys.js';
import { shareSampleStory } from '../support/sharingFixtures.js';
import { TEST_PASSWORD_HASHING, signedInAs } from '../support/staffSession.js';
import { SESSION_COOKIE } from '../../bot/inbox/staffAccess.js';
import type { TFunction } from 'i18next';

/**
 * The inbox as an agency worker uses it, over HTTP to the real server: signed in through the real staff
 * sessions, handoffs shared through the real sharing use cases, time moved with the injected clock.
 */

// Housing Options (Cambridge) expects a first reply within 2 working days; the Food Bank Network reads Polish here.
const HOUSING = 'cambridge-housing-options';
const PETERBOROUGH = 'peterborough-housing-needs';
const PETERBOROUGH_NAME = 'Housing Needs (Peterborough)';
const NAVIGATORS = 'changing-futures-navigators';
const POLISH = 'food-bank-network';
const PAGED = 'drug-alcohol-service';

const folder = mkdtempSync(join(tmpdir(), 'one-story-inbox-'));
const directory = JSON.parse(readFileSync(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; language?: string }> };
directory.agencies.find((agency) => agency.id === POLISH)!.language = 'pl';
writeFileSync(join(folder, 'agencies.json'), JSON.stringify(directory));

// Tuesday 1 December 2026, 09:00 UTC; tests move it forward only.
let now = new Date('2026-12-01T09:00:00Z');
const server = useOneStoryServer({ clock: () => now, env: { AGENCIES_PATH: join(folder, 'agencies.json') }, staffPasswordHashing: TEST_PASSWORD_HASHING });

// Setting up a staff account hashes a password (scrypt, memory-hard) and some tests share dozens of
// handoffs: on a busy 2-core machine that can take longer than the default 30 s.
jest.setTimeout(120_000);

let en: TFunction;
let pl: TFunction;
beforeAll(async () => {
  const translations = await loadTranslations();
  en = translations.forLocale('en');
  pl = translations.forLocale('pl');
  // One worker account per agency, made before the tests (see `worker`).
  for (const agencyId of [HOUSING, PETERBOROUGH, POLISH, PAGED]) await worker(agencyId);
}, 300_000);

type Session = { cookie: string; csrf: string; staffId: string };
const workers = new Map<string, { session: Session; at: number }>();
/**
 * A worker of an agency with a session live now: one account per agency (setting one up hashes a password),
 * and a new session once the clock has moved on (sessions end after 30 idle minutes).
 */
async function worker(agencyId: string): Promise<Session> {
  const known = workers.get(agencyId);
  if (known && now.getTime() === known.at) return known.session;
  let session: Session;
  if (known) {
    const started = await server.running.app.staff.sessions.start(known.session.staffId, 'password-totp');
    session = { cookie: `${SESSION_COOKIE}=${started.token}`, csrf: started.session.csrfToken, staffId: known.session.staffId };
  } else {
    session = await signedInAs(server.running.app, { agencyId, role: 'worker' });
  }
  workers.set(agencyId, { session, at: now.getTime() });
  return session;
}

const get = (path: string, session?: Session) =>
  fetch(`${server.running.baseUrl}${path}`, { headers: session ? { cookie: session.cookie } : {}, redirect: 'manual' });
const post = (path: string, session: Session, fields: Record<string, string>) =>
  fetch(`${server.running.baseUrl}${path}`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
const html = async (path: string, session: Session): Promise<string> => {
  const response = await get(path, session);
  expect(response.status).toBe(200);
  return response.text();
};

let people = 0;
async function share(agencyId: string, parts: string[], heldBack: Array<{ topicId: string; questionId: string }> = []) {
  const personId = `inbox-person-${++people}`;
  const shared = await shareSampleStory(server.running.app, { personId, agencyId, parts, heldBack });
  return { ...shared, personId };
}

/** The references listed, in order, each with its row's text. */
function rows(page: string): Array<{ reference: string; text: string }> {
  return [...page.matchAll(/<tr class="govuk-table__row" data-reference="([^"]+)">([\s\S]*?)<\/tr>/g)].map((match) => ({
    reference: match[1],
    text: match[2].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim(),
  }));
}

const decode = (text: string) => text.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('the list', () => {
  it('shows only the agency’s own handoffs, newest first, filtered by status and found by reference', async () => {
    const first = await share(HOUSING, ['housing']);
    now = new Date(now.getTime() + 60_000);
    const second = await share(HOUSING, ['housing', 'what-helps']);
    const elsewhere = await share(NAVIGATORS, ['housing']);
    now = new Date(now.getTime() + 60_000);
    const third = await share(HOUSING, ['housing']);
    const staff = await worker(HOUSING);

    const all = rows(await html('/inbox', staff)).map((row) => row.reference);
    expect(all.slice(0, 3)).toEqual([third.reference, second.reference, first.reference]);
    expect(all).not.toContain(elsewhere.reference);

    expect(await server.running.app.agencySharing.setStatusByAgency(HOUSING, second.handoffId, 'received', undefined)).toBeDefined();
    const received = rows(await html('/inbox?status=received', staff));
    expect(received.map((row) => row.reference)).toEqual([second.reference]);
    expect(received[0].text).toContain(en('inbox.statuses.received'));
    const fresh = rows(await html('/inbox?status=new', staff)).map((row) => row.reference);
    expect(fresh).toEqual(expect.arrayContaining([first.reference, third.reference]));
    expect(fresh).not.toContain(second.reference);

    // Typed as a person might: lower case, with spaces around it.
    const found = rows(await html(`/inbox?reference=${encodeURIComponent(`  ${third.reference.toLowerCase()} `)}`, staff));
    expect(found.map((row) => row.reference)).toEqual([third.reference]);
    const missing = await html(`/inbox?reference=${encodeURIComponent(elsewhere.reference)}`, staff);
    expect(rows(missing)).toEqual([]);
    expect(decode(missing)).toContain(en('inbox.list.noReference', { reference: elsewhere.reference }));
  });

  it('pages through the handoffs, the newest on the first page', async () => {
    const references: string[] = [];
    for (let index = 0; index < INBOX_PAGE_SIZE + 2; index++) {
      now = new Date(now.getTime() + 1_000);
      references.push((await share(PAGED, ['housing'])).reference);
    }
    const staff = await worker(PAGED);
    const first = await html('/inbox', staff);
    expect(rows(first).map((row) => row.reference)).toEqual(references.slice().reverse().slice(0, INBOX_PAGE_SIZE));
    expect(first).toContain('href="/inbox?page=2"');
    expect(decode(first)).toContain(en('inbox.list.showing', { from: 1, to: INBOX_PAGE_SIZE, total: INBOX_PAGE_SIZE + 2 }));
    const second = await html('/inbox?page=2', staff);
    expect(rows(second).map((row) => row.reference)).toEqual(references.slice(0, 2).reverse());
    expect(second).toContain('href="/inbox"');
  });

  it('flags a new handoff overdue only once the agency’s target has passed, with how long it has waited', async () => {
    // Shared on a Tuesday morning: 2 working days means by the end of Thursday.
    now = new Date('2026-12-08T09:00:00Z');
    const late = await share(HOUSING, ['housing']);
    const answered = await share(HOUSING, ['housing']);
    await server.running.app.agencySharing.setStatusByAgency(HOUSING, answered.handoffId, 'received', undefined);
    const rowOf = async (reference: string) => rows(await html('/inbox', await worker(HOUSING))).find((row) => row.reference === reference)!;

    now = new Date('2026-12-10T23:30:00Z');
    const onTime = await rowOf(late.reference);
    expect(onTime.text).not.toContain(en('inbox.response.overdue'));
    expect(onTime.text).toContain(en('inbox.response.waiting', { duration: '2 days' }));

    now = new Date('2026-12-11T00:30:00Z');
    const overdue = await rowOf(late.reference);
    expect(overdue.text).toContain(en('inbox.response.overdue'));
    expect(overdue.text).toContain(en('inbox.response.waiting', { duration: '2 days' }));
    expect((await rowOf(answered.reference)).text).not.toContain(en('inbox.response.overdue'));

    const staff = await worker(HOUSING);
    const onlyOverdue = rows(await html('/inbox?status=overdue', staff)).map((row) => row.reference);
    expect(onlyOverdue).toContain(late.reference);
    expect(onlyOverdue).not.toContain(answered.reference);
  });

  it('is in the agency’s own language', async () => {
    await share(POLISH, ['housing']);
    const page = await html('/inbox', await worker(POLISH));
    expect(page).toContain('<html lang="pl"');
    expect(decode(page)).toContain(pl('inbox.list.title'));
    expect(decode(page)).toContain(pl('inbox.statuses.sent'));
  });
});

describe('a handoff', () => {
  it('reads "what helps me" first, then language and communication, then the person’s words, and never hints at what was held back', async () => {
    // "How I'm feeling" is consented to but its only answer is held back: it must not appear at all.
    const shared = await share(
      HOUSING,
      ['housing', 'what-helps', 'about-me', 'mental-health'],
      [
        { topicId: 'about-me', questionId: 'contact-time' },
        { topicId: 'housing', questionId: 'worries' },
        { topicId: 'mental-health', questionId: 'how-feeling' },
      ],
    );
    const staff = await worker(HOUSING);
    const page = await html(`/inbox/handoffs/${shared.handoffId}`, staff);
    const sections = [...page.matchAll(/data-section="([^"]+)"/g)].map((match) => match[1]);
    expect(sections).toEqual(['part-what-helps', 'language-and-communication', 'person', 'part-housing']);
    const text = decode(page);
    expect(text).toContain('Please do not phone me without texting first');
    expect(text).toContain('Sofa surfing for 3 weeks');
    for (const heldBack of ['After 6pm', 'leave by Friday', 'Low most days', en('topics.mental-health.title'), en('topics.housing.questions.worries.text')]) {
      expect(text).not.toContain(heldBack);
    }
    expect(text.replace(/<[^>]+>/g, ' ')).not.toMatch(/held back|withheld|hidden|not shared with you/i);

    const print = await get(`/inbox/handoffs/${shared.handoffId}/print`, staff);
    expect(print.status).toBe(200);
    expect(print.headers.get('content-security-policy')).toContain("default-src 'none'");
    const printed = decode(await print.text());
    expect(printed).toContain(shared.reference);
    expect(printed).toContain('Sofa surfing for 3 weeks');
    for (const heldBack of ['After 6pm', 'leave by Friday', 'Low most days', en('topics.mental-health.title')]) expect(printed).not.toContain(heldBack);
  });

  it('audits every read with the staff member who read it', async () => {
    const shared = await share(HOUSING, ['housing']);
    const staff = await worker(HOUSING);
    await html(`/inbox/handoffs/${shared.handoffId}`, staff);
    await html('/inbox', staff);
    const lines = await readLines(join(server.running.dataDir, AUDIT_LOG_FILE));
    expect(verifyAuditChain(lines)).toMatchObject({ ok: true });
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ event: 'agency.read', agencyId: HOUSING, handoffId: shared.handoffId, staffId: staff.staffId }));
    expect(entries).toContainEqual(expect.objectContaining({ event: 'agency.listed', agencyId: HOUSING, staffId: staff.staffId }));
  });

  it('answers another agency’s handoff and an unknown id with the same 404 page', async () => {
    const theirs = await share(NAVIGATORS, ['housing']);
    const staff = await worker(HOUSING);
    const bodies: string[] = [];
    for (const id of [theirs.handoffId, '00000000-0000-4000-8000-000000000000', 'not-an-id']) {
      for (const path of [`/inbox/handoffs/${id}`, `/inbox/handoffs/${id}/print`, `/inbox/handoffs/${id}/reply/accepted`]) {
        const response = await get(path, staff);
        expect(response.status).toBe(404);
        bodies.push((await response.text()).replace(/nonce="[^"]*"/g, ''));
      }
    }
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).not.toContain(theirs.reference);
    const refused = await post(`/inbox/handoffs/${theirs.handoffId}/reply/accepted`, staff, { csrf: staff.csrf, message: 'Hello' });
    expect(refused.status).toBe(404);
    expect((await server.running.app.sharing.sharedWith(theirs.personId))[0].status).toBe('sent');
  });

  it('once withdrawn shows only its tombstone: reference, dates and statuses', async () => {
    const shared = await share(HOUSING, ['housing', 'what-helps']);
    const staff = await worker(HOUSING);
    await server.running.app.agencySharing.setStatusByAgency(HOUSING, shared.handoffId, 'received', 'We have it, Sam.');
    expect(await server.running.app.sharing.withdraw(shared.personId, HOUSING, 'webchat')).toBe(true);
    const text = decode(await html(`/inbox/handoffs/${shared.handoffId}`, staff));
    expect(text).toContain(shared.reference);
    expect(text).toContain(en('inbox.tombstone.reasons.withdrawn'));
    expect(text).toContain(en('inbox.events.received'));
    expect(text).toContain(en('inbox.events.withdrawn'));
    for (const content of ['Sofa surfing', 'Please do not phone', 'We have it, Sam.', en('topics.housing.title')]) expect(text).not.toContain(content);
    expect(text).not.toContain(`/inbox/handoffs/${shared.handoffId}/reply/`);
    // An answer sent after it closed changes nothing and lands on the tombstone.
    const late = await post(`/inbox/handoffs/${shared.handoffId}/reply/accepted`, staff, { csrf: staff.csrf, message: 'Come in on Monday' });
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toBe(`/inbox/handoffs/${shared.handoffId}`);
  });
});

describe('answering', () => {
  it('refuses a message that is too long, keeping every word typed', async () => {
    const shared = await share(HOUSING, ['housing']);
    const staff = await worker(HOUSING);
    const long = `Dear Sam, "we" can help & more.\r\n${'x'.repeat(MAX_MESSAGE_TO_PERSON)}`;
    const response = await post(`/inbox/handoffs/${shared.handoffId}/reply/accepted`, staff, { csrf: staff.csrf, message: long });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('govuk-error-summary');
    const typed = long.replace(/\r\n/g, '\n');
    expect(decode(page)).toContain(en('inbox.reply.errors.tooLong', { length: typed.length, max: MAX_MESSAGE_TO_PERSON }));
    const textarea = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(page)![1];
    expect(decode(textarea).trim()).toBe(typed);
    // Opening the form delivered it; nothing was said to the person.
    expect((await server.running.app.sharing.sharedWith(shared.personId))[0]).toMatchObject({ status: 'delivered' });
    expect((await server.running.app.sharing.sharedWith(shared.personId))[0].messageToPerson).toBeUndefined();
  });

  it('refuses a form without the session’s CSRF token, or posted from another site', async () => {
    const shared = await share(HOUSING, ['housing']);
    const staff = await worker(HOUSING);
    const path = `/inbox/handoffs/${shared.handoffId}/reply/received`;
    expect((await post(path, staff, { message: 'Thank you' })).status).toBe(403);
    const fromElsewhere = (headers: Record<string, string>) =>
      fetch(`${server.running.baseUrl}${path}`, {
        method: 'POST',
        headers: { cookie: staff.cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ csrf: staff.csrf, message: 'Thank you' }).toString(),
        redirect: 'manual',
      });
    expect((await fromElsewhere({ origin: 'https://attacker.example', 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await server.running.app.sharing.sharedWith(shared.personId))[0].status).toBe('sent');
    // A browser posting the page's own form: no referrer (the staff pages send none), so `Origin: null`.
    expect((await fromElsewhere({ origin: 'null', 'sec-fetch-site': 'same-origin' })).status).toBe(303);
    expect((await server.running.app.sharing.sharedWith(shared.personId))[0].status).toBe('received');
  });

  it('offers the templates in the agency’s language, and a chosen one fills the message', async () => {
    const shared = await share(HOUSING, ['housing']);
    const staff = await worker(HOUSING);
    const page = decode(await html(`/inbox/handoffs/${shared.handoffId}/reply/declined?template=notNow`, staff));
    expect(page).toContain(en('inbox.templates.declined.elsewhere'));
    const textarea = /<textarea[^>]*>([\s\S]*?)<\/textarea>/.exec(page)![1];
    expect(textarea.trim()).toBe(en('inbox.templates.declined.notNow'));
  });

  it('accepts with a message that the person then reads in the chat, audited with the staff member', async () => {
    const { t } = server;
    const person = server.person('inbox-conv', 'inbox-user');
    await tellOfSleepingRough(person, t);
    const reference = await shareWhereIStay(person, PETERBOROUGH_NAME);

    const staff = await worker(PETERBOROUGH);
    const list = await html(`/inbox?reference=${reference}`, staff);
    const handoffPath = /href="(\/inbox\/handoffs\/[0-9a-f-]+)"/.exec(list)![1];
    const handoff = decode(await html(handoffPath, staff));
    expect(handoff).toContain('I lost my tent');
    expect(handoff).toContain(`href="${handoffPath}/reply/accepted"`);

    const message = 'We can help, Jordan. Come to the hub at 10am tomorrow.';
    const answered = await post(`${handoffPath}/reply/accepted`, staff, { csrf: staff.csrf, message });
    expect(answered.status).toBe(303);
    const location = answered.headers.get('location')!;
    expect(location).toBe(`${handoffPath}?done=accepted`);
    const after = decode(await html(location, staff));
    expect(after).toContain(en('inbox.done.accepted'));
    expect(after).toContain(message);
    expect(after).not.toContain(`href="${handoffPath}/reply/accepted"`);

    const shared = (await person.say('what have I shared')).join('\n');
    expect(shared).toContain(t('shared.status.accepted'));
    expect(shared).toContain(message);

    const entries = (await readLines(join(server.running.dataDir, AUDIT_LOG_FILE))).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries).toContainEqual(expect.objectContaining({ event: 'agency.status-changed', agencyId: PETERBOROUGH, status: 'accepted', staffId: staff.staffId }));
  });
});
