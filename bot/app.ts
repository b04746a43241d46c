import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ConversationState, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Server } from 'restify';
import type { QuestionBank } from '../domain/questionBank.js';
import { EncryptedFileDocumentStore } from '../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../data/storage/encryption.js';
import { resolveEncryptionKey } from '../data/storage/encryptionKey.js';
import { StoryStore } from '../data/storyStore.js';
import { ResumeCodeStore } from '../data/resumeCodeStore.js';
import { loadQuestionBank } from '../data/questionBankLoader.js';
import { OneStoryDialog } from '../dialogs/oneStoryDialog.js';
import type { DialogServices, SessionState } from '../dialogs/dialogServices.js';
import { createAdapter } from './adapter.js';
import type { OneStoryConfig } from './config.js';
import { EncryptedBotStorage } from './encryptedBotStorage.js';
import { loadTranslations } from './i18n.js';
import { createLogger, type Logger } from './logger.js';
import { ConversationTurnLock } from './middleware/conversationTurnLock.js';
import { loadCrisisDetector } from './crisisDetection.js';
import { TurnSetup } from './middleware/turnSetup.js';
import { TextMessagingChannel } from './middleware/textMessagingChannel.js';
import { OneStoryBot } from './oneStoryBot.js';
import { createHttpServer } from './server.js';
import { turnInfo } from '../dialogs/turnInfo.js';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../data/agencyDirectoryLoader.js';
import { AUDIT_LOG_FILE, AppendOnlyAuditLog } from '../data/audit/auditLog.js';
import { AgencyKeyStore } from '../data/sharing/agencyKeyStore.js';
import { createSharing } from '../useCases/sharing/sharing.js';
import type { PersonSharing } from '../useCases/sharing/personSharing.js';
import { WebhookOutbox } from '../data/sharing/webhookOutbox.js';
import { agencyApiRoutes } from './agencyApi/agencyRoutes.js';
import { WebhookDeliveryWorker } from './webhooks/webhookDeliveryWorker.js';
import { webhookEndpoints } from './webhooks/webhookEndpoints.js';
import { createLocalDirectLine } from './channels/directLine/localDirectLine.js';
import { registerWebPageRoutes } from './channels/webPage/webPageRoutes.js';

export interface OneStoryApp {
  server: Server;
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  /** The person's side of sharing (the dialogs' seam; tests seed handoffs through it). */
  sharing: PersonSharing;
  agencyKeys: AgencyKeyStore;
  webhooks: WebhookDeliveryWorker;
  auditLog: AppendOnlyAuditLog;
}

export interface ComposeOptions {
  log?: Logger;
  clock?: () => Date;
  /** A different question bank (tests prove a topic can be added with data alone). */
  questionBank?: QuestionBank;
  /** Channel id of local web chat conversations: `webchat` (buttons) unless the console chat asks for `console`. */
  localChannelId?: string;
}

/**
 * The composition root: reads nothing but its config, builds every long-lived object once, and wires
 * them together. Nothing else in the code base constructs stores, the adapter or the bot.
 */
