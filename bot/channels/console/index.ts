import 'dotenv/config';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { composeOneStory } from '../../app.js';
import { ConfigurationError, loadConfig } from '../../config.js';
import { LocaleFileError, operatorCopy } from '../../i18n.js';
import { runConsoleChat, terminalLocale } from './consoleChat.js';
import { startInProcessConversation } from './inProcessConversation.js';

/** Where `npm run chat` keeps its stories unless CHAT_DATA_DIR says otherwise: apart from the server's. */
const DEFAULT_CHAT_DATA_DIR = './var/console-chat';

/**
 * `npm run chat`: One Story in a terminal, for trying it and for training support workers. It builds the
 * same app as `npm start`, through the same composition root, and talks to it through the local Direct
 * Line in this process (it listens on no port). It never uses Azure settings (the local Direct Line
 * hands activities to the bot without authentication).
 */
async function main(): Promise<void> {
  const env = process.env;
  const dataDir = env.CHAT_DATA_DIR ?? DEFAULT_CHAT_DATA_DIR;
  const config = loadConfig({
    ...env,
    NODE_ENV: env.NODE_ENV === 'test' ? 'test' : 'development',
    DATA_DIR: dataDir,
    LOG_LEVEL: env.CHAT_LOG_LEVEL ?? 'error',
    MicrosoftAppId: undefined,
    MicrosoftAppPassword: undefined,
    MicrosoftAppType: undefined,
    MicrosoftAppTenantId: undefined,
  });
  const app = await composeOneStory(config, { localChannelId: 'console' });
  const line = app.localDirectLine;
  if (!line) throw new Error('the console chat needs the local Direct Line');
  const locale = terminalLocale(env);
  const t = app.translations.forLocale(locale);
  const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  terminal.setPrompt(t('console.prompt'));
  // Take the iterator now: lines typed (or piped) while the welcome is loading must not be lost.
  const lines = terminal[Symbol.asyncIterator]();
  try {
    await runConsoleChat(() => startInProcessConversation(line, locale), { lines: { [Symbol.asyncIterator]: () => lines }, write: (text) => process.stdout.write(text), prompt: () => terminal.prompt() }, t);
  } finally {
    terminal.close();
    process.stdout.write(`\n${t('console.goodbye', { dataDir: resolve(dataDir) })}\n`);
    await app.close();
  }
}

main().catch((error: unknown) => {
  // Both name what to fix (a setting, a locale file) and never a value.
  if (error instanceof ConfigurationError || error instanceof LocaleFileError) process.stderr.write(error.message + '\n');
  else {
    const t = operatorCopy();
    process.stderr.write(`${t('operator.consoleChat.stopped', { error: error instanceof Error ? error.name : t('operator.unknownError') })}\n`);
  }
  process.exit(1);
});
