import { openStores, type Stores } from '../data/stores.js';
import { resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import type { QuestionBank } from '../domain/questionBank.js';
import { resolveEncryptionKeys } from '../data/storage/encryptionKey.js';
import { makeDataDirPrivate, makePrivateDir } from '../data/storage/privateFiles.js';
import { OneStoryDialog } from '../dialogs/oneStoryDialog.js';
import type { DialogServices } from '../dialogs/dialogServices.js';
import { ConversationTurns } from '../dialogs/conversationTurns.js';
import { eraseStory } from '../useCases/eraseStory.js';
import type { PersonRepository } from '../useCases/ports.js';
import { createAdapter } from './adapter.js';
import { serviceUrlAllowed } from './channelCalls.js';
import { listenHost, publicUrl, type OneStoryConfig } from './config.js';
import { loadTranslations, type Translations } from './i18n.js';
import { createLogger, type Logger } from './logger.js';
import { loadCrisisDetector } from './crisisDetection.js';
import { sharedLanguageGuesser } from './languageIdentification.js';
import { TextMessageSplitting } from './middleware/textMessageSplitting.js';
import { createHttpServer } from './server.js';
import { closableServer } from './http/closing.js';
import { AgencyKeyStore } from '../data/sharing/agencyKeyStore.js';
import type { PersonSharing } from '../useCases/sharing/personSharing.js';
import type { AgencySharing } from '../useCases/sharing/agencySharing.js';
import { agencyApiRoutes } from './agencyApi/agencyRoutes.js';
import { WebhookDeliveryWorker } from './webhooks/webhookDeliveryWorker.js';
import { webhookEndpoints } from './webhooks/webhookEndpoints.js';
import { createLocalDirectLine, type LocalDirectLine } from './channels/directLine/localDirectLine.js';
import { ConversationRegistry } from './channels/directLine/conversationRegistry.js';
import { registerWebPageRoutes } from './channels/webPage/webPageRoutes.js';
import { textNewsNotices } from './channels/newsNotices/textNewsNotices.js';
import { composeSharingParts } from './sharingParts.js';
import { RetentionSweeper, retentionSweep } from './retention/retention.js';
import { StaffAccountService } from '../useCases/staff/staffAccountService.js';
import type { PasswordHashing } from '../useCases/staff/passwords.js';
import { StaffSessionStore } from '../useCases/staff/staffSessionStore.js';
import { StaffPages } from './inbox/pages.js';
import { StaffAccess } from './inbox/staffAccess.js';
import type { InboxDeps } from './inbox/inboxDeps.js';
import { inboxRoutes } from './inbox/inboxRoutes.js';
import { staffSignInLimits } from './inbox/signInLimits.js';
import { checkSingleSignOnAgencies } from './inbox/singleSignOn.js';
import { ShownOnceNotices } from '../data/staff/shownOnceNotices.js';
import { ADMIN_NOTICE_MAX_AGE_MS, type AdminNotice } from './inbox/adminNotice.js';

export interface OneStoryApp {
  server: Server;
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
  /** The person's side of sharing (the dialogs' seam; tests seed handoffs through it). */
  sharing: PersonSharing;
  /** The agency's side of sharing (what the agency API serves). */
  agencySharing: AgencySharing;
  agencyKeys: AgencyKeyStore;
  webhooks: WebhookDeliveryWorker;
  auditLog: Stores['audit'];
  /** People and their stories (tests read what was stored through it). */
  people: PersonRepository;
  translations: Translations;
  bank: QuestionBank;
  /**
   * Hands an activity to the bot in this process, as a channel would, and resolves with its replies:
   * how the local Direct Line and the console reach the bot (only with no MicrosoftAppId).
   */
  deliver(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** The local Direct Line (web chat and console without Azure), when there is no MicrosoftAppId. */
  localDirectLine?: LocalDirectLine;
  /** The daily retention sweep (runs on its own; tests run it now with `sweepNow`). */
  retention: Pick<RetentionSweeper, 'sweepNow'>;
  /** Agency staff: accounts and sessions (tests sign staff in through them: test/support/staffSession.ts). */
  staff: { accounts: StaffAccountService; sessions: StaffSessionStore; clock: () => Date };
}

export interface ComposeOptions {
  log?: Logger;
  clock?: () => Date;
  /** A different question bank (tests prove a topic can be added with data alone). */
  questionBank?: QuestionBank;
  /** Another locales folder (tests). */
  localesDir?: string;
  /** Channel id of local web chat conversations: `webchat` (buttons) unless the console chat asks for `console`. */
  localChannelId?: string;
  /**
   * How staff passwords are hashed: production's cost (STAFF_PASSWORD_HASHING) unless code passes another.
   * Tests that set up many accounts pass a cheaper one; no setting can.
   */
  staffPasswordHashing?: PasswordHashing;
}

/**
 * How often the server looks at the webhook queue when it has nothing due: another instance (PostgreSQL) or
 * `npm run purge` beside it (either store) may have queued a message.
 */
const WEBHOOK_POLL_MS = 15_000;
/** Retention: the first sweep a few minutes after start, then one a day. */
const FIRST_SWEEP_AFTER_MS = 5 * 60_000;
const SWEEP_EVERY_MS = 24 * 60 * 60_000;

/**
 * The composition root: reads nothing but its config, builds every long-lived object once, and wires
 * them together. Nothing else in the code base constructs stores, the adapter or the bot (`npm run purge`
 * opens the stores beside a running server and builds what it needs with `composeSharingParts`).
 */
export async function composeOneStory(config: OneStoryConfig, options: ComposeOptions = {}): Promise<OneStoryApp> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? (() => new Date());
  const dataDir = resolve(config.DATA_DIR);
  await makePrivateDir(dataDir);
  // Files an earlier version wrote readable by others (0644) are narrowed to 0600, folders to 0700.
  const narrowed = makeDataDirPrivate(dataDir);
  if (narrowed > 0) log.info('storage.madePrivate', { count: narrowed });
  const translations = await loadTranslations(options.localesDir);
  // The operator's and HTTP clients' copy is English (locales/en/operator.json, api.json).
  const english = translations.forLocale('en');

  const key = await resolveEncryptionKeys(config, dataDir, config.NODE_ENV === 'production');
  if (key.source === 'development-file-created') {
    log.warn('encryption.developmentKeyCreated', { note: english('operator.encryption.developmentKeyCreated') });
  }
  // PostgreSQL with DATABASE_URL (migrated first), else the embedded store in DATA_DIR.
  const stores = await openStores({ databaseUrl: config.DATABASE_URL, dataDir, keys: key.keys, poolSize: config.DATABASE_POOL_SIZE });
  const { documents, coordination } = stores;
  // A crash mid-write leaves the document whole and a temporary file beside it: tidy those away.
  const strayFiles = await stores.tidy();
  if (strayFiles > 0) log.info('storage.strayTemporaryFilesRemoved', { count: strayFiles });
  // The adapter is built before sharing: an agency's reply can send the person a short text through it.
  const adapter = createAdapter(config, translations, log);
  adapter.use(new TextMessageSplitting());
  const { bank, directory, endpoints, webhookSecrets, outbox, people, limits, resumeCodes, sharing: shared, outcomes } = await composeSharingParts(config, stores, {
    translations,
    log,
    clock,
    questionBank: options.questionBank,
    onQueued: () => webhooks.kick(),
    newsSender: textNewsNotices(adapter, config.MicrosoftAppId, translations),
  });
  const { person: sharing, agency: agencySharing, news } = shared;
  const auditLog = stores.audit;
  const agencyKeys = new AgencyKeyStore(documents);
  const webhooks = new WebhookDeliveryWorker({
    outbox,
    endpoints,
    log,
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    policy: { baseDelayMs: config.WEBHOOK_RETRY_BASE_MS, maxDelayMs: config.WEBHOOK_RETRY_MAX_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS },
    // Several instances share the queue, or a CLI queues beside the server: look now and then for what they queued or left.
    pollIntervalMs: WEBHOOK_POLL_MS,
    onDelivered: async (job) => {
      if (job.type === 'handoff.created' || job.type === 'handoff.updated') await agencySharing.recordDelivered(job.handoffIds[0]);
    },
  });
  webhooks.start();
  const agencyLanguages = new Map(directory.agencies.map((agency) => [agency.id, agency.language]));
  const agencyApi = agencyApiRoutes({ sharing: agencySharing, keys: agencyKeys, translations, log, agencyLanguage: (id) => agencyLanguages.get(id) ?? 'en', bank, perKey: limits.agencyKey });

  // Agency staff (issue 13): accounts, sessions and the pages they sign in to, in their agency's language.
  // Single sign-on providers only for agencies the directory has (a typo would leave staff unable to sign in).
  checkSingleSignOnAgencies(config.AGENCY_SSO, directory.agencies.map((agency) => agency.id), english);
  const staffSessions = new StaffSessionStore({ documents, audit: auditLog, clock, idleMinutes: config.STAFF_IDLE_MINUTES });
  const staffAccounts = new StaffAccountService({ documents, coordination, audit: auditLog, clock, sessions: staffSessions, agencyExists: (id) => agencyLanguages.has(id), passwordHashing: options.staffPasswordHashing });
  staffSessions.useAccounts(staffAccounts);
  const staffPages = new StaffPages(translations);
  const staffLanguage = (agencyId: string | null) => (agencyId === null ? 'en' : (agencyLanguages.get(agencyId) ?? 'en'));
  const staffAccess = new StaffAccess({ sessions: staffSessions, pages: staffPages, translations, agencyLanguage: staffLanguage, publicUrl: publicUrl(config), log });
  const inboxDeps: InboxDeps = {
    pages: staffPages,
    guard: staffAccess,
    accounts: staffAccounts,
    sessions: staffSessions,
    agencySharing,
    agencyKeys,
    directory,
    bank,
    translations,
    audit: auditLog,
    log,
    clock,
    agencyLanguage: staffLanguage,
    signInLimits: staffSignInLimits(config, stores.rateLimits),
    publicUrl: publicUrl(config),
    singleSignOn: config.AGENCY_SSO,
    singleSignOnConfigured: (agencyId) => Object.hasOwn(config.AGENCY_SSO, agencyId),
    trustedProxies: config.TRUST_PROXY,
    signIn: { accounts: staffAccounts, sessions: staffSessions, access: staffAccess },
    webhookSecrets,
    webhookGraceHours: config.WEBHOOK_SECRET_GRACE_HOURS,
    adminNotices: new ShownOnceNotices<AdminNotice>(documents, { clock, maxAgeMs: ADMIN_NOTICE_MAX_AGE_MS }),
    outcomes: stores.outcomes,
  };

  // The crisis check's data (each language's cues, the trained model) is validated here, at start-up.
  const crisis = loadCrisisDetector();
  const services: DialogServices = {
    bank,
    resumeCodes,
    sharing,
    clock,
    crisis,
    guessLanguage: sharedLanguageGuesser(),
    log,
    retentionDays: config.RETENTION_DAYS,
    eraseStory: async (personId, channel) => {
      const agenciesAsked = await eraseStory(
        { eraseShared: (id, on) => sharing.eraseEverything(id, on), people, resumeCodes, outcomes: { recorder: outcomes, by: 'person', clock } },
        personId,
        channel,
      );
      log.info('story.erased', { channel, agenciesAsked });
      return agenciesAsked;
    },
  };
  const turns = new ConversationTurns({
    people,
    coordination,
    copy: translations,
    dialog: new OneStoryDialog(services),
    clock,
    sessionGapMs: config.SESSION_GAP_MINUTES * 60_000,
    newsNoticeSentTo: (personId, conversationKey, since) => news.sentTo(personId, conversationKey, since),
    outcomes,
  });
  const turn = (context: Parameters<ConversationTurns['run']>[0]) => turns.run(context);

  const deliver = (activity: Partial<Activity>) => adapter.deliverInProcess(activity, turn);
  // What a conversation whose messages come too fast is told, once, in its language.
  const slowDown = (locale: string | undefined) => String(translations.forLocale(translations.resolveLocale(locale))('limits.slowDown'));

  // With no MicrosoftAppId, this server is its own Direct Line and serves the chat page (no Azure needed).
  // With one, the bot authenticates its replies and only Azure Bot Service channels reach it.
  const localDirectLine = config.MicrosoftAppId
    ? undefined
    : createLocalDirectLine({
        // Shared by every instance with PostgreSQL; this process's memory with the embedded store.
        conversations: (stores.sharedLocalConversations ?? ((settings) => new ConversationRegistry(settings)))({
          idleMs: config.DIRECTLINE_IDLE_MINUTES * 60_000,
          channelId: options.localChannelId ?? 'webchat',
          clock,
          maxConversations: config.DIRECTLINE_MAX_CONVERSATIONS,
          onEvicted: () => log.info('directline.idlestDropped'),
        }),
        clock,
        log,
        t: english,
        deliver,
        limits: {
          starts: limits.directLineStarts,
          messages: limits.messages,
          trustedProxies: config.TRUST_PROXY,
          slowDown,
        },
      });
  const localWebChat = localDirectLine
    ? [localDirectLine.register, (server: Server) => registerWebPageRoutes(server, { translations, exitUrl: config.EXIT_URL, retentionDays: config.RETENTION_DAYS })]
    : [];
  // Retention: a daily sweep (one instance at a time) erases what has been kept long enough.
  const retention = new RetentionSweeper({
    sweep: retentionSweep({ stores, people, resumeCodes, sharing, outcomes, clock }),
    clock,
    inactiveDays: config.RETENTION_DAYS,
    log,
    firstAfterMs: FIRST_SWEEP_AFTER_MS,
    everyMs: SWEEP_EVERY_MS,
  });
  retention.start();
  const server = createHttpServer({
    adapter,
    turn,
    log,
    t: english,
    routes: [...localWebChat, agencyApi, inboxRoutes(inboxDeps)],
    // Without authentication nothing vouches for an activity's serviceUrl: this machine or the allowed hosts only.
    serviceUrlAllowed: config.MicrosoftAppId ? undefined : (serviceUrl) => serviceUrlAllowed(serviceUrl, config.ALLOWED_SERVICE_URL_HOSTS),
    // With authentication on, only Azure Bot Service can post to /api/messages.
    ...(config.MicrosoftAppId ? {} : { messageLimit: { perConversation: limits.messages, slowDown } }),
  });
  const listening = closableServer(server.server);

  return {
    server,
    sharing,
    agencySharing,
    agencyKeys,
    webhooks,
    auditLog,
    people,
    translations,
    bank,
    deliver,
    localDirectLine,
    retention,
    staff: { accounts: staffAccounts, sessions: staffSessions, clock },
    listen: (port = config.PORT) =>
      new Promise((resolveUrl) => {
        server.listen(port, listenHost(config), () => {
          const address = server.address() as AddressInfo;
          // The URL to reach it from this machine, whichever interface it listens on.
          resolveUrl(`http://127.0.0.1:${address.port}`);
        });
      }),
    close: async () => {
      await retention.stop();
      await webhooks.stop();
      // Requests being answered finish first; connections a browser opened and never used do not hold it up.
      await listening.close();
      await stores.close();
    },
  };
}
