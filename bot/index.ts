import 'dotenv/config';
import { ConfigurationError, loadConfig } from './config.js';
import { composeOneStory } from './app.js';

/** `npm start`: read the configuration once, build One Story, listen. */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await composeOneStory(config);
  const url = await app.listen(config.PORT);
  process.stdout.write(`One Story is listening on ${url.replace('127.0.0.1', 'localhost')}\n`);
  process.stdout.write(`  Bot Framework endpoint: ${url}/api/messages\n`);
  if (!config.MicrosoftAppId) process.stdout.write(`  Web chat (no Azure needed): open ${url.replace('127.0.0.1', 'localhost')}/ in a browser\n`);
  const stop = () => void app.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
  else process.stderr.write(`One Story could not start: ${error instanceof Error ? error.name : 'unknown error'}\n${error instanceof Error ? error.stack ?? '' : ''}\n`);
  process.exit(1);
});
