import { monitorEventLoopDelay } from 'node:perf_hooks';
import { composeOneStory } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { startPlainBot } from './plainBot.js';

/**
 * One bot under test in its own process, started by test/bench/run.ts (`plain` or `onestory`). The bench
 * drives it over HTTP from the parent process: a client and a server sharing one event loop measure
 * each other (with both in one process, the second request on each connection waited seconds behind the
 * others, even with a bare node:http server), and the memory figures must be the bot's alone.
 *
 * Over IPC it answers `{ ask: 'figures' }` with its memory (after a garbage collection, when node runs
 * with --expose-gc), its peak RSS since the last ask and its CPU time; `{ ask: 'close' }` stops it.
 * One Story's data folder and key come in BENCH_DATA_DIR and BENCH_KEY (never on the command line), and
 * BENCH_DATABASE_URL puts it on PostgreSQL.
 */

export interface BotFigures {
  heapUsedBytes: number;
  rssBytes: number;
  peakRssBytes: number;
  /** User and system CPU time of this process so far, in milliseconds. */
  cpuMs: number;
  /** The longest the event loop was held up since the last ask, in milliseconds (blocked by a turn, a garbage collection, a synchronous call). */
  loopDelayMaxMs: number;
}

export type ToParent = { ready: string } | { figures: BotFigures } | { closed: true } | { failed: string };
export type ToBot = { ask: 'figures' } | { ask: 'close' };

async function start(kind: string): Promise<{ baseUrl: string; close(): Promise<void> }> {
  if (kind === 'plain') return startPlainBot();
  if (kind !== 'onestory') throw new Error(`unknown bot ${kind}`);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: process.env.BENCH_DATA_DIR ?? '',
    ONESTORY_ENCRYPTION_KEY: process.env.BENCH_KEY ?? '',
    LOG_LEVEL: 'silent',
    // The bench's people send as fast as the bot answers, which no person does: it measures speed, not limits.
    MESSAGES_PER_CONVERSATION: '1000000',
    // PostgreSQL when the bench gives a database (several instances may share it).
    ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
  });
  const app = await composeOneStory(config, { log: createLogger('silent') });
  return { baseUrl: await app.listen(0), close: () => app.close() };
}

function send(message: ToParent): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const bot = await start(process.argv[2] ?? '');
  const collectGarbage = (globalThis as { gc?: () => void }).gc;
  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss())), 100);
  sampler.unref();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  process.on('message', (message: ToBot) => {
    if (message.ask === 'figures') {
      const cpu = process.cpuUsage();
      const loopDelayMaxMs = loopDelay.max / 1e6;
      collectGarbage?.();
      collectGarbage?.();
      const memory = process.memoryUsage();
      send({ figures: { heapUsedBytes: memory.heapUsed, rssBytes: memory.rss, peakRssBytes: Math.max(peakRssBytes, memory.rss), cpuMs: (cpu.user + cpu.system) / 1000, loopDelayMaxMs } });
      loopDelay.reset();
      peakRssBytes = memory.rss;
    } else if (message.ask === 'close') {
      void bot.close().then(() => {
        send({ closed: true });
        process.disconnect();
      });
    }
  });
  // The bench went away: so does the bot.
  process.on('disconnect', () => process.exit(0));
  send({ ready: bot.baseUrl });
}

main().catch((error: unknown) => {
  send({ failed: error instanceof Error ? `${error.name}: ${error.message}` : 'start-up failed' });
  process.exit(1);
});