export async function composeOneStory(config: OneStoryConfig, options: ComposeOptions = {}): Promise<OneStoryApp> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? (() => new Date());
  const dataDir = resolve(config.DATA_DIR);
  await mkdir(dataDir, { recursive: true });

  const key = await resolveEncryptionKey(config.ONESTORY_ENCRYPTION_KEY, dataDir, config.NODE_ENV === 'production');
  if (key.source === 'development-file-created') {
    log.warn('encryption.developmentKeyCreated', { note: 'ONESTORY_ENCRYPTION_KEY is not set; a development key was generated in DATA_DIR. Set the variable in production.' });
  }
  const documents = new EncryptedFileDocumentStore(dataDir, new RecordCipher(key.key));
  const stories = new StoryStore(documents);
  const bank = options.questionBank ?? (await loadQuestionBank());
  const translations = await loadTranslations();

  // Sharing with agencies: the directory, consent and handoffs, agency keys, the audit log and webhooks.
  // Webhooks run on real time whatever the clock: receivers check signature timestamps against theirs.
  const directory = await loadAgencyDirectory(config.AGENCIES_PATH ?? DEFAULT_AGENCIES_PATH, {
    topicIds: bank.topics.map((topic) => topic.id),
    allowPlainHttpWebhooks: config.NODE_ENV !== 'production',
  });
  const auditLog = new AppendOnlyAuditLog(resolve(dataDir, AUDIT_LOG_FILE));
  const agencyKeys = new AgencyKeyStore(documents);
  const endpoints = webhookEndpoints(directory, config.AGENCY_WEBHOOK_SECRETS, { production: config.NODE_ENV === 'production', log });
  const outbox = new WebhookOutbox(documents, { pushesTo: (agencyId) => endpoints.has(agencyId), clock: () => new Date(), onQueued: () => webhooks.kick() });
  const { person: sharing, agency: agencySharing } = createSharing({
    documents,
    directory,
    bank,
    audit: auditLog,
    notifier: outbox,
    clock,
    consentMonths: config.CONSENT_MONTHS,
    questionText: (key, locale) => String(translations.forLocale(locale)(key)),
  });
  const webhooks = new WebhookDeliveryWorker({
    outbox,
    endpoints,
    log,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    policy: { baseDelayMs: config.WEBHOOK_RETRY_BASE_MS, maxDelayMs: config.WEBHOOK_RETRY_MAX_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS },
    onDelivered: async (job) => {
      if (job.type === 'handoff.created' || job.type === 'handoff.updated') await agencySharing.recordDelivered(job.handoffIds[0]);
    },
  });
  webhooks.start();
  const agencyApi = agencyApiRoutes({ sharing: agencySharing, keys: agencyKeys, translations, log });

  const conversationState = new ConversationState(new EncryptedBotStorage(documents));
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const session = conversationState.createProperty<SessionState>('session');
  const resumeCodes = new ResumeCodeStore(documents, auditLog, config.RESUME_CODE_DAYS);
  // The crisis check's data (each language's cues, the trained model) is validated here, at start-up.
  const crisis = loadCrisisDetector();
  const services: DialogServices = { bank, stories, resumeCodes, sharing, session, clock, crisis, log };

  const eraseEverything = async (context: TurnContext): Promise<number> => {
    // First withdraw every consent and ask each agency that was sent anything to erase it, then delete the story.
    const agenciesAsked = await sharing.eraseEverything(turnInfo(context).personId, context.activity.channelId);
    log.info('sharing.erasureRequested', { agencies: agenciesAsked });
    await stories.erasePerson(turnInfo(context).personId);
    await session.set(context, { lastSeenAt: clock().toISOString() });
    log.info('story.erased', { channel: context.activity.channelId });
    return agenciesAsked;
  };

  const adapter = createAdapter(config, translations, log);
  adapter.use(new ConversationTurnLock());
  adapter.use(new TurnSetup(translations, stories, session));
  adapter.use(new TextMessagingChannel(conversationState, session, dialogState, log));

  const bot = new OneStoryBot({
    conversationState,
    dialogState,
    session,
    dialog: new OneStoryDialog(services, eraseEverything),
    sessionGapMs: config.SESSION_GAP_MINUTES * 60_000,
    clock,
  });
  // With no MicrosoftAppId, this server is its own Direct Line and serves the chat page (no Azure needed).
  // With one, the bot authenticates its replies and only Azure Bot Service channels reach it.
  const localDirectLine = config.MicrosoftAppId
    ? undefined
    : createLocalDirectLine({ idleMs: config.DIRECTLINE_IDLE_MINUTES * 60_000, channelId: options.localChannelId ?? 'webchat', clock, log });
  const localWebChat = localDirectLine
    ? [localDirectLine.register, (server: Server) => registerWebPageRoutes(server, { translations, exitUrl: config.EXIT_URL })]
    : [];
  const server = createHttpServer({ adapter, bot, log, routes: [...localWebChat, agencyApi] });

  return {
    server,
    sharing,
    agencyKeys,
    webhooks,
    auditLog,
    listen: (port = config.PORT) =>
      new Promise((resolveUrl) => {
        const host = config.HOST ?? (config.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1');
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          // The bot reaches its own routes over loopback, whichever interface it listens on.
          resolveUrl(`http://127.0.0.1:${address.port}`);
        });
      }),
    close: async () => {
      await webhooks.stop();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
