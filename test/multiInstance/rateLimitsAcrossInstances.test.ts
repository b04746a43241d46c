import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import type { TFunction } from 'i18next';
import { loadTranslations } from '../../bot/i18n.js';
import { ChannelUser, ReplyCapture, startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { requestFrom } from '../support/fromAddress.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/**
 * Two instances of One Story on one PostgreSQL database, as behind a load balancer, driven over HTTP:
 * a limit counts the same whichever instance a request reaches.
 */
let database: TestDatabase;
let a: RunningOneStory;
let b: RunningOneStory;
let t: TFunction;
const capture = new ReplyCapture();

beforeAll(async () => {
  database = await freshDatabase();
  await capture.start();
  t = (await loadTranslations()).forLocale('en');
  const encryptionKey = randomBytes(32).toString('base64');
  const env = {
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '4',
    DIRECTLINE_STARTS_PER_ADDRESS: '4',
    AGENCY_API_REQUESTS_PER_KEY: '4',
    MESSAGES_PER_CONVERSATION: '4',
    RESUME_CODE_ATTEMPTS_ALL_USERS: '4',
    RESUME_CODE_BLOCK_SECONDS: '600',
  };
  [a, b] = [await startOneStory({ encryptionKey, env }), await startOneStory({ encryptionKey, env })];
});

afterAll(async () => {
  await Promise.all([a.app.close(), b.app.close()]);
  await capture.stop();
  await database.drop();
});

/** Alternates instances: the first request to A, the next to B, and so on. */
const either = (i: number) => (i % 2 === 0 ? a : b);

describe('rate limits on two instances sharing one database', () => {
  it('Direct Line starts per address: what one instance counted, the other refuses; another address still gets in', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${either(i).baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    expect((await requestFrom('127.0.0.3', `${b.baseUrl}/v3/directline/tokens/generate`)).status).toBe(200);
  });

  it('the agency API per key, counted on both', async () => {
    const key = (await a.app.agencyKeys.create('cambridge-housing-options')).key;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${either(i).baseUrl}/api/agency/handoffs`, { headers: { authorization: `Bearer ${key}` } })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('/api/messages per conversation, counted on both', async () => {
    let sent = 0;
    const person = new ChannelUser(() => either(sent++).baseUrl, capture, 'shared-conversation', 'shared-user');
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await person.post({ text: `message ${i}` })).status);
    expect(statuses.slice(0, 4).every((status) => status < 300)).toBe(true);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it('resume codes across all users: guesses spread over both instances use up one allowance, and the right code is then refused', async () => {
    const owner = new ChannelUser(() => a.baseUrl, capture, 'owner-conversation', 'owner-user');
    await owner.join();
    await owner.say('No, just me');
    await owner.say('Robin');
    const issued = t('resumeCode.issued', { code: '' });
    const code = (await owner.say('another device')).find((reply) => reply.startsWith(issued))!.slice(issued.length);

    const guess = (i: number, text: string) => new ChannelUser(() => either(i).baseUrl, capture, `guess-${i}`, `guesser-${i}`).say(text);
    for (let i = 0; i < 4; i++) expect((await guess(i, `apple river cloud lemon 30${i}`))[0]).toBe(t('resumeCode.didNotWork'));
    const refused = await guess(5, code);
    expect(refused[0]).toBe(t('resumeCode.didNotWork'));
    expect(refused).not.toContain(t('resumeCode.linked'));
  });
});
