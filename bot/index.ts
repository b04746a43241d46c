import 'dotenv/config';
import { ConfigurationError, loadConfig } from './config.js';
import { DataDirInUseError } from '../data/stores.js';
import { LocaleFileError, operatorCopy } from './i18n.js';

/** What `npm start` tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/** `npm start`: read the configuration once, build One Story, listen. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  // The app's modules (Bot Framework, the language identifier's n-grams: seconds of CPU) are loaded only
  // once the configuration is known to be good, so a mistake in it is reported at once.
  const { composeOneStory } = await import('./app.js');
  const app = await composeOneStory(config);
  const url = await app.listen(config.PORT);
  const localUrl = url.replace('127.0.0.1', 'localhost');
  process.stdout.write(`${t('operator.start.listening', { url: localUrl })}\n`);
  process.stdout.write(`  ${t('operator.start.botEndpoint', { url })}\n`);
  if (!config.MicrosoftAppId) process.stdout.write(`  ${t('operator.start.webChat', { url: localUrl })}\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // Both name what to fix (a setting, a locale file) and never a value.
  if (error instanceof ConfigurationError || error instanceof LocaleFileError) process.stderr.write(error.message + '\n');
  else if (error instanceof DataDirInUseError) process.stderr.write(`${t('operator.start.dataDirInUse', { dataDir: error.dataDir, pid: error.pid, since: error.since })}\n`);
  else process.stderr.write(`${t('operator.start.failed', { error: error instanceof Error ? error.name : t('operator.unknownError') })}\n${error instanceof Error ? error.stack ?? '' : ''}\n`);
  process.exit(1);
});
