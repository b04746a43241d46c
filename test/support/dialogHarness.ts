import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConversationState, type Activity, type TurnContext } from 'botbuilder';
import { DialogTestClient } from 'botbuilder-testing';
import type { QuestionBank } from '../../domain/questionBank.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { StoryStore } from '../../data/storyStore.js';
import { ResumeCodeStore } from '../../data/resumeCodeStore.js';
import { AppendOnlyAuditLog } from '../../data/audit/auditLog.js';
import { createSharing } from '../../useCases/sharing/sharing.js';
import type { AgencySharing } from '../../useCases/sharing/agencySharing.js';
import type { PersonSharing } from '../../useCases/sharing/personSharing.js';
import { WebhookOutbox } from '../../data/sharing/webhookOutbox.js';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { EncryptedBotStorage } from '../../bot/encryptedBotStorage.js';
import { loadTranslations, type Translations } from '../../bot/i18n.js';
import { createLogger } from '../../bot/logger.js';
import type { CrisisDetector } from '../../domain/crisis/crisisDetector.js';
import { loadCrisisDetector } from '../../bot/crisisDetection.js';
import { TurnSetup } from '../../bot/middleware/turnSetup.js';
import { TextMessagingChannel } from '../../bot/middleware/textMessagingChannel.js';
import type { DialogState } from 'botbuilder-dialogs';
import { turnInfo } from '../../dialogs/turnInfo.js';
import { OneStoryDialog } from '../../dialogs/oneStoryDialog.js';
import type { DialogServices, SessionState } from '../../dialogs/dialogServices.js';
import type { Story } from '../../domain/story.js';
import type { TFunction } from 'i18next';

export interface DialogHarness {
  client: DialogTestClient;
  stories: StoryStore;
  translations: Translations;
  dataDir: string;
  bank: QuestionBank;
  sharing: PersonSharing;
  /** The agency's side, to see what an agency would receive. */
  agencySharing: AgencySharing;
  /** English copy, to assert on what the person reads without repeating it in tests. */
  t: TFunction;
  /** Sends what the person says (text, or a tapped button's value) and returns every reply. */
  say(text: string, value?: string, extra?: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The texts of every reply. */
  sayTexts(text: string, value?: string): Promise<string[]>;
  story(): Promise<Story | undefined>;
  cleanup(): Promise<void>;
}

export const TEST_USER_ID = 'user-1';

/**
 * The real dialogs, middleware, store and locale files, driven by Bot Framework's DialogTestClient:
 * each test talks to One Story the way a person would, one message at a time.
 */
export interface DialogHarnessOptions {
  channelId?: string;
  bank?: QuestionBank;
  localesDir?: string;
  clock?: () => Date;
  /** Share one data folder between harnesses: two devices of the same person. */
  dataDir?: string;
  encryptionKey?: Buffer;
  userId?: string;
}

export async function createDialogHarness(options: DialogHarnessOptions = {}): Promise<DialogHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'one-story-dialog-')));
  const documents = new EncryptedFileDocumentStore(dataDir, new RecordCipher(options.encryptionKey ?? randomBytes(32)));
  const userId = options.userId ?? TEST_USER_ID;
  const stories = new StoryStore(documents);
  const translations = await loadTranslations(options.localesDir);
  const bank = options.bank ?? (await loadQuestionBank());
  const conversationState = new ConversationState(new EncryptedBotStorage(documents));
  const session = conversationState.createProperty<SessionState>('session');
  // DialogTestClient keeps its dialog stack under this name.
  const dialogState = conversationState.createProperty<DialogState>('DialogState');
  const audit = new AppendOnlyAuditLog(join(dataDir, 'audit', 'audit.jsonl'));
  const resumeCodes = new ResumeCodeStore(documents, audit, 7);
  const clock = options.clock ?? (() => new Date());
  // Pull-only in dialog tests: what reaches agencies over HTTP is tested against the real server.
  const outbox = new WebhookOutbox(documents, { pushesTo: () => false, clock });
  const { person: sharing, agency: agencySharing } = createSharing({
    documents,
    directory: await loadAgencyDirectory(DEFAULT_AGENCIES_PATH, { topicIds: bank.topics.map((topic) => topic.id), allowPlainHttpWebhooks: true }),
    bank,
    audit,
    notifier: outbox,
    clock,
    questionText: (key, locale) => String(translations.forLocale(locale)(key)),
  });
  const log = createLogger('silent');
  const services: DialogServices = { bank, stories, resumeCodes, sharing, session, clock, crisis: crisisDetector(), log };
  const erase = async (context: TurnContext) => {
    const asked = await sharing.eraseEverything(turnInfo(context).personId, context.activity.channelId);
    await stories.erasePerson(turnInfo(context).personId);
    await session.set(context, {});
    return asked;
  };
  const client = new DialogTestClient(
    options.channelId ?? 'webchat',
    new OneStoryDialog(services, erase),
    undefined,
    [new TurnSetup(translations, stories, session), new TextMessagingChannel(conversationState, session, dialogState, log)],
    conversationState,
  );
  const say = async (text: string, value?: string, extra: Partial<Activity> = {}) => {
    const activity: Partial<Activity> = { type: 'message', text, from: { id: userId, name: 'Person' }, conversation: { id: `conversation-of-${userId}` } as Activity['conversation'], locale: 'en-GB' };
    if (value !== undefined) activity.value = value;
    Object.assign(activity, extra);
    const replies: Partial<Activity>[] = [];
    const first = (await client.sendActivity(activity)) as Partial<Activity> | undefined;
    if (first) replies.push(first);
    for (let reply = client.getNextReply(); reply; reply = client.getNextReply()) replies.push(reply);
    return replies;
  };
  return {
    client,
    stories,
    translations,
    dataDir,
    bank,
    sharing,
    agencySharing,
    t: translations.forLocale('en'),
    say,
    sayTexts: async (text, value) => (await say(text, value)).map(replyText),
    story: async () => stories.load(await stories.personFor(options.channelId ?? 'webchat', userId)),
    cleanup: () => rm(dataDir, { recursive: true, force: true }),
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

let sharedDetector: CrisisDetector | undefined;
/** The crisis detector as the bot builds it, loaded once per test file (the model is read-only). */
function crisisDetector(): CrisisDetector {
  sharedDetector ??= loadCrisisDetector();
  return sharedDetector;
}
