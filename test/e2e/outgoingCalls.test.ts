import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { isLoopbackHost, parseHostList, serviceUrlAllowed } from '../../bot/channelCalls.js';
import { loadTranslations } from '../../bot/i18n.js';
import { ChannelService } from '../crash/channelService.js';
import { startOneStory, type RunningOneStory } from '../support/httpHarness.js';
import { waitFor } from '../support/waitFor.js';

/**
 * Calls One Story makes to a channel have a deadline: a channel that never answers, or cannot be reached,
 * does not hold the person's conversation (whose turns run one at a time), and their next message is
 * answered. With authentication off, replies go only to this machine or to hosts the operator allowed.
 * Real HTTP to the real server; the channel is a real local HTTP server (test/crash/channelService.ts).
 */
const channel = new ChannelService();
let running: RunningOneStory;
let t: TFunction;
const logLines: string[] = [];

beforeAll(async () => {
  await channel.start();
  // A deadline a little shorter than the default keeps the test quick, and leaves a loaded machine time
  // to deliver the replies the channel does take (a turn's replies share it); nothing here measures time.
  running = await startOneStory({ env: { CHANNEL_TIMEOUT_MS: '4000' }, logLines });
  t = (await loadTranslations()).forLocale('en');
});

afterAll(async () => {
  await running.app.close();
  await channel.stop();
});

function activity(conversationId: string, serviceUrl: string, extra: Partial<Activity>): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'webchat',
    serviceUrl,
    conversation: { id: conversationId } as Activity['conversation'],
    from: { id: `user-${conversationId}`, name: 'Person' },
    recipient: { id: 'one-story-bot', name: 'One Story' },
    locale: 'en-GB',
    ...extra,
  };
}

const join = (conversationId: string): Partial<Activity> => ({ type: 'conversationUpdate', membersAdded: [{ id: `user-${conversationId}`, name: 'Person' }] });

function post(body: Partial<Activity>): Promise<Response> {
  return fetch(`${running.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** What the channel shows the person in one conversation, in order. */
function shownIn(conversationId: string): string[] {
  const shown: string[] = [];
  channel.listen(conversationId, (reply) => {
    shown.push(reply.text ?? '');
    return 'answer';
  });
  return shown;
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('replies to a channel that never answers', () => {
  it("do not hold the person's conversation: their next message is answered", async () => {
    const shown: string[] = [];
    let first = true;
    // The channel takes the welcome's first reply and never answers the bot's request.
    channel.listen('conv-stuck', (reply) => {
      shown.push(reply.text ?? '');
      if (!first) return 'answer';
      first = false;
      return 'hold';
    });
    const joining = post(activity('conv-stuck', channel.url, join('conv-stuck')));
    await waitFor(() => channel.holding === 1, 'the channel to hold the first reply');

    // Sent while the first turn still waits on the channel: it queues behind it, then is served.
    const next = await post(activity('conv-stuck', channel.url, { text: 'No, just me' }));
    expect(next.status).toBe(200);
    expect(shown.at(-1)).toBe(t('welcome.askName'));
    await joining;
    // One Story hung up on the request the channel never answered, rather than keep it open.
    await waitFor(() => channel.holding === 0, 'the held request to be dropped by One Story');
    // The first turn was stored before its replies went out: the answer went to the question it asked.
    expect(shown).toContain((t('welcome.lines', { returnObjects: true }) as string[])[0]);
    expect(shown).not.toContain(t('supporter.ask'));
    // The operator is told why, by the error's name only.
    expect(logLines.map((line) => JSON.parse(line) as Record<string, unknown>)).toContainEqual(
      expect.objectContaining({ level: 'warn', event: 'turn.repliesNotDelivered', activityType: 'conversationUpdate', errorName: 'ChannelDeadlineError' }),
    );
  });
});

describe('replies to a channel that cannot be reached', () => {
  it('are given up, and the next message (through a channel that answers) carries on where the person was', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    await post(activity('conv-unreachable', unreachable, join('conv-unreachable')));

    const shown = shownIn('conv-unreachable');
    const next = await post(activity('conv-unreachable', channel.url, { text: 'No, just me' }));
    expect(next.status).toBe(200);
    expect(shown).toEqual([t('welcome.askName')]);
  });
});

describe('with authentication off, where replies may go', () => {
  it.each([
    ['a cloud metadata address', 'http://169.254.169.254/latest/'],
    ['another machine', 'https://attacker.example/'],
    ['a private address', 'http://10.1.2.3:3978/'],
  ])('refuses an activity whose serviceUrl is %s with 400 service_url_not_allowed, before any turn', async (_what, serviceUrl) => {
    const conversation = `conv-forged-${new URL(serviceUrl).hostname}`;
    const response = await post(activity(conversation, serviceUrl, { text: 'hello' }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ code: 'service_url_not_allowed', message: expect.any(String) });
    // No turn ran: the same conversation, through this machine's channel, is welcomed as new.
    const shown = shownIn(conversation);
    expect((await post(activity(conversation, channel.url, join(conversation)))).status).toBe(200);
    expect(shown.at(-1)).toBe(t('supporter.ask'));
  });

  it('accepts this machine, by any of its names, and the hosts in ALLOWED_SERVICE_URL_HOSTS', () => {
    const allowed = parseHostList(' Bots.Example.org , 10.0.0.5,[fd00::7] ');
    expect(allowed).toEqual(['bots.example.org', '10.0.0.5', 'fd00::7']);
    for (const url of ['http://localhost:3978/', 'http://127.0.0.1:9/', 'http://127.8.0.1/', 'http://[::1]:3000/', 'http://[::ffff:127.0.0.1]/', 'https://bots.example.org/api/', 'http://10.0.0.5:80/', 'http://[fd00::7]/']) {
      expect([url, serviceUrlAllowed(url, allowed)]).toEqual([url, true]);
    }
    for (const url of ['https://bots.example.org.evil.example/', 'http://10.0.0.6/', 'ftp://localhost/', 'not a url', 'http://0.0.0.0/', 'http://[fd00::8]/']) {
      expect([url, serviceUrlAllowed(url, allowed)]).toEqual([url, false]);
    }
    expect(['127.0.0.1', '::1', '[::1]', 'localhost', ' LOCALHOST '].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '::', '192.168.1.10', 'example.org', ''].some(isLoopbackHost)).toBe(false);
  });
});
