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
import { loadQuestionBank } from '../data/questionBankLoader.js';
import { OneStoryDialog } from '../dialogs/oneStoryDialog.js';
import type { DialogServices, SessionState } from '../dialogs/dialogServices.js';
import { createAdapter } from './adapter.js';
import type { OneStoryConfig } from './config.js';
import { EncryptedBotStorage } from './encryptedBotStorage.js';
import { loadTranslations } from './i18n.js';
import { createLogger, type Logger } from './logger.js';
import { ConversationTurnLock } from './middleware/conversationTurnLock.js';
import { CrisisCheck } from './middleware/crisisCheck.js';
import { TurnSetup } from './middleware/turnSetup.js';
import { OneStoryBot } from './oneStoryBot.js';
import { createHttpServer } from './server.js';
import { turnInfo } from './turnServices.js';

export interface OneStoryApp {
  server: Server;
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(port?: number): Promise<string>;
  close(): Promise<void>;
}

export interface ComposeOptions {
  log?: Logger;
  clock?: () => Date;
  /** A different question bank (tests prove a topic can be added with data alone). */
  questionBank?: QuestionBank;
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

  const conversationState = new ConversationState(new EncryptedBotStorage(documents));
  const dialogState = conversationState.createProperty<DialogState>('dialogState');
  const session = conversationState.createProperty<SessionState>('session');
  const services: DialogServices = { bank, stories, session, clock };

  const eraseEverything = async (context: TurnContext): Promise<void> => {
    await stories.erasePerson(turnInfo(context).personId);
    await session.set(context, { lastSeenAt: clock().toISOString() });
    log.info('story.erased', { channel: context.activity.channelId });
  };

  const adapter = createAdapter(config, translations, log);
  adapter.use(new ConversationTurnLock());
  adapter.use(new TurnSetup(translations, stories));
  adapter.use(new CrisisCheck(session, log));

  const bot = new OneStoryBot({
    conversationState,
    dialogState,
    session,
    dialog: new OneStoryDialog(services, eraseEverything),
    sessionGapMs: config.SESSION_GAP_MINUTES * 60_000,
    clock,
  });
  const server = createHttpServer({ adapter, bot, log });

  return {
    server,
    listen: (port = config.PORT) =>
      new Promise((resolveUrl) => {
        server.listen(port, '127.0.0.1', () => {
          const address = server.address() as AddressInfo;
          resolveUrl(`http://127.0.0.1:${address.port}`);
        });
      }),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
