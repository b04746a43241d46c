import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { TFunction } from 'i18next';
import { getAnswer } from '../../domain/story.js';
import { englishConversationText } from '../support/channelText.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';

/**
 * The local web chat behind a load balancer: two instances of One Story (each the whole server, as
 * `npm start` builds it) on one PostgreSQL database, and a browser's Direct Line requests landing on
 * either. A conversation started on one is posted to and read on the other, over real HTTP.
 */
const text = await englishConversationText();

interface Activity {
  id: string;
  type: string;
  text?: string;
  from: { id: string; role?: string };
  replyToId?: string;
}

let database: TestDatabase;
let a: RunningOneStory;
let b: RunningOneStory;
let t: TFunction;

const directLine = (on: RunningOneStory) => `${on.baseUrl}/v3/directline`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

async function post(on: RunningOneStory, conversationId: string, token: string, body: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${directLine(on)}/conversations/${conversationId}/activities`, { method: 'POST', headers: bearer(token), body: JSON.stringify({ type: 'message', locale: 'en-GB', ...body }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

async function read(on: RunningOneStory, conversationId: string, token: string, watermark = ''): Promise<{ activities: Activity[]; watermark: string }> {
  const response = await fetch(`${directLine(on)}/conversations/${conversationId}/activities?watermark=${encodeURIComponent(watermark)}`, { headers: bearer(token) });
  expect(response.status).toBe(200);
  return (await response.json()) as { activities: Activity[]; watermark: string };
}

beforeAll(async () => {
  database = await freshDatabase();
  const encryptionKey = randomBytes(32).toString('base64');
  const env = { DATABASE_URL: database.url, DATABASE_POOL_SIZE: '4' };
  [a, b] = [await startOneStory({ encryptionKey, env }), await startOneStory({ encryptionKey, env })];
  t = a.app.translations.forLocale('en');
});

afterAll(async () => {
  for (const running of [a, b]) {
    await running?.app.close();
    if (running) await rm(running.dataDir, { recursive: true, force: true });
  }
  await database?.drop();
});

describe('the local web chat on two instances', () => {
  it('works from either: a token issued on one is accepted on the other, and every reply is read wherever the client asks', async () => {
    // The page gets its token from A; Web Chat starts the conversation on B.
    const generated = await fetch(`${directLine(a)}/tokens/generate`, { method: 'POST' });
    expect(generated.status).toBe(200);
    const { conversationId, token } = (await generated.json()) as { conversationId: string; token: string };
    const started = await fetch(`${directLine(b)}/conversations`, { method: 'POST', headers: bearer(token), body: JSON.stringify({ locale: 'en-GB' }) });
    expect(started.status).toBe(201);
    expect(((await started.json()) as { conversationId: string }).conversationId).toBe(conversationId);

    // The welcome, run on B, is read on A.
    let page = await read(a, conversationId, token);
    expect(page.activities.map((activity) => activity.text)).toEqual(expect.arrayContaining([text.welcomeFirstLine, text.supporterAsk]));
    let watermark = page.watermark;

    // Then the person talks through A and B in turn, and reads each answer on the other one.
    const steps: Array<{ say: string; value?: string; expect: string[] }> = [
      { say: text.supporterNo, expect: [text.askName] },
      { say: 'Sam', expect: [text.nameThanks('Sam'), text.topicMenuAsk] },
      { say: t('topics.housing.title'), value: 'topic:housing', expect: [t('topics.housing.intro'), t('topics.housing.questions.current-place.text')] },
      { say: 'Sofa surfing', value: 'answer:sofa-surfing', expect: [t('topics.housing.questions.safe-to-stay.text')] },
      { say: 'Not sure', expect: [t('topics.housing.questions.how-long.text')] },
      { say: 'About two weeks at my cousin’s', expect: [t('topics.housing.questions.worries.text')] },
    ];
    for (const [index, step] of steps.entries()) {
      const [postTo, readFrom] = index % 2 === 0 ? [a, b] : [b, a];
      const id = await post(postTo, conversationId, token, step.value === undefined ? { text: step.say } : { text: step.say, value: step.value });
      page = await read(readFrom, conversationId, token, watermark);
      watermark = page.watermark;
      const [echo, ...replies] = page.activities;
      expect(echo).toMatchObject({ id, text: step.say, from: { role: 'user' } });
      expect(replies.map((reply) => reply.text)).toEqual(expect.arrayContaining(step.expect));
      expect(replies.every((reply) => reply.from.role === 'bot' && reply.replyToId === id)).toBe(true);
    }

    // Both instances hold the one transcript, in one order, with nothing after the last watermark.
    const [onA, onB] = [await read(a, conversationId, token), await read(b, conversationId, token)];
    expect(onA).toEqual(onB);
    expect(new Set(onA.activities.map((activity) => activity.id)).size).toBe(onA.activities.length);
    expect(onA.watermark).toBe(watermark);
    expect((await read(b, conversationId, token, watermark)).activities).toEqual([]);

    // The story, kept by whichever instance ran each turn, is whole.
    const userId = onA.activities.find((activity) => activity.from.role === 'user')!.from.id;
    const story = (await b.app.people.load((await b.app.people.personOf(`webchat:${userId}`))!))!.story!;
    expect(getAnswer(story, 'housing', 'how-long')?.text).toBe('About two weeks at my cousin’s');
  });

  it('refreshes a token on one instance for use on the other, and refuses a wrong one on both', async () => {
    const { conversationId, token } = (await (await fetch(`${directLine(b)}/tokens/generate`, { method: 'POST' })).json()) as { conversationId: string; token: string };
    const refreshed = await fetch(`${directLine(a)}/tokens/refresh`, { method: 'POST', headers: bearer(token) });
    expect(refreshed.status).toBe(200);
    const { token: newToken } = (await refreshed.json()) as { token: string };
    expect(newToken).not.toBe(token);
    const status = (on: RunningOneStory, with_: string) => fetch(`${directLine(on)}/conversations/${conversationId}/activities`, { headers: bearer(with_) }).then((response) => response.status);
    expect(await status(b, newToken)).toBe(200);
    expect(await status(b, token)).toBe(200);
    const forged = newToken.slice(0, -2) + (newToken.endsWith('AA') ? 'BB' : 'AA');
    expect(await status(a, forged)).toBe(403);
    expect(await status(b, forged)).toBe(403);
  });
});
