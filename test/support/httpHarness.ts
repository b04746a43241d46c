import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { composeOneStory, type OneStoryApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { loadTranslations } from '../../bot/i18n.js';
import type { PasswordHashing } from '../../useCases/staff/passwords.js';
import { afterAll, beforeAll } from '@jest/globals';
import type { TFunction } from 'i18next';

/**
 * Stands in for the Bot Connector service: the bot posts its replies to `serviceUrl`, and this server
 * keeps them per conversation, as a channel would show them to the person.
 */
export class ReplyCapture {
  private server?: Server;
  readonly replies = new Map<string, Partial<Activity>[]>();
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method === 'POST' && match) {
          const conversationId = decodeURIComponent(match[1]);
          const list = this.replies.get(conversationId) ?? [];
          list.push(JSON.parse(body) as Partial<Activity>);
          this.replies.set(conversationId, list);
          // restify patches Node's response prototype in this process, so writeHead is not chained.
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id: randomUUID() }));
          return;
        }
        res.writeHead(404);
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Replies received since the last call, for one conversation. */
  take(conversationId: string): Partial<Activity>[] {
    const list = this.replies.get(conversationId) ?? [];
    this.replies.set(conversationId, []);
    return list;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export interface RunningOneStory {
  app: OneStoryApp;
  baseUrl: string;
  dataDir: string;
}

/**
 * The real server on a free port, with its own DATA_DIR and key, as `npm start` builds it. Staff passwords
 * are hashed at production's cost unless `staffPasswordHashing` says otherwise (test/support/staffSession.ts).
 */
export async function startOneStory(
  options: {
    dataDir?: string;
    encryptionKey?: string;
    env?: Record<string, string>;
    logLines?: string[];
    clock?: () => Date;
    port?: number;
    staffPasswordHashing?: PasswordHashing;
  } = {},
): Promise<RunningOneStory> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'one-story-e2e-')));
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    DATA_DIR: dataDir,
    ONESTORY_ENCRYPTION_KEY: options.encryptionKey ?? randomBytes(32).toString('base64'),
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const log = options.logLines ? createLogger('debug', (line) => options.logLines!.push(line)) : createLogger('silent');
  const app = await composeOneStory(config, { log, clock: options.clock, staffPasswordHashing: options.staffPasswordHashing });
  const baseUrl = await app.listen(options.port ?? 0);
  return { app, baseUrl, dataDir };
}

/** A person in one conversation, posting to /api/messages as a channel would. */
export class ChannelUser {
  private sequence = 0;
  constructor(
    private readonly baseUrl: () => string,
    private readonly capture: ReplyCapture,
    readonly conversationId: string,
    readonly userId: string,
    readonly channelId = 'webchat',
  ) {}

  activity(extra: Partial<Activity>): Partial<Activity> {
    return {
      type: 'message',
      id: `${this.conversationId}-${++this.sequence}`,
      channelId: this.channelId,
      serviceUrl: this.capture.url,
      conversation: { id: this.conversationId } as Activity['conversation'],
      from: { id: this.userId, name: 'Person' },
      recipient: { id: 'one-story-bot', name: 'One Story' },
      locale: 'en-GB',
      timestamp: new Date(),
      ...extra,
    };
  }

  async post(extra: Partial<Activity>): Promise<Response> {
    return fetch(`${this.baseUrl()}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(this.activity(extra)),
    });
  }

  /** Says something and returns the texts of the bot's replies. */
  async say(text: string, value?: string): Promise<string[]> {
    const response = await this.post(value === undefined ? { text } : { text, value });
    if (response.status >= 300) throw new Error(`POST /api/messages answered ${response.status}`);
    return this.capture.take(this.conversationId).map((reply) => reply.text ?? '');
  }

  /**
   * Says a story answer: if the crisis check gently asks "are you safe right now?" first (it may, after an
   * ordinary answer: its false alarms are measured by `npm run crisis:eval`), answers a clear yes, as a
   * person would, and returns what follows.
   */
  async tell(text: string, t: TFunction): Promise<string[]> {
    const replies = await this.say(text);
    return replies.some((reply) => reply.includes(t('crisis.areYouSafe'))) ? this.say(t('crisis.safe')) : replies;
  }

  async join(): Promise<string[]> {
    const response = await this.post({ type: 'conversationUpdate', membersAdded: [{ id: this.userId, name: 'Person' }] });
    if (response.status >= 300) throw new Error(`conversationUpdate answered ${response.status}`);
    return this.capture.take(this.conversationId).map((reply) => reply.text ?? '');
  }
}

export interface OneStoryUnderTest {
  capture: ReplyCapture;
  running: RunningOneStory;
  /** English copy, to compare replies with the locale file rather than repeat it. */
  t: TFunction;
  /** A person in one conversation on a channel. */
  person(conversationId: string, userId: string, channelId?: string): ChannelUser;
}

/**
 * For a describe block or file: the real server and a reply capture, started before the tests and
 * stopped after them. Read the returned object's fields inside tests (they are set in beforeAll).
 */
export function useOneStoryServer(options: Parameters<typeof startOneStory>[0] = {}): OneStoryUnderTest {
  const under = { capture: new ReplyCapture() } as OneStoryUnderTest;
  beforeAll(async () => {
    await under.capture.start();
    under.running = await startOneStory(options);
    under.t = (await loadTranslations()).forLocale('en');
    under.person = (conversationId, userId, channelId = 'webchat') =>
      new ChannelUser(() => under.running.baseUrl, under.capture, conversationId, userId, channelId);
  });
  afterAll(async () => {
    await under.running.app.close();
    await under.capture.stop();
  });
  return under;
}
