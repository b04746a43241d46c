import { afterAll, beforeAll, describe, expect, it, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AUDIT_LOG_FILE, readLines } from '../../data/audit/auditLog.js';
import { loadTranslations } from '../../bot/i18n.js';
import { HANDOFF_SCHEMA_PATH } from '../../data/schema/handoffSchemaFile.js';
import { verifyAuditChain } from '../../domain/audit/auditChain.js';
import { HandoffSummarySchema, type HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { recordAnswer } from '../../domain/story.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { answer, sampleStory, shareSampleStory, wording } from '../support/sharingFixtures.js';

const HOUSING = 'cambridge-housing-options';
const NAVIGATORS = 'changing-futures-navigators';
// Error bodies: a stable code, and the message in locales/en/api.json (set in beforeAll).
let NOT_FOUND: { code: string; message: string };
let UNAUTHORIZED: { code: string; message: string };
/** Shared with only by the listing test, so its counts do not depend on which tests ran before it. */
const LISTED = 'peterborough-housing-needs';

let running: RunningOneStory;
let housingKey: string;
let navigatorsKey: string;
let revokedKey: string;
let handoffId: string;
let reference: string;

type Listing = { items: Array<{ handoffId: string; status: string; statusAt: string; statusHistory: Array<{ status: string; at: string; message?: string }> }> };

const url = (path: string) => `${running.baseUrl}${path}`;
const auth = (key: string | undefined): Record<string, string> => (key === undefined ? {} : { authorization: `Bearer ${key}` });
const get = (path: string, key?: string, headers: Record<string, string> = {}) => fetch(url(path), { headers: { ...auth(key), ...headers } });
const postJson = (path: string, key: string | undefined, body: unknown) =>
  fetch(url(path), { method: 'POST', headers: { ...auth(key), 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function share(personId: string, agencyId: string, parts: string[], heldBack: Array<{ topicId: string; questionId: string }> = []) {
  return shareSampleStory(running.app, { personId, agencyId, parts, heldBack, supportedBy: { name: 'Alex', organisation: 'Street Outreach' } });
}

beforeAll(async () => {
  const t = (await loadTranslations()).forLocale('en');
  NOT_FOUND = { code: 'not_found', message: t('api.agency.notFound') };
  UNAUTHORIZED = { code: 'unauthorized', message: t('api.agency.unauthorized') };
  running = await startOneStory();
  housingKey = (await running.app.agencyKeys.create(HOUSING)).key;
  navigatorsKey = (await running.app.agencyKeys.create(NAVIGATORS)).key;
  const revoked = await running.app.agencyKeys.create(HOUSING);
  await running.app.agencyKeys.revoke(revoked.keyId);
  revokedKey = revoked.key;
  ({ handoffId, reference } = await share('person-a', HOUSING, ['housing', 'what-helps', 'about-me'], [{ topicId: 'about-me', questionId: 'contact-time' }]));
});

afterAll(async () => {
  await running.app.close();
});

describe('agency API', () => {
  describe('GET /api/agency/handoffs/:id', () => {
    it('when the agency fetches its handoff with its key should get exactly what the person previewed', async () => {
      const response = await get(`/api/agency/handoffs/${handoffId}`, housingKey);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      const summary = HandoffSummarySchema.parse(await response.json());
      expect(summary).toMatchObject({ handoffId, reference, version: 1, firstHandoffId: handoffId, agency: { id: HOUSING } });
      expect(summary.parts.map((part) => part.topicId)).toEqual(['what-helps', 'housing']);
      expect(summary.person?.chosenName).toBe('Sam');
      expect(JSON.stringify(summary)).not.toContain('After 6pm');
      expect(summary.consent.supportedBy).toEqual({ name: 'Alex', organisation: 'Street Outreach' });
      expect(summary.parts[0].answers[0]).toMatchObject({ questionId: 'talk-how', question: (await loadTranslations()).forLocale('en')('topics.what-helps.questions.talk-how.text'), answer: 'Face to face', choiceId: 'face-to-face' });

      const preview = running.app.sharing.preview({
        story: sampleStory('person-a'),
        agencyId: HOUSING,
        parts: ['housing', 'what-helps', 'about-me'],
        heldBack: [{ topicId: 'about-me', questionId: 'contact-time' }],
      });
      const content = ({ person, parts }: HandoffSummary) => ({ person, parts });
      expect(content(summary)).toEqual(content(preview));
    });

    it('when asked for HTML should give a printable page with the person’s words escaped', async () => {
      const response = await get(`/api/agency/handoffs/${handoffId}`, housingKey, { accept: 'text/html,application/xhtml+xml' });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      const html = await response.text();
      expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).not.toContain('<script>');
      expect(html).toContain(reference);
      expect(html).not.toMatch(/agencyPage\./); // every label has copy in locales/en/agency.json
      expect(html).toContain('One Story handoff');
    });

    it('when the first fetch happens should show the person "delivered"', async () => {
      const fetched = await share('person-d', HOUSING, ['housing']);
      const statusSeen = async () => (await running.app.sharing.sharedWith('person-d')).find((shared) => shared.agencyId === HOUSING)?.status;
      expect(await statusSeen()).toBe('sent');
      expect((await get(`/api/agency/handoffs/${fetched.handoffId}`, housingKey)).status).toBe(200);
      expect(await statusSeen()).toBe('delivered');
    });
  });

  describe('GET /api/agency/handoffs', () => {
    it('should list only the caller’s own handoffs, newest first, paged and filtered', async () => {
      const listedKey = (await running.app.agencyKeys.create(LISTED)).key;
      const first = await share('person-b', LISTED, ['housing', 'what-helps']);
      const second = await share('person-c', LISTED, ['housing']);
      await share('person-c', NAVIGATORS, ['housing']);
      expect((await get(`/api/agency/handoffs/${first.handoffId}`, listedKey)).status).toBe(200); // now "delivered"
      const response = await get('/api/agency/handoffs?pageSize=1', listedKey);
      expect(response.status).toBe(200);
      const page = (await response.json()) as { items: Array<{ handoffId: string; status: string }>; total: number; page: number };
      expect(page.total).toBe(2);
      expect(page.items.map((item) => item.handoffId)).toEqual([second.handoffId]);
      const page2 = (await (await get('/api/agency/handoffs?pageSize=1&page=2', listedKey)).json()) as typeof page;
      expect(page2.items.map((item) => item.handoffId)).toEqual([first.handoffId]);
      const sent = (await (await get('/api/agency/handoffs?status=sent', listedKey)).json()) as typeof page;
      expect(sent.items.map((item) => item.handoffId)).toEqual([second.handoffId]);
      expect(JSON.stringify(sent)).not.toMatch(/Sofa|Sam/); // listings carry ids and topic ids only
    });

    test.each([
      ['an unknown status', '?status=lost'],
      ['a page of zero', '?page=0'],
      ['a page size too large', '?pageSize=1000'],
      ['a repeated parameter', '?page=1&page=2'],
      ['an unknown parameter', '?include=everything'],
    ])('when given %s should answer 400 invalid_query', async (_name, query) => {
      const response = await get(`/api/agency/handoffs${query}`, housingKey);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual(expect.objectContaining({ code: 'invalid_query' }));
    });
  });

  describe('POST /api/agency/handoffs/:id/status', () => {
    it('should record the status and show the person the agency’s message', async () => {
      const response = await postJson(`/api/agency/handoffs/${handoffId}/status`, housingKey, { status: 'accepted', message: 'Sam, we can see you Tuesday at 2pm.' });
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ handoffId, status: 'accepted' });
      const [entry] = (await running.app.sharing.sharedWith('person-a')).filter((shared) => shared.agencyId === HOUSING);
      expect(entry).toMatchObject({ status: 'accepted', messageToPerson: 'Sam, we can see you Tuesday at 2pm.', reference });
    });

    test.each([
      ['an unknown status', { status: 'lost' }],
      ['no status', { message: 'hello' }],
      ['a message too long', { status: 'received', message: 'x'.repeat(501) }],
      ['an empty message', { status: 'received', message: '   ' }],
      ['control characters', { status: 'received', message: 'hi\u0007' }],
      ['an unknown field', { status: 'received', extra: true }],
      ['an array', [{ status: 'received' }]],
      ['a number', 42],
    ])('when given %s should answer 400 invalid_body', async (_name, body) => {
      const response = await postJson(`/api/agency/handoffs/${handoffId}/status`, housingKey, body);
      expect(response.status).toBe(400);
      const refusal = (await response.json()) as { code: string; message: string };
      expect(refusal.code).toBe('invalid_body');
      // The message tells what a valid body is: every status an agency may set, and the longest message.
      for (const part of ['"received"', '"accepted"', '"declined"', '500']) expect(refusal.message).toContain(part);
    });

    it('when the body is not JSON should answer 400 invalid_json without echoing it', async () => {
      const response = await postJson(`/api/agency/handoffs/${handoffId}/status`, housingKey, '{"status": "rec');
      expect(response.status).toBe(400);
      const body = (await response.json()) as { code: string; message: string };
      expect(body.code).toBe('invalid_json');
      expect(JSON.stringify(body)).not.toContain('rec');
    });
  });

  describe('authorisation matrix', () => {
    const endpoints = [
      ['list', 'GET /api/agency/handoffs'],
      ['read', 'GET /api/agency/handoffs/:id'],
      ['status', 'POST /api/agency/handoffs/:id/status'],
    ] as const;
    const callers = [
      ['no key', () => undefined, 401],
      ['a malformed key', () => 'not-a-key', 401],
      ['a well-formed unknown key', () => `osk_0123456789abcdef.${'A'.repeat(43)}`, 401],
      ['a right key id with a wrong secret', () => housingKey.replace(/\.(.)/, (_m, c: string) => `.${c === 'A' ? 'B' : 'A'}`), 401],
      ['a revoked key', () => revokedKey, 401],
      ['another agency’s key', () => navigatorsKey, 404],
      ['the right agency’s key', () => housingKey, 200],
    ] as const;
    const cases = endpoints.flatMap(([endpoint, label]) => callers.map(([who, key, status]) => [label, who, endpoint, key, status] as const));

    test.each(cases)('%s with %s', async (_label, _who, endpoint, key, expected) => {
      const presented = key();
      let response: Response;
      if (endpoint === 'list') response = await get('/api/agency/handoffs', presented);
      else if (endpoint === 'read') response = await get(`/api/agency/handoffs/${handoffId}`, presented);
      else response = await postJson(`/api/agency/handoffs/${handoffId}/status`, presented, { status: 'received' });
      const body = (await response.json()) as { items?: Array<{ handoffId: string }> };
      // Listing with another agency's key is allowed, but shows that agency's own handoffs only.
      const status = endpoint === 'list' && expected === 404 ? 200 : expected;
      expect(response.status).toBe(status);
      if (status === 401) {
        expect(body).toEqual(UNAUTHORIZED);
        expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
      if (status === 404) expect(body).toEqual(NOT_FOUND);
      if (endpoint === 'list' && status === 200) {
        const own = presented === housingKey;
        expect(body.items!.some((item) => item.handoffId === handoffId)).toBe(own);
      }
    });

    it('a key in another scheme is not accepted', async () => {
      const response = await fetch(url('/api/agency/handoffs'), { headers: { authorization: `Basic ${housingKey}` } });
      expect(response.status).toBe(401);
    });
  });

  describe('what gives nothing away', () => {
    it('an unknown id, another agency’s and a withdrawn handoff all answer the same 404', async () => {
      const withdrawnOne = await share('person-w', HOUSING, ['housing']);
      await running.app.sharing.withdraw('person-w', HOUSING, 'webchat');
      const answers = await Promise.all([
        get('/api/agency/handoffs/00000000-0000-4000-8000-000000000000', housingKey),
        get(`/api/agency/handoffs/${handoffId}`, navigatorsKey),
        get(`/api/agency/handoffs/${withdrawnOne.handoffId}`, housingKey),
        get('/api/agency/handoffs/..%2F..%2Fetc%2Fpasswd', housingKey),
      ]);
      const bodies = await Promise.all(answers.map((response) => response.text()));
      expect(answers.map((response) => response.status)).toEqual([404, 404, 404, 404]);
      expect(new Set(bodies).size).toBe(1);
      expect(JSON.parse(bodies[0])).toEqual(NOT_FOUND);
    });

    test.each([
      ['GET', '/api/agency/handoffs/%00'],
      ['GET', '/api/agency/handoffs/<5000 digits>'],
      ['GET', '/api/agency/handoffs/%F0%9F%98%9F'],
      ['GET', '/api/agency/handoffs?status[]=sent'],
      ['GET', '/api/agency/handoffs?page=1e309'],
      ['GET', '/api/agency/handoffs/x/status'],
      ['POST', '/api/agency/handoffs'],
      ['POST', '/api/agency/handoffs/00000000-0000-4000-8000-000000000000/status'],
      ['DELETE', '/api/agency/handoffs/00000000-0000-4000-8000-000000000000'],
    ])('%s %s never answers 5xx', async (method, path) => {
      const response = await fetch(url(path.replace('<5000 digits>', '9'.repeat(5000))), {
        method,
        headers: { ...auth(housingKey), 'content-type': 'application/json' },
        body: method === 'POST' ? '{"status":"received"}' : undefined,
      });
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      const body = (await response.json()) as { code: string };
      expect(typeof body.code).toBe('string');
    });
  });

  describe('withdrawal', () => {
    it('stops serving at once, and the person sees it withdrawn', async () => {
      const shared = await share('person-x', NAVIGATORS, ['what-helps', 'housing']);
      expect((await get(`/api/agency/handoffs/${shared.handoffId}`, navigatorsKey)).status).toBe(200);
      expect(await running.app.sharing.withdraw('person-x', NAVIGATORS, 'webchat')).toBe(true);
      const after = await get(`/api/agency/handoffs/${shared.handoffId}`, navigatorsKey);
      expect(after.status).toBe(404);
      expect(await after.json()).toEqual(NOT_FOUND);
      expect((await postJson(`/api/agency/handoffs/${shared.handoffId}/status`, navigatorsKey, { status: 'accepted' })).status).toBe(404);
      const list = (await (await get('/api/agency/handoffs?status=withdrawn', navigatorsKey)).json()) as Listing;
      expect(list.items.map((item) => item.handoffId)).toContain(shared.handoffId);
      // The withdrawal is when it reached its status, and the history says what came before.
      const item = list.items.find((candidate) => candidate.handoffId === shared.handoffId)!;
      expect(item.statusHistory.map((event) => event.status)).toEqual(['sent', 'delivered', 'withdrawn']);
      expect(item.statusAt).toBe(item.statusHistory[2].at);
      const [entry] = await running.app.sharing.sharedWith('person-x');
      expect(entry).toMatchObject({ status: 'withdrawn', live: false });
      expect(await running.app.sharing.withdraw('person-x', NAVIGATORS, 'webchat')).toBe(false);
    });
  });

  describe('status history', () => {
    const SERVICE = 'drug-alcohol-service';

    it('comes with the handoff (with the service’s own messages) and in the listing (without them)', async () => {
      const key = (await running.app.agencyKeys.create(SERVICE)).key;
      const shared = await share('person-h', SERVICE, ['drugs-alcohol']);
      expect((await postJson(`/api/agency/handoffs/${shared.handoffId}/status`, key, { status: 'received' })).status).toBe(200);
      const answered = await postJson(`/api/agency/handoffs/${shared.handoffId}/status`, key, { status: 'accepted', message: 'Sam, come to the Thursday drop-in.' });
      const { statusAt } = (await answered.json()) as { statusAt: string };

      const read = HandoffSummarySchema.parse(await (await get(`/api/agency/handoffs/${shared.handoffId}`, key)).json());
      expect(read).toMatchObject({ status: 'accepted', statusAt });
      expect(read.statusHistory!.map(({ status, message }) => ({ status, message }))).toEqual([
        { status: 'sent', message: undefined },
        { status: 'received', message: undefined },
        { status: 'accepted', message: 'Sam, come to the Thursday drop-in.' },
      ]);
      expect(read.statusHistory!.at(-1)!.at).toBe(statusAt);

      const listing = (await (await get('/api/agency/handoffs', key)).json()) as Listing;
      const item = listing.items.find((candidate) => candidate.handoffId === shared.handoffId)!;
      expect(item).toMatchObject({ status: 'accepted', statusAt });
      expect(item.statusHistory.map((event) => event.status)).toEqual(['sent', 'received', 'accepted']);
      expect(JSON.stringify(listing)).not.toContain('drop-in');
    });

    it('an update ends the earlier version "replaced", when it was replaced, and starts its own history', async () => {
      const key = (await running.app.agencyKeys.create(SERVICE)).key;
      const first = await share('person-r', SERVICE, ['drugs-alcohol']);
      await postJson(`/api/agency/handoffs/${first.handoffId}/status`, key, { status: 'accepted' });
      const changed = recordAnswer(sampleStory('person-r'), answer('drugs-alcohol', 'use-now', 'Cutting down'));
      const update = await running.app.sharing.sendUpdate({ story: changed, agencyId: SERVICE, wording, channel: 'webchat', supportedBy: null });
      const listing = (await (await get('/api/agency/handoffs', key)).json()) as Listing;
      const old = listing.items.find((item) => item.handoffId === first.handoffId)!;
      expect(old.status).toBe('replaced');
      expect(old.statusHistory.map((event) => event.status)).toEqual(['sent', 'accepted', 'replaced']);
      expect(old.statusAt).toBe(old.statusHistory[2].at);
      const read = HandoffSummarySchema.parse(await (await get(`/api/agency/handoffs/${update.handoffId}`, key)).json());
      expect(read.statusHistory!.map((event) => event.status)).toEqual(['sent', 'delivered']);
      // The person still sees what the service said to the version it answered.
      const [entry] = (await running.app.sharing.sharedWith('person-r')).filter((shared) => shared.agencyId === SERVICE);
      expect(entry).toMatchObject({ version: 2, lastReply: { status: 'accepted', version: 1 } });
    });

    it('is described in the JSON Schema', async () => {
      const schema = (await (await fetch(url('/api/schema/handoff.json'))).json()) as { $defs: Record<string, { properties: Record<string, unknown> }> };
      expect(Object.keys(schema.$defs.HandoffSummary.properties)).toEqual(expect.arrayContaining(['status', 'statusAt', 'statusHistory']));
      expect(Object.keys(schema.$defs.HandoffStatusEvent.properties)).toEqual(['status', 'at', 'message']);
    });
  });

  describe('update once for everyone', () => {
    it('sends a new version linked to the first, to each agency holding the part, and retires the old one', async () => {
      const first = await share('person-u', HOUSING, ['housing']);
      await share('person-u', NAVIGATORS, ['what-helps']);
      expect(await running.app.sharing.agenciesHoldingParts('person-u', ['housing'])).toEqual([{ agencyId: HOUSING, agencyName: 'Housing Options (Cambridge)', parts: ['housing'] }]);
      const changed = recordAnswer(sampleStory('person-u'), answer('housing', 'how-long', 'Now in a night shelter'));
      const update = await running.app.sharing.sendUpdate({ story: changed, agencyId: HOUSING, wording, channel: 'sms', supportedBy: null });
      expect(update).toMatchObject({ reference: first.reference, version: 2 });
      const summary = (await (await get(`/api/agency/handoffs/${update.handoffId}`, housingKey)).json()) as HandoffSummary;
      expect(summary).toMatchObject({ version: 2, firstHandoffId: first.handoffId, previousHandoffId: first.handoffId, consent: { consentId: first.consentId } });
      expect(JSON.stringify(summary)).toContain('Now in a night shelter');
      expect(JSON.stringify(summary)).not.toContain('Sofa surfing');
      expect((await get(`/api/agency/handoffs/${first.handoffId}`, housingKey)).status).toBe(404);
      const shared = await running.app.sharing.sharedWith('person-u');
      expect(shared.find((entry) => entry.agencyId === HOUSING)).toMatchObject({ version: 2, status: 'delivered' }); // fetched just above
      await expect(running.app.sharing.sendUpdate({ story: changed, agencyId: 'food-bank-network', wording, channel: 'sms', supportedBy: null })).rejects.toThrow(/no-live-consent/);
    });
  });

  describe('delete my story', () => {
    it('withdraws everything, stops serving, and counts every agency that was sent anything', async () => {
      const toHousing = await share('person-e', HOUSING, ['housing']);
      const toNavigators = await share('person-e', NAVIGATORS, ['housing']);
      await running.app.sharing.withdraw('person-e', NAVIGATORS, 'webchat');
      expect(await running.app.sharing.eraseEverything('person-e', 'webchat')).toBe(2);
      expect((await get(`/api/agency/handoffs/${toHousing.handoffId}`, housingKey)).status).toBe(404);
      expect(await running.app.sharing.sharedWith('person-e')).toEqual([]);
      const list = (await (await get('/api/agency/handoffs?status=erasure-requested', housingKey)).json()) as { items: Array<{ handoffId: string }> };
      expect(list.items.map((item) => item.handoffId)).toEqual([toHousing.handoffId]);
      const navigators = (await (await get('/api/agency/handoffs?status=erasure-requested', navigatorsKey)).json()) as typeof list;
      expect(navigators.items.map((item) => item.handoffId)).toEqual([toNavigators.handoffId]);
    });
  });

  describe('schema and audit', () => {
    it('serves the handoff JSON Schema, the same as the copy kept in the repository', async () => {
      const response = await fetch(url('/api/schema/handoff.json'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(JSON.parse(await readFile(HANDOFF_SCHEMA_PATH, 'utf8')));
    });

    it('has audited every consent event and agency read in an unbroken chain, with no personal text', async () => {
      // Every audited kind of event happens here, whatever the other tests did before, with agencies no other
      // test lists.
      const [auditedAgency, otherAgency] = ['jobcentre-benefits-advice', 'food-bank-network'];
      const auditedKey = (await running.app.agencyKeys.create(auditedAgency)).key;
      const audited = await share('person-z', auditedAgency, ['housing']);
      await share('person-z', otherAgency, ['housing']);
      expect((await get(`/api/agency/handoffs/${audited.handoffId}`, auditedKey)).status).toBe(200);
      expect((await get('/api/agency/handoffs', auditedKey)).status).toBe(200);
      const statusChange = { status: 'received', message: 'Sam, see you Tuesday.' };
      expect((await postJson(`/api/agency/handoffs/${audited.handoffId}/status`, auditedKey, statusChange)).status).toBe(200);
      const changed = recordAnswer(sampleStory('person-z'), answer('housing', 'how-long', 'Now in a night shelter'));
      await running.app.sharing.sendUpdate({ story: changed, agencyId: auditedAgency, wording, channel: 'webchat', supportedBy: null });
      expect(await running.app.sharing.withdraw('person-z', otherAgency, 'webchat')).toBe(true);
      expect(await running.app.sharing.eraseEverything('person-z', 'webchat')).toBe(2);
      const lines = await readLines(join(running.dataDir, AUDIT_LOG_FILE));
      expect(verifyAuditChain(lines)).toMatchObject({ ok: true });
      const events = lines.map((line) => (JSON.parse(line) as { event: string }).event);
      for (const event of ['consent.granted', 'consent.withdrawn', 'consent.superseded', 'handoff.created', 'handoff.updated', 'handoff.withdrawn', 'agency.read', 'agency.listed', 'agency.status-changed', 'story.erasure-requested']) {
        if (event === 'consent.superseded') continue; // only when someone re-shares with the same agency
        expect(events).toContain(event);
      }
      expect(lines.join('\n')).not.toMatch(/Sam|Sofa|Alex|Street Outreach|Tuesday/);
    });
  });
});
