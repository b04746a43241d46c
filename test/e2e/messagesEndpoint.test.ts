import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readdir, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadTranslations } from '../../bot/i18n.js';
import { ChannelUser, ReplyCapture, startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import type { TFunction } from 'i18next';

/**
 * One Story as a channel sees it: real HTTP to the real server on a free port, with its own DATA_DIR;
 * the bot's replies arrive at a small capture server standing in for the channel's service.
 */
const capture = new ReplyCapture();
const encryptionKey = randomBytes(32).toString('base64');
const logLines: string[] = [];
let running: RunningOneStory;
let t: TFunction;

beforeAll(async () => {
  await capture.start();
  running = await startOneStory({ encryptionKey, logLines });
  t = (await loadTranslations()).forLocale('en');
});

afterAll(async () => {
  await running.app.close();
  await capture.stop();
});

function person(conversationId: string, userId: string, channelId = 'webchat'): ChannelUser {
  return new ChannelUser(() => running.baseUrl, capture, conversationId, userId, channelId);
}

async function everyFileUnder(dir: string): Promise<Array<{ path: string; text: string }>> {
  const files: Array<{ path: string; text: string }> = [];
  for (const name of await readdir(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name);
    try {
      files.push({ path, text: await readFile(path, 'utf8') });
    } catch {
      // a folder
    }
  }
  return files;
}

describe('GET /healthz', () => {
  it('answers 200 {"status":"ok"} once the store is open', async () => {
    const response = await fetch(`${running.baseUrl}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

describe('POST /api/messages', () => {
  it('welcomes on join, keeps answers encrypted, and resumes where the person stopped after a restart', async () => {
    const sam = person('conv-resume', 'user-resume');
    const welcome = await sam.join();
    expect(welcome[0]).toBe((t('welcome.lines', { returnObjects: true }) as string[])[0]);
    expect(welcome.at(-1)).toBe(t('supporter.ask'));
    await sam.say('No, just me');
    expect(await sam.say('Sam')).toContain(t('welcome.nameThanks', { name: 'Sam' }));
    const unique = `zebra-lighthouse-${randomBytes(4).toString('hex')}`;
    await sam.say('Housing');
    await sam.say('Sofa surfing');
    await sam.say('No');
    expect(await sam.say(`At my cousin's, ${unique}`)).toContain(t('topics.housing.questions.worries.text'));
    await sam.say('pause');

    const dataFiles = await everyFileUnder(running.dataDir);
    expect(dataFiles.length).toBeGreaterThan(0);
    for (const file of dataFiles) {
      expect(file.text).not.toContain(unique);
      expect(file.text).not.toContain('Sofa surfing');
      expect(file.path).not.toContain('user-resume');
    }
    expect(logLines.join('\n')).not.toContain(unique);

    await running.app.close();
    running = await startOneStory({ dataDir: running.dataDir, encryptionKey, logLines });

    const back = await sam.say('hi again');
    expect(back).toContain(t('welcomeBack.greetingNamed', { name: 'Sam' }));
    const next = await sam.say('Carry on where I stopped');
    expect(next).toContain(t('topics.housing.questions.worries.text'));
    expect(next).not.toContain(t('topics.housing.questions.current-place.text'));
  });

  it('welcomes on the first message where the channel sends no join event', async () => {
    const replies = await person('conv-first-message', 'user-first-message').say('hello?');
    expect(replies[0]).toBe((t('welcome.lines', { returnObjects: true }) as string[])[0]);
  });

  it('signposts crisis support first and logs no personal text', async () => {
    const someone = person('conv-crisis', 'user-crisis');
    await someone.say('hi');
    const phrase = 'I want to end my life tonight';
    const replies = await someone.say(phrase);
    expect(replies[0]).toBe((t('crisis.lines', { returnObjects: true }) as string[])[0]);
    expect(replies.join('\n')).toContain('116 123');
    expect(replies.join('\n')).toContain('85258');
    expect(logLines.some((line) => line.includes('crisis.signposted'))).toBe(true);
    expect(logLines.join('\n')).not.toContain('end my life');
  });

  it('handles two messages in one conversation at once: both answered in turn, nothing lost', async () => {
    const alex = person('conv-concurrent', 'user-concurrent');
    await alex.say('hi');
    await alex.say('No, just me');
    await alex.say('skip');
    await alex.say('Housing');
    const [first, second] = await Promise.all([alex.post({ text: 'Sofa surfing' }), alex.post({ text: 'Not sure' })]);
    expect([first.status, second.status]).toEqual([200, 200]);
    capture.take('conv-concurrent');
    const review = await alex.say('review');
    const listing = review.join('\n');
    expect(listing).toContain('Sofa surfing');
    expect(listing).toContain('Not sure');
  });

  it('keeps a 10,000-character message and answers kindly', async () => {
    const long = `${'a long story '.repeat(800)}`.slice(0, 10_000);
    const pat = person('conv-long', 'user-long');
    await pat.say('hi');
    await pat.say('No, just me');
    const replies = await pat.say(long);
    expect(replies).toContain(t('welcome.nameThanks', { name: long.slice(0, 100) }));
  });

  it.each([
    ['not JSON at all', '{"type": "message", ', 'application/json', 'invalid_json'],
    ['an array', '[]', 'application/json', 'invalid_activity'],
    ['an empty object', '{}', 'application/json', 'invalid_activity'],
    ['a message with no conversation', JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', from: { id: 'u' } }), 'application/json', 'invalid_activity'],
    ['a message with no sender', JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' } }), 'application/json', 'invalid_activity'],
    ['a bad service URL', JSON.stringify({ type: 'message', text: 'hi', channelId: 'webchat', serviceUrl: 'nope', conversation: { id: 'c' }, from: { id: 'u' } }), 'application/json', 'invalid_activity'],
    ['a number for text', JSON.stringify({ type: 'message', text: 42, channelId: 'webchat', serviceUrl: 'http://127.0.0.1:1', conversation: { id: 'c' }, from: { id: 'u' } }), 'application/json', 'invalid_activity'],
  ])('answers 400 to %s, and stays up', async (_name, body, contentType, code) => {
    const response = await fetch(`${running.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe(code);
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  });
});
