import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { composeOneStory } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { createLogger } from '../../bot/logger.js';
import { loadCrisisDetector } from '../../bot/crisisDetection.js';
import { seedStoredPeople } from './seedPeople.js';

/**
 * `npm run bench`: the speed figures, kept out of the tests. It measures what a person waits for, a
 * turn over HTTP, with few and with many people stored, to show a turn's cost does not grow with the
 * number of people; and the crisis check that reads every message.
 */

const TURNS = 150;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function describe(label: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${label}: median ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms (${samples.length} samples)`;
}

async function turnTimes(peopleStored: number): Promise<number[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'one-story-bench-'));
  const key = randomBytes(32);
  await seedStoredPeople(dataDir, key, peopleStored);
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ONESTORY_ENCRYPTION_KEY: key.toString('base64'), LOG_LEVEL: 'silent' });
  const app = await composeOneStory(config, { log: createLogger('silent') });
  const baseUrl = await app.listen(0);
  const times: number[] = [];
  // Replies come back in the HTTP response (deliveryMode expectReplies): no channel service needed.
  const post = async (text: string) => {
    const started = performance.now();
    const response = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        text,
        deliveryMode: 'expectReplies',
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: 'bench-conversation' },
        from: { id: 'bench-person' },
        recipient: { id: 'bot' },
      }),
    });
    await response.text();
    times.push(performance.now() - started);
  };
  await post('hi');
  await post('No, just me');
  await post('skip');
  for (let i = 0; i < TURNS; i++) {
    await post('housing');
    await post('Sofa surfing');
    await post('menu');
  }
  await app.close();
  await rm(dataDir, { recursive: true, force: true });
  return times.slice(3);
}

async function main(): Promise<void> {
  const few = await turnTimes(10);
  const many = await turnTimes(3000);
  console.log(describe('turn over HTTP, 10 people stored', few));
  console.log(describe('turn over HTTP, 3000 people stored', many));
  const ratio = percentile([...many].sort((a, b) => a - b), 50) / percentile([...few].sort((a, b) => a - b), 50);
  console.log(`median turn with 3000 people / with 10 people: ${ratio.toFixed(2)}x (1.0 = no growth)`);

  // The crisis check as the bot runs it: language identification, the classifier and the rules.
  const detector = loadCrisisDetector();
  const short = [
    'I am sofa surfing at my mate’s',
    'this form is killing me',
    'I want to end it all tonight',
    'nie mam gdzie spać, śpię u kolegi na kanapie',
    'vreau să mor, nu mai pot',
    'بدي موت، ما عاد فيني',
    'mein bohat thak gaya hoon, ab aur nahi',
  ];
  const shortTimes: number[] = [];
  for (let i = 0; i < 4000; i++) {
    const started = performance.now();
    detector.assess(short[i % short.length]);
    shortTimes.push(performance.now() - started);
  }
  console.log(describe('crisis check, short messages in 5 languages (target: median <= 1 ms, p99 <= 10 ms)', shortTimes));
  const story = 'I have been staying at my sisters since the council said no. Universal credit was cut again this month. ';
  const long = (story.repeat(Math.ceil(10_000 / story.length)).slice(0, 9_950) + ' i took all my pills').slice(0, 10_000);
  const longTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    const started = performance.now();
    detector.assess(long);
    longTimes.push(performance.now() - started);
  }
  console.log(describe('crisis check, a 10,000-character message (target: <= 50 ms)', longTimes));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
