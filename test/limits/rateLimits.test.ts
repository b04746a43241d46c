import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useOneStoryServer } from '../support/httpHarness.js';
import { requestFrom } from '../support/fromAddress.js';
import { LocalDirectLineClient } from '../support/localDirectLineClient.js';
import { loadTranslations } from '../../bot/i18n.js';
import type { TFunction } from 'i18next';

/**
 * The rate limits as a visitor, a channel and an agency meet them: real HTTP to the real server. Each
 * block starts a server with small limits so that going over takes a few requests.
 */

let t: TFunction;
beforeAll(async () => {
  t = (await loadTranslations()).forLocale('en');
});

const HOUSING = 'cambridge-housing-options';

async function startConversation(baseUrl: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${baseUrl}/v3/directline/tokens/generate`, { method: 'POST', headers });
}

function expectTooMany(status: number, retryAfter: string | null | undefined, body: unknown, code: Record<string, unknown>): void {
  expect(status).toBe(429);
  expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  expect(body).toMatchObject(code);
}

describe('local Direct Line: starts per client address', () => {
  const server = useOneStoryServer({ env: { DIRECTLINE_STARTS_PER_ADDRESS: '5' } });

  it('refuses a flood from one address with 429 and Retry-After, while a visitor from another address gets a conversation', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await startConversation(server.running.baseUrl)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);

    const flood = await Promise.all(Array.from({ length: 200 }, () => startConversation(server.running.baseUrl)));
    expect(new Set(flood.map((response) => response.status))).toEqual(new Set([429]));
    const refused = flood[0];
    expectTooMany(refused.status, refused.headers.get('retry-after'), await refused.json(), { error: { code: 'TooManyRequests', message: t('api.directLine.tooManyStarts') } });
    // Starting without a token counts the same; a made-up X-Forwarded-For is not believed (no proxy is trusted).
    expect((await fetch(`${server.running.baseUrl}/v3/directline/conversations`, { method: 'POST' })).status).toBe(429);
    expect((await startConversation(server.running.baseUrl, { 'x-forwarded-for': '198.51.100.23' })).status).toBe(429);

    const visitor = await requestFrom('127.0.0.2', `${server.running.baseUrl}/v3/directline/conversations`, { body: { locale: 'en-GB' } });
    expect(visitor.status).toBe(201);
    const { conversationId, token } = visitor.body as { conversationId: string; token: string };
    const read = await fetch(`${server.running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const texts = ((await read.json()) as { activities: Partial<Activity>[] }).activities.map((activity) => activity.text);
    expect(texts).toContain((t('welcome.lines', { returnObjects: true }) as string[])[0]);
  });
});

