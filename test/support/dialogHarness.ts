import { afterAll, afterEach, beforeAll } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import type { QuestionBank } from '../../domain/questionBank.js';
import type { Story } from '../../domain/story.js';
import { composeOneStory, type OneStoryApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import type { Translations } from '../../bot/i18n.js';
import { createLogger } from '../../bot/logger.js';

export interface DialogHarness {
  app: OneStoryApp;
  translations: Translations;
  dataDir: string;
  bank: QuestionBank;
  sharing: OneStoryApp['sharing'];
  agencySharing: OneStoryApp['agencySharing'];
  /** The copy of the harness's language (English unless `locale` says otherwise), to assert on what the person reads. */
  t: TFunction;
  /** Sends what the person says (text, or a tapped button's value) and returns every reply. */
  say(text: string, value?: string, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The texts of every reply. */
  sayTexts(text: string, value?: string): Promise<string[]>;
  /** The person's story as stored (what survives the turn). */
  story(): Promise<Story | undefined>;
  cleanup(): Promise<void>;
}

export const TEST_USER_ID = 'user-1';

export interface DialogHarnessOptions {
  channelId?: string;
  bank?: QuestionBank;
  localesDir?: string;
  clock?: () => Date;
  /** Share one data folder between harnesses: two devices of the same person. */
  dataDir?: string;
  encryptionKey?: Buffer;
  userId?: string;
  /** PostgreSQL instead of the embedded store (several instances on one database). */
  databaseUrl?: string;
  /** More configuration, as environment variables (AGENCIES_PATH, AGENCY_WEBHOOK_SECRETS …). */
  env?: Record<string, string>;
  /** What the channel says the person's language is (Web Chat sends the browser's); `null` sends none, as SMS. */
  locale?: string | null;
}

/**
 * The real app, built by the same composition root as `npm start` (bot/app.ts), with its real dialogs,
 * store and locale files; each message is handed to the adapter in this process, as the local Direct
 * Line does, so each test talks to One Story the way a person would, one message at a time.
 */
export async function createDialogHarness(options: DialogHarnessOptions = {}): Promise<DialogHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'one-story-dialog-')));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ONESTORY_ENCRYPTION_KEY: (options.encryptionKey ?? randomBytes(32)).toString('base64'), LOG_LEVEL: 'silent', ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}), ...options.env });
  const app = await composeOneStory(config, { log: createLogger('silent'), clock: options.clock, questionBank: options.bank, localesDir: options.localesDir });
  return harnessOn(app, dataDir, options, async () => {
    await app.close();
    if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
  });
}

/**
 * A person (one channel user in the conversation `conversation-of-<userId>`) talking to an app a test has
 * already started (a server over HTTP, say): what they send is delivered as the local web chat delivers it.
 */
export function personOn(app: OneStoryApp, userId: string, options: Pick<DialogHarnessOptions, 'channelId' | 'locale'> = {}): Pick<DialogHarness, 'say' | 'sayTexts'> {
  const { say, sayTexts } = harnessOn(app, '', { ...options, userId }, async () => {});
  return { say, sayTexts };
}

/** A person (one channel user in one conversation) talking to an app that is already running. */
function harnessOn(app: OneStoryApp, dataDir: string, options: Pick<DialogHarnessOptions, 'channelId' | 'userId' | 'locale'>, cleanup: () => Promise<void>): DialogHarness {
  const userId = options.userId ?? TEST_USER_ID;
  const channelId = options.channelId ?? 'webchat';
  const say = async (text: string, value?: string, extra: Partial<Activity> = {}) => {
    const activity: Partial<Activity> = {
      type: 'message',
      text,
      channelId,
      from: { id: userId, name: 'Person' } as Activity['from'],
      recipient: { id: 'one-story', name: 'One Story' } as Activity['recipient'],
      conversation: { id: `conversation-of-${userId}` } as Activity['conversation'],
      ...(options.locale === null ? {} : { locale: options.locale ?? 'en-GB' }),
    };
    if (value !== undefined) activity.value = value;
    Object.assign(activity, extra);
    return app.deliver(activity);
  };
  return {
    app,
    translations: app.translations,
    dataDir,
    bank: app.bank,
    sharing: app.sharing,
    agencySharing: app.agencySharing,
    t: app.translations.forLocale(app.translations.resolveLocale(options.locale ?? 'en')),
    say,
    sayTexts: async (text, value) => (await say(text, value)).map(replyText),
    story: async () => {
      const personId = await app.people.personOf(`${channelId}:${userId}`);
      return personId ? (await app.people.load(personId))?.story : undefined;
    },
    cleanup,
  };
}

/**
 * For a test file whose tests each talk as someone new: one app for the whole file (composed before its
 * first test, closed after its last), and `next()` a new person on it for each test, with a channel user
 * and a conversation of their own. No test sees another's person or conversation, so the order of tests
 * does not matter; composing the app costs far more CPU than the few turns most of these tests take.
 * A test that needs an app of its own (another clock, bank, store or data folder) uses createDialogHarness.
 */
export function newPersonPerTest(options: Pick<DialogHarnessOptions, 'channelId' | 'locale'> = {}): { next(overrides?: Pick<DialogHarnessOptions, 'channelId' | 'locale'>): DialogHarness } {
  let shared: DialogHarness | undefined;
  let people = 0;
  beforeAll(async () => {
    shared = await createDialogHarness({ userId: 'nobody' });
  });
  afterAll(async () => {
    await shared?.cleanup();
  });
  return {
    next: (overrides = {}) => {
      if (!shared) throw new Error('newPersonPerTest: next() is for tests and beforeEach, once the app has started');
      return harnessOn(shared.app, shared.dataDir, { ...options, ...overrides, userId: `person-${++people}` }, async () => {});
    },
  };
}

/**
 * For a test file that opens several harnesses (languages, devices): `open` creates one, and every harness
 * it opened is cleaned up after each test.
 */
export function harnessesPerTest(defaults: DialogHarnessOptions | (() => DialogHarnessOptions) = {}): (options?: DialogHarnessOptions) => Promise<DialogHarness> {
  const opened: DialogHarness[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((harness) => harness.cleanup()));
  });
  return async (options = {}) => {
    const harness = await createDialogHarness({ ...(typeof defaults === 'function' ? defaults() : defaults), ...options });
    opened.push(harness);
    return harness;
  };
}

/** A reply as a person would read it: the text, plus buttons' titles in brackets. */
export function replyText(activity: Partial<Activity>): string {
  const buttons = activity.suggestedActions?.actions?.map((action) => `[${action.title}]`).join(' ');
  return [activity.text ?? '', buttons].filter(Boolean).join(' ');
}

export function buttonValues(activity: Partial<Activity> | undefined): string[] {
  return activity?.suggestedActions?.actions?.map((action) => String(action.value)) ?? [];
}
