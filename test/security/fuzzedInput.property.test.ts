import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { useOneStoryServer } from '../support/httpHarness.js';
import { nestedJson } from '../bench/abuse.js';

/**
 * Fuzzing the real server over HTTP with fast-check: random activities to /api/messages, random Direct
 * Line bodies, random agency API bodies and queries, and random raw bytes as JSON. Whatever arrives, the
 * answer is never a 5xx and the request is never left unanswered; a Direct Line conversation sent anything
 * can still be read; and afterwards the server is healthy and a person can still talk to it. Run counts
 * are kept modest (a few hundred requests in all); a failure prints the seed that reproduces it.
 */

// Hundreds of requests from one address, faster than any person: the rate limits (tested on their own in
// test/limits/) would answer 429 before the input reached the limits this file is about.
const under = useOneStoryServer({ env: { DIRECTLINE_STARTS_PER_ADDRESS: '100000', MESSAGES_PER_CONVERSATION: '100000', AGENCY_API_REQUESTS_PER_KEY: '100000' } });
const base = () => under.running.baseUrl;

/** fast-check's own runs, small: each is a real HTTP request, some a real turn. */
const RUNS = { activities: 120, directLine: 100, agency: 80, raw: 80 };

async function send(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<number> {
  const response = await fetch(`${base()}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  return response.status;
}

/** Text as people and programs send it: any Unicode, control characters, nothing at all. */
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ unit: 'binary', maxLength: 50 }), fc.constant(''));
/** Any JSON value, sometimes deep. */
const anyJson = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_000 }).map((depth) => JSON.parse(nestedJson(depth)) as unknown) },
);
/** A field that is usually the right kind of thing and sometimes anything at all. */
const usually = <T>(right: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: right }, { weight: 1, arbitrary: anyJson });

describe('fuzzed input, over HTTP against the real server', () => {
  it('an activity to /api/messages never gets a 5xx', async () => {
    // A few conversations only, so random activities land in conversations with state, not only new ones.
    const conversation = fc.constantFrom('fuzz-a', 'fuzz-b', 'fuzz-c');
    const activity = fc.record(
      {
        type: usually(fc.constantFrom('message', 'message', 'conversationUpdate', 'event', 'invoke', 'typing', 'endOfConversation', 'messageReaction', 'installationUpdate', 'deleteUserData', 'handoff')),
        channelId: usually(fc.constantFrom('webchat', 'sms', 'msteams', 'directline', 'emulator', 'console')),
        // The fields every activity needs are rarely wrong, so most activities get past validation into a turn.
        conversation: fc.oneof({ weight: 9, arbitrary: conversation.map((id) => ({ id })) }, { weight: 1, arbitrary: anyJson }),
        from: fc.oneof({ weight: 9, arbitrary: conversation.map((id) => ({ id: `${id}-user`, name: 'Person' })) }, { weight: 1, arbitrary: anyJson }),
        recipient: fc.constant({ id: 'bot' }),
        text: usually(anyText),
        value: anyJson,
        locale: usually(fc.constantFrom('en-GB', 'pl', 'ar-SA', 'ur', 'xx-YY', '')),
        channelData: anyJson,
        entities: usually(fc.array(anyJson, { maxLength: 5 })),
        attachments: usually(fc.array(anyJson, { maxLength: 3 })),
        membersAdded: usually(fc.array(fc.record({ id: anyText }), { maxLength: 3 })),
        name: usually(anyText),
        deliveryMode: fc.constantFrom('expectReplies', 'normal', 'notification', 'trace'),
        replyToId: usually(anyText),
      },
      { requiredKeys: ['recipient', 'deliveryMode'] },
    );
    await fc.assert(
      fc.asyncProperty(activity, fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), async (fields, withServiceUrl) => {
        const body = { ...fields, ...(withServiceUrl ? { serviceUrl: under.capture.url } : {}) };
        expect(await send('POST', '/api/messages', JSON.stringify(body))).toBeLessThan(500);
      }),
      { numRuns: RUNS.activities },
    );
  }, 180_000);

  it('a Direct Line body never gets a 5xx, and never stops the conversation being read', async () => {
    const started = (await (await fetch(`${base()}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const auth = { authorization: `Bearer ${started.token}` };
    const activities = `/v3/directline/conversations/${started.conversationId}/activities`;
    const body = fc.record(
      {
        type: usually(fc.constantFrom('message', 'event', 'typing', 'conversationUpdate')),
        text: usually(anyText),
        textFormat: usually(fc.constantFrom('plain', 'markdown', 'xml')),
        value: anyJson,
        name: usually(anyText),
        locale: usually(fc.constantFrom('en-GB', 'pl', 'ar', '')),
        channelData: usually(fc.record({ clientActivityID: anyText })),
        attachments: usually(fc.array(anyJson, { maxLength: 2 })),
        from: anyJson,
        entities: anyJson,
      },
      { requiredKeys: [] },
    );
    const route = fc.constantFrom(activities, '/v3/directline/conversations', '/v3/directline/tokens/generate');
    await fc.assert(
      fc.asyncProperty(route, body, async (path, fields) => {
        expect(await send('POST', path, JSON.stringify(fields), path === activities ? auth : {})).toBeLessThan(500);
        expect(await send('GET', `${activities}?watermark=0`, undefined, auth)).toBe(200);
      }),
      { numRuns: RUNS.directLine },
    );
  }, 180_000);

  it('an agency API body or query never gets a 5xx', async () => {
    const key = (await under.running.app.agencyKeys.create('cambridge-housing-options')).key;
    const auth = fc.constantFrom({ authorization: `Bearer ${key}` }, {} as Record<string, string>, { authorization: 'Bearer osk_0.x' });
    const statusBody = fc.oneof(fc.record({ status: usually(fc.constantFrom('received', 'accepted', 'declined', 'closed')), message: usually(anyText) }, { requiredKeys: [] }), anyJson);
    const query = fc.dictionary(fc.constantFrom('status', 'page', 'pageSize', 'x', 'page[0]', 'status[a][b]'), fc.string({ maxLength: 30 }), { maxKeys: 4 });
    const handoffId = fc.oneof(fc.constant('no-such-handoff'), fc.string({ minLength: 1, maxLength: 80 }));
    await fc.assert(
      fc.asyncProperty(auth, statusBody, query, handoffId, async (headers, body, params, id) => {
        expect(await send('POST', `/api/agency/handoffs/${encodeURIComponent(id)}/status`, JSON.stringify(body), headers)).toBeLessThan(500);
        expect(await send('GET', `/api/agency/handoffs?${new URLSearchParams(params).toString()}`, undefined, headers)).toBeLessThan(500);
        expect(await send('GET', `/api/agency/handoffs/${encodeURIComponent(id)}`, undefined, { ...headers, accept: 'text/html' })).toBeLessThan(500);
      }),
      { numRuns: RUNS.agency },
    );
  }, 180_000);

  it('raw bytes sent as JSON to any route never get a 5xx', async () => {
    const started = (await (await fetch(`${base()}/v3/directline/conversations`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const routes = ['/api/messages', '/v3/directline/conversations', '/v3/directline/tokens/generate', `/v3/directline/conversations/${started.conversationId}/activities`, '/api/agency/handoffs/x/status'];
    const raw = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.json({ maxDepth: 5 }).map((json) => json.slice(0, Math.max(1, json.length - 1))),
      fc.json({ maxDepth: 5 }),
    );
    const contentType = fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/vnd.api+json', 'text/plain', 'application/x-www-form-urlencoded');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), raw, contentType, async (path, body, type) => {
        expect(await send('POST', path, body, { 'content-type': type, authorization: `Bearer ${started.token}` })).toBeLessThan(500);
      }),
      { numRuns: RUNS.raw },
    );
    expect(await send('GET', `/v3/directline/conversations/${started.conversationId}/activities`, undefined, { authorization: `Bearer ${started.token}` })).toBe(200);
  }, 180_000);

  it('afterwards, the server is healthy and a person can still talk to it', async () => {
    expect(await send('GET', '/healthz')).toBe(200);
    const person = under.person('fuzz-after', 'fuzz-after-user');
    const welcome = await person.join();
    expect(welcome.at(-1)).toBe(under.t('supporter.ask'));
    expect(await person.say('No, just me')).toContain(under.t('welcome.askName'));
  });
});