describe('local Direct Line behind a trusted proxy (TRUST_PROXY=1)', () => {
  const server = useOneStoryServer({ env: { DIRECTLINE_STARTS_PER_ADDRESS: '3', TRUST_PROXY: '1' } });

  it('counts by the address the proxy saw: one client flooding is refused, another client through the same proxy gets in', async () => {
    const from = (client: string) => startConversation(server.running.baseUrl, { 'x-forwarded-for': client });
    // What the client itself put first in the header is not what counts: the proxy's entry, the last, is.
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await from(`10.0.0.${i}, 203.0.113.7`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    expect((await from('203.0.113.8')).status).toBe(200);
    // IPv6 clients count by their /64.
    const v6 = [];
    for (let i = 1; i <= 4; i++) v6.push((await from(`2001:db8:1:2::${i}`)).status);
    expect(v6).toEqual([200, 200, 200, 429]);
    expect((await from('2001:db8:1:3::1')).status).toBe(200);
  });
});

describe('local Direct Line: the cap on live conversations', () => {
  const server = useOneStoryServer({ env: { DIRECTLINE_MAX_CONVERSATIONS: '3' } });

  it('makes room for a new visitor by dropping the conversation idle the longest, instead of refusing', async () => {
    const first = await LocalDirectLineClient.start(server.running.baseUrl);
    const second = await LocalDirectLineClient.start(server.running.baseUrl);
    const third = await LocalDirectLineClient.start(server.running.baseUrl);
    // The first one's page is still polling; the second has gone quiet.
    await first.newActivities();
    await third.newActivities();

    const newcomer = await LocalDirectLineClient.start(server.running.baseUrl);
    expect((await newcomer.newActivities()).length).toBeGreaterThan(0);
    await expect(second.newActivities()).rejects.toThrow('404');
    await first.say('hello');
    await third.say('hello');
    expect(await server.running.app.localDirectLine!.conversations.count()).toBe(3);
  });
});

describe('messages per conversation', () => {
  const server = useOneStoryServer({ env: { MESSAGES_PER_CONVERSATION: '3' } });

  it('/api/messages (authentication off): a fourth message in the window is refused 429 with Retry-After, the conversation is told once to slow down; another conversation carries on', async () => {
    const busy = server.person('busy-conversation', 'busy-user');
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await busy.post({ text: 'hello' })).status);
    expect(statuses.every((status) => status < 300)).toBe(true);
    server.capture.take('busy-conversation');
    const refused = await busy.post({ text: 'hello again', locale: 'pt-PT' });
    expectTooMany(refused.status, refused.headers.get('retry-after'), await refused.json(), { code: 'too_many_requests', message: server.t('api.messages.tooManyRequests') });
    expect((await busy.post({ text: 'and again' })).status).toBe(429);
    const portuguese = (await loadTranslations()).forLocale('pt');
    expect(server.capture.take('busy-conversation').map((reply) => reply.text)).toEqual([portuguese('limits.slowDown')]);

    const calm = server.person('calm-conversation', 'calm-user');
    expect(await calm.say('hello')).not.toHaveLength(0);
  });

  it('local web chat: refused 429, and the person is told once, kindly, in their language, to slow down', async () => {
    const domain = `${server.running.baseUrl}/v3/directline`;
    const started = await fetch(`${domain}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ locale: 'pl-PL' }) });
    const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
    const post = (text: string) =>
      fetch(`${domain}/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ type: 'message', text }),
      });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await post(`message ${i}`)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    const refused = await post('one more');
    expectTooMany(refused.status, refused.headers.get('retry-after'), await refused.json(), { error: { code: 'TooManyRequests' } });

    const read = await fetch(`${domain}/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const texts = ((await read.json()) as { activities: Partial<Activity>[] }).activities.map((activity) => activity.text);
    const polish = (await loadTranslations()).forLocale('pl');
    expect(texts.filter((text) => text === polish('limits.slowDown'))).toHaveLength(1);
    // The refused messages never reached the bot.
    expect(texts).not.toContain('message 3');
  });
});

describe('agency API per key', () => {
  const server = useOneStoryServer({ env: { AGENCY_API_REQUESTS_PER_KEY: '3' } });

  it("refuses a key's requests over the limit with 429, Retry-After and a stable code; another key is not affected", async () => {
    const busy = (await server.running.app.agencyKeys.create(HOUSING)).key;
    const other = (await server.running.app.agencyKeys.create(HOUSING)).key;
    const list = (key: string) => fetch(`${server.running.baseUrl}/api/agency/handoffs`, { headers: { authorization: `Bearer ${key}` } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await list(busy)).status);
    expect(statuses).toEqual([200, 200, 200]);
    const refused = await list(busy);
    expectTooMany(refused.status, refused.headers.get('retry-after'), await refused.json(), { code: 'too_many_requests', message: t('api.agency.tooManyRequests') });
    expect((await list(other)).status).toBe(200);
    // A request without a valid key is still told 401, not 429: it never counts against a key.
    expect((await fetch(`${server.running.baseUrl}/api/agency/handoffs`, { headers: { authorization: 'Bearer osk_nope.nope' } })).status).toBe(401);
  });
});

/** A person on the web who asks for a code, and the code. */
async function codeFor(server: ReturnType<typeof useOneStoryServer>, name: string): Promise<string> {
  const person = server.person(`conversation-${name}`, `user-${name}`);
  await person.join();
  await person.say('No, just me');
  await person.say(name);
  const issued = t('resumeCode.issued', { code: '' });
  const replies = await person.say('another device');
  return replies.find((reply) => reply.startsWith(issued))!.slice(issued.length);
}

let freshIds = 0;
/** A code typed as the first message by a user the server has never seen. */
function tryAsNewUser(server: ReturnType<typeof useOneStoryServer>, code: string): Promise<string[]> {
  const id = `fresh-${++freshIds}`;
  return server.person(`conversation-${id}`, `user-${id}`).say(code);
}

async function refusalsAudited(dataDir: string): Promise<string[]> {
  const audit = await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8');
  return audit
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { event: string; status?: string })
    .filter((entry) => entry.event === 'resume-code.refused')
    .map((entry) => entry.status!);
}

describe('resume codes across all users', () => {
  const server = useOneStoryServer({ env: { RESUME_CODE_ATTEMPTS_ALL_USERS: '4', RESUME_CODE_BLOCK_SECONDS: '1' } });

  it('refuses guesses from ever new user ids once everyone\'s tries run out, even the right code, with the same words; after the block a code works', async () => {
    const code = await codeFor(server, 'Robin');
    const refused = await tryAsNewUser(server, 'apple river cloud lemon 100');
    expect(refused[0]).toBe(server.t('resumeCode.didNotWork'));
    for (let i = 1; i < 4; i++) expect(await tryAsNewUser(server, `apple river cloud lemon 10${i}`)).toEqual(refused);
    // Everyone's tries are used up: the right code, from yet another new user, is refused with the same replies.
    expect(await tryAsNewUser(server, code)).toEqual(refused);
    expect(await tryAsNewUser(server, code)).toEqual(refused);
    expect(await refusalsAudited(server.running.dataDir)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'rate-limited', 'rate-limited']);

    // The block ends (its length grows each time: see test/storage/rateLimits.test.ts), and the code links.
    // Instead of waiting the second out, the clock the limits read (`Date`) is moved past the block: jest's
    // fake Date, still ticking; the server's timers and sockets stay real.
    jest.useFakeTimers({ now: Date.now() + 1000, advanceTimers: true, doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      const linked = await waitUntilLinked(server, code);
      expect(linked).toContain(server.t('resumeCode.linked'));
    } finally {
      jest.useRealTimers();
    }
  });
});

/** Tries the code as new users until one links (each try during a block is refused, and does not lengthen it). */
async function waitUntilLinked(server: ReturnType<typeof useOneStoryServer>, code: string): Promise<string[]> {
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const replies = await tryAsNewUser(server, code);
    if (replies.includes(server.t('resumeCode.linked')) || Date.now() > giveUpAt) return replies;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a refused code always answers the same', () => {
  let now = new Date('2026-12-01T10:00:00Z');
  const server = useOneStoryServer({ env: { RESUME_CODE_DAYS: '1' }, clock: () => now });

  it('wrong, already used, expired, or too many tries: the same replies, word for word', async () => {
    const wrong = await tryAsNewUser(server, 'apple river cloud lemon 123');
    expect(wrong[0]).toBe(server.t('resumeCode.didNotWork'));

    const used = await codeFor(server, 'Sam');
    expect(await tryAsNewUser(server, used)).toContain(server.t('resumeCode.linked'));
    expect(await tryAsNewUser(server, used)).toEqual(wrong);

    const expired = await codeFor(server, 'Alex');
    now = new Date(now.getTime() + 2 * 24 * 60 * 60 * 1000);
    expect(await tryAsNewUser(server, expired)).toEqual(wrong);

    // One user's sixth try in the hour, with a code that works: refused as the fifth wrong one was.
    const fresh = await codeFor(server, 'Kim');
    const guesser = server.person('conversation-guesser', 'user-guesser');
    let fifth: string[] = [];
    for (let i = 0; i < 5; i++) fifth = await guesser.say(`apple river cloud lemon 20${i}`);
    expect(fifth[0]).toBe(server.t('resumeCode.didNotWork'));
    expect(await guesser.say(fresh)).toEqual(fifth);

    expect(await refusalsAudited(server.running.dataDir)).toEqual(['wrong', 'used', 'expired', 'wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'rate-limited']);
  });
});
