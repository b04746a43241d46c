import { execFile, fork } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { TFunction } from 'i18next';
import { loadTranslations } from '../../bot/i18n.js';
import { loadCrisisDetector } from '../../bot/crisisDetection.js';
import { projectRoot } from '../../data/paths.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { openStores } from '../../data/stores.js';
import type { DocumentStore } from '../../useCases/ports.js';
import { openBenchDatabase, type BenchDatabase } from './benchDatabase.js';
import type { BotFigures, ToBot, ToParent } from './botProcess.js';
import { seedStoredPeople } from './seedPeople.js';
import { abuseCompiledServer, describeAbuse } from './abuse.js';

/**
 * `npm run bench`: the speed figures, printed and never asserted (timings belong nowhere near the tests).
 *
 * 1. One Story beside a plain Bot Framework dialog bot (test/bench/plainBot.ts), each bot in its own process
 *    (test/bench/botProcess.ts) driven from this one: 50 people at once, each in their own conversation,
 *    doing real turns over HTTP (POST /api/messages with deliveryMode expectReplies, so replies come back
 *    in the response): the welcome, then three topics, each answered in part, left for the menu, picked
 *    again and finished. Both bots are started and warmed up, then measured in BENCH_ROUNDS rounds (5)
 *    of one window each, taking turns to go first; the ratios compared with the targets are the medians
 *    of the rounds' ratios (one short window on a shared machine moved the ratio from 0.68x to 0.91x).
 *    Each window starts with BENCH_REWARM_TURNS (200) turns that are not measured: whichever bot came
 *    after the other's window (idle for its 6-8 s) answered the first new people of its window in 1-3 s,
 *    both bots alike, with neither process's event loop held up more than about 0.3 s and no TCP drop
 *    (the cause is not known). Each window's progress line prints the longest hold-up of the bot's event
 *    loop and of the driver's, and the slowest turns with when they came.
 * 2. One Story with 100 and with 100,000 people stored (seeded into the data folder before the server
 *    starts): a turn's time and the bot process's memory should not grow with the number of people.
 * 3. One Story on PostgreSQL beside the same plain bot: one instance, then two instances on one database
 *    with each person's turns going to either in turn (a load balancer with no sticky sessions). The
 *    database is DATABASE_URL's server (a database created for the run and dropped after it), else a
 *    throwaway local cluster started as the tests start theirs (test/setup/postgresCluster.js).
 * 4. The crisis check that reads every message: short messages, and a 10,000-character one.
 * 5. A bounded abuse run (test/bench/abuse.ts, also `npm run bench:abuse` alone): oversized bodies, deep
 *    nesting, long strings, malformed JSON and token floods against the compiled server at debug level,
 *    printing what was refused (by status and error code), any 5xx, and any log line carrying a secret.
 *
 * Every reply is checked against the copy the person should see next; a turn answered with an error, an
 * HTTP failure or an unexpected reply is counted and printed, so these figures cannot quietly measure an
 * error path. Sizes can be changed with BENCH_ROUNDS, BENCH_TURNS, BENCH_WARMUP_TURNS, BENCH_REWARM_TURNS, BENCH_PEOPLE_AT_ONCE,
 * BENCH_FEW_STORED and BENCH_MANY_STORED;
 * BENCH_CPU_PROFILE=<folder> has each bot process write a CPU profile per thread (node --cpu-prof) in <folder>/plain and <folder>/onestory.
 */

const PEOPLE_AT_ONCE = numberFromEnv('BENCH_PEOPLE_AT_ONCE', 50);
const TURNS = numberFromEnv('BENCH_TURNS', 2400);
const WARMUP_TURNS = numberFromEnv('BENCH_WARMUP_TURNS', 600);
const REWARM_TURNS = numberFromEnv('BENCH_REWARM_TURNS', 200);
/** Measured windows of the plain bot and One Story, taking turns (see `sideBySide`). */
const ROUNDS = Math.max(1, numberFromEnv('BENCH_ROUNDS', 5));
const FEW_STORED = numberFromEnv('BENCH_FEW_STORED', 100);
const MANY_STORED = numberFromEnv('BENCH_MANY_STORED', 100_000);
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE ?? '';
/** BENCH_ONLY=side-by-side: only part 1 (One Story beside the plain bot), for a quick look while working. */
const SIDE_BY_SIDE_ONLY = process.env.BENCH_ONLY === 'side-by-side';
/** A turn with no answer by then counts as failed, so a stuck bot cannot hang the bench. */
const TURN_TIMEOUT_MS = 60_000;

/** The topics each simulated person goes through: four questions each, like the plain bot's. */
const SCRIPT_TOPICS: Array<{ id: string; say: string }> = [
  { id: 'housing', say: 'housing' },
  { id: 'physical-health', say: 'physical health' },
  { id: 'money', say: 'money' },
];

/** Ordinary answers to free-text questions (nothing a crisis check should stop at). */
const TEXT_ANSWERS = [
  'About two weeks, maybe a bit longer',
  'My friend says I can stay until the end of the month',
  'Asthma, and my knee is bad in the cold',
  'An inhaler and sometimes paracetamol',
  'The bus costs a lot so I walk most places',
  'Universal Credit, paid every month',
  'Keeping up with the rent and the electric',
  'Housing benefit and some cash work',
];

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a whole number`);
  return parsed;
}

// ---------------------------------------------------------------------------------------------------
// The script: what each simulated person says, and what they must see in reply.

interface BankTopic {
  id: string;
  titleKey: string;
  questions: Array<{ id: string; kind: 'text' | 'choice'; textKey: string; choices?: Array<{ labelKey: string }> }>;
}

type StepKind = 'welcome' | 'pick a topic' | 'answer' | 'menu';

interface Step {
  kind: StepKind;
  say: string;
  /** Texts that must each be one of the replies. */
  expect: string[];
}

/** A person's whole visit: 3 welcome turns, then 7 turns per topic (24 in all). */
function personScript(t: TFunction, bank: BankTopic[], person: number): Step[] {
  const steps: Step[] = [
    { kind: 'welcome', say: 'hi', expect: [t('supporter.ask')] },
    { kind: 'welcome', say: t('supporter.no'), expect: [t('welcome.askName')] },
    { kind: 'welcome', say: 'skip', expect: [t('welcome.noName'), t('menu.askFirst', { readFirst: t('topics.what-helps.title') })] },
  ];
  let answerNumber = person;
  for (const { id, say } of SCRIPT_TOPICS) {
    const topic = bank.find((candidate) => candidate.id === id);
    if (!topic || topic.questions.length !== 4) throw new Error(`bench script: topic ${id} should have four questions`);
    const [q1, q2, q3, q4] = topic.questions;
    const answer = (question: BankTopic['questions'][number]): string => {
      answerNumber++;
      if (question.kind === 'choice') {
        const choices = question.choices ?? [];
        return t(choices[answerNumber % choices.length].labelKey);
      }
      return TEXT_ANSWERS[answerNumber % TEXT_ANSWERS.length];
    };
    steps.push(
      { kind: 'pick a topic', say, expect: [t(`topics.${id}.intro`), t(q1.textKey)] },
      { kind: 'answer', say: answer(q1), expect: [t(q2.textKey)] },
      { kind: 'menu', say: 'menu', expect: [t('menu.askNext')] },
      { kind: 'pick a topic', say, expect: [t(`topics.${id}.intro`), t(q2.textKey)] },
      { kind: 'answer', say: answer(q2), expect: [t(q3.textKey)] },
      { kind: 'answer', say: answer(q3), expect: [t(q4.textKey)] },
      { kind: 'answer', say: answer(q4), expect: [t('topic.finished', { title: t(topic.titleKey) }), t('menu.askNext')] },
    );
  }
  return steps;
}

// ---------------------------------------------------------------------------------------------------
// The driver: people at once over HTTP, each turn timed and its replies checked.

interface Failure {
  kind: 'error' | 'unexpected';
  person: string;
  step: number;
  said: string;
  detail: string;
}

interface LoadResult {
  turns: number;
  seconds: number;
  latencies: number[];
  /** Each turn's time by what the person was doing, to show where the time goes. */
  byKind: Map<StepKind, number[]>;
  /** The slowest turns, with when they started (seconds into the run). */
  slowest: Array<{ ms: number; at: number; kind: StepKind }>;
  failures: Failure[];
  /** This (the driving) process's CPU time per turn: if it neared the bot's, the driver would be what is measured. */
  driverCpuMsPerTurn: number;
}

/**
 * Runs `turns` turns with PEOPLE_AT_ONCE people talking at once; a person who finishes is replaced by a new
 * one. With several instances, each person's turns go to each instance in turn.
 */
async function drive(baseUrls: string[], runId: string, turns: number, t: TFunction, bank: BankTopic[]): Promise<LoadResult> {
  const errorText = t('error.somethingWentWrong');
  const latencies: number[] = [];
  const byKind = new Map<StepKind, number[]>();
  const timeline: Array<{ ms: number; at: number; kind: StepKind }> = [];
  const failures: Failure[] = [];
  let issued = 0;
  let nextPerson = 0;
  const runStarted = performance.now();
  const cpuAtStart = process.cpuUsage();

  const turn = async (baseUrl: string, person: string, sequence: number, step: Step, index: number): Promise<boolean> => {
    const body = JSON.stringify({
      type: 'message',
      id: `${person}-${sequence}`,
      text: step.say,
      deliveryMode: 'expectReplies',
      channelId: 'webchat',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: `${person}-conversation` },
      from: { id: `${person}-user`, name: 'Person' },
      recipient: { id: 'bot', name: 'Bot' },
      locale: 'en-GB',
      timestamp: new Date().toISOString(),
    });
    const started = performance.now();
    let status = 0;
    let text = '';
    try {
      const response = await fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(TURN_TIMEOUT_MS) });
      status = response.status;
      text = await response.text();
    } catch (error) {
      text = error instanceof Error ? error.name : 'fetch failed';
    }
    const ms = performance.now() - started;
    latencies.push(ms);
    const ofKind = byKind.get(step.kind) ?? [];
    ofKind.push(ms);
    byKind.set(step.kind, ofKind);
    timeline.push({ ms, at: (started - runStarted) / 1000, kind: step.kind });
    const fail = (kind: Failure['kind'], detail: string): false => {
      failures.push({ kind, person, step: index + 1, said: step.say, detail });
      return false;
    };
    if (status !== 200) return fail('error', `HTTP ${status || 'failure'}: ${text.slice(0, 120)}`);
    let replies: string[];
    try {
      const parsed = JSON.parse(text) as { activities?: Array<{ type?: string; text?: string }> };
      replies = (parsed.activities ?? []).filter((activity) => activity.type === 'message').map((activity) => activity.text ?? '');
    } catch {
      return fail('error', `not JSON: ${text.slice(0, 120)}`);
    }
    if (replies.includes(errorText)) return fail('error', 'the error reply');
    const missing = step.expect.filter((expected) => !replies.includes(expected));
    if (missing.length > 0) return fail('unexpected', `expected "${short(missing[0])}", got ${replies.map((reply) => `"${short(reply)}"`).join(' | ') || 'no reply'}`);
    return true;
  };

  const slot = async (): Promise<void> => {
    while (issued < turns) {
      const number = nextPerson++;
      const person = `${runId}-p${number}`;
      const script = personScript(t, bank, number);
      for (let index = 0; index < script.length && issued < turns; index++) {
        issued++;
        // A person whose conversation went off script leaves; the next person takes their place.
        if (!(await turn(baseUrls[(number + index) % baseUrls.length], person, index + 1, script[index], index))) break;
      }
    }
  };

  await Promise.all(Array.from({ length: PEOPLE_AT_ONCE }, slot));
  const seconds = (performance.now() - runStarted) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const slowest = timeline.sort((a, b) => b.ms - a.ms).slice(0, 5);
  return { turns: latencies.length, seconds, latencies, byKind, slowest, failures, driverCpuMsPerTurn: (cpu.user + cpu.system) / 1000 / latencies.length };
}

function short(text: string): string {
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

// ---------------------------------------------------------------------------------------------------
// Figures.

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function describe(label: string, samples: number[]): string {
  return `${label}: median ${percentile(samples, 50).toFixed(2)} ms, p95 ${percentile(samples, 95).toFixed(2)} ms, p99 ${percentile(samples, 99).toFixed(2)} ms (${samples.length} samples)`;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (row: string[]) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('   ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('   '), ...rows.map(line)].join('\n');
}

function verdict(ratio: number, target: number, atLeast: boolean): string {
  const met = atLeast ? ratio >= target : ratio <= target;
  return `${atLeast ? '>=' : '<='} ${target.toFixed(2)}x ${met ? 'met' : 'NOT MET'}`;
}

function failureSummary(label: string, result: LoadResult): string[] {
  const errors = result.failures.filter((failure) => failure.kind === 'error').length;
  const unexpected = result.failures.length - errors;
  if (result.failures.length === 0) return [`  ${label}: every turn answered as expected`];
  return [
    `  ${label}: ${errors} turn(s) failed, ${unexpected} unexpected repl(ies) of ${result.turns}; the first few:`,
    ...result.failures.slice(0, 5).map((failure) => `    [${failure.kind}] ${failure.person} step ${failure.step} said "${failure.said}": ${failure.detail}`),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The runs.

const startedAt = performance.now();
function progress(message: string): void {
  console.log(`[${((performance.now() - startedAt) / 1000).toFixed(0).padStart(4)} s] ${message}`);
}

async function seed(documents: DocumentStore, count: number): Promise<void> {
  const started = performance.now();
  const ticker = setInterval(() => progress(`  still seeding ${count.toLocaleString('en-GB')} people...`), 15_000);
  try {
    await seedStoredPeople(documents, count);
  } finally {
    clearInterval(ticker);
  }
  progress(`  seeded ${count.toLocaleString('en-GB')} people in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Removes a data folder. Where there is a shell, many files are unlinked at once: on a disk mounted with
 * `discard` (as this machine's is), one unlink at a time takes minutes over 300,000 files.
 */
async function removeFolder(dir: string): Promise<void> {
  if (process.platform !== 'win32') {
    const script = 'find "$1" -type f -print0 | xargs -0 -r -P 32 -n 500 rm -f && rm -rf "$1"';
    const removed = await new Promise<boolean>((resolve) => execFile('sh', ['-c', script, 'sh', dir], (error) => resolve(!error)));
    if (removed) return;
  }
  await rm(dir, { recursive: true, force: true });
}

interface Measured {
  result: LoadResult;
  warmup: LoadResult;
  /** The bot process's own figures: just started, and after the measured turns. */
  afterStart: BotFigures;
  afterTurns: BotFigures;
  /** The bot processes' CPU time per measured turn, in milliseconds (steadier than turns per second on a shared machine). */
  cpuMsPerTurn: number;
  /** PostgreSQL's CPU time per measured turn, where it can be read (the throwaway cluster). */
  databaseCpuMsPerTurn?: number;
}

interface BotUnderTest {
  /** One per process; the driver shares the turns between them. */
  baseUrls: string[];
  /** Summed over the processes. */
  figures(): Promise<BotFigures>;
  close(): Promise<void>;
}

/** Several bot processes as one: each person's turns go to each in turn. */
async function spawnBots(count: number, kind: 'plain' | 'onestory', env: Record<string, string> = {}): Promise<BotUnderTest> {
  const bots: BotUnderTest[] = [];
  for (let i = 0; i < count; i++) bots.push(await spawnBot(kind, env));
  return {
    baseUrls: bots.flatMap((bot) => bot.baseUrls),
    figures: async () => {
      const each = await Promise.all(bots.map((bot) => bot.figures()));
      const sum = (pick: (figures: BotFigures) => number) => each.reduce((total, figures) => total + pick(figures), 0);
      return { heapUsedBytes: sum((f) => f.heapUsedBytes), rssBytes: sum((f) => f.rssBytes), peakRssBytes: sum((f) => f.peakRssBytes), cpuMs: sum((f) => f.cpuMs), loopDelayMaxMs: Math.max(...each.map((f) => f.loopDelayMaxMs)) };
    },
    close: async () => {
      await Promise.all(bots.map((bot) => bot.close()));
    },
  };
}

/** Starts a bot in its own process (test/bench/botProcess.ts) and waits until it listens. */
async function spawnBot(kind: 'plain' | 'onestory', env: Record<string, string> = {}): Promise<BotUnderTest> {
  const child = fork(fileURLToPath(new URL('./botProcess.js', import.meta.url)), [kind], {
    // BENCH_CPU_PROFILE=<folder>: each bot process writes a CPU profile there when it stops (node --cpu-prof).
    execArgv: ['--expose-gc', '--no-deprecation', ...(process.env.BENCH_PERF ? ['--perf-basic-prof'] : []), ...(CPU_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${join(CPU_PROFILE_DIR, kind)}`] : [])],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = (key: 'ready' | 'figures' | 'closed'): Promise<unknown> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: ToParent) => {
        if ('failed' in message) {
          cleanup();
          reject(new Error(`the ${kind} bot did not start: ${message.failed}`));
        } else if (key in message) {
          cleanup();
          resolve((message as Record<string, unknown>)[key]);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`the ${kind} bot exited (${code})`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const baseUrl = (await next('ready')) as string;
  const ask = (message: ToBot) => child.send(message);
  return {
    baseUrls: [baseUrl],
    figures: () => {
      const answer = next('figures');
      ask({ ask: 'figures' });
      return answer as Promise<BotFigures>;
    },
    close: async () => {
      const closed = next('closed').catch(() => true);
      ask({ ask: 'close' });
      await closed;
    },
  };
}

/** A bot just started: its figures, then warm-up turns (JIT, caches, connections) that are not measured. */
async function warmUp(label: string, bot: BotUnderTest, runId: string, t: TFunction, bank: BankTopic[]): Promise<Pick<Measured, 'afterStart' | 'warmup'>> {
  const afterStart = await bot.figures();
  progress(`${label}: warming up (${WARMUP_TURNS} turns)`);
  const warmup = await drive(bot.baseUrls, `${runId}-warmup`, WARMUP_TURNS, t, bank);
  return { afterStart, warmup };
}

/** One measured window of TURNS turns on a warmed-up bot. */
async function measureWindow(label: string, bot: BotUnderTest, runId: string, t: TFunction, bank: BankTopic[], database?: BenchDatabase): Promise<Omit<Measured, 'afterStart' | 'warmup'>> {
  if (REWARM_TURNS > 0) await drive(bot.baseUrls, `${runId}-rewarm`, REWARM_TURNS, t, bank);
  const beforeTurns = await bot.figures();
  const databaseBefore = database?.cpuMs?.();
  progress(`${label}: measuring ${TURNS} turns, ${PEOPLE_AT_ONCE} people at once`);
  const driverLoop = monitorEventLoopDelay({ resolution: 10 });
  driverLoop.enable();
  const result = await drive(bot.baseUrls, runId, TURNS, t, bank);
  const afterTurns = await bot.figures();
  const databaseCpuMs = databaseBefore === undefined ? undefined : database!.cpuMs!() - databaseBefore;
  driverLoop.disable();
  progress(`${label}: ${(result.turns / result.seconds).toFixed(1)} turns/s, p99 ${percentile(result.latencies, 99).toFixed(0)} ms, event loop held up ${afterTurns.loopDelayMaxMs.toFixed(0)} ms at most (driver's ${(driverLoop.max / 1e6).toFixed(0)} ms); slowest ${result.slowest.slice(0, 3).map((turn) => `${turn.ms.toFixed(0)} ms (${turn.kind}, ${turn.at.toFixed(1)} s in)`).join(', ')}`);
  return {
    result,
    afterTurns,
    cpuMsPerTurn: (afterTurns.cpuMs - beforeTurns.cpuMs) / result.turns,
    ...(databaseCpuMs === undefined ? {} : { databaseCpuMsPerTurn: databaseCpuMs / result.turns }),
  };
}

async function measure(label: string, bot: BotUnderTest, runId: string, t: TFunction, bank: BankTopic[], database?: BenchDatabase): Promise<Measured> {
  try {
    const warm = await warmUp(label, bot, runId, t, bank);
    return { ...warm, ...(await measureWindow(label, bot, runId, t, bank, database)) };
  } finally {
    await bot.close();
  }
}

interface Round {
  plain: Omit<Measured, 'afterStart' | 'warmup'>;
  oneStory: Omit<Measured, 'afterStart' | 'warmup'>;
}

/**
 * The plain bot and One Story side by side: both started and warmed up, then ROUNDS rounds of one measured
 * window each, taking turns to go first (plain first in odd rounds, One Story first in even ones), so a
 * machine that gets busier or quieter during the run weighs on both alike. Each round gives a ratio; the
 * figures compared with the targets are the medians of the rounds' ratios, and every round is printed.
 */
async function sideBySide(plainBot: BotUnderTest, oneStoryBot: BotUnderTest, oneStoryLabel: string, t: TFunction, bank: BankTopic[]): Promise<{ plain: Measured; oneStory: Measured; rounds: Round[] }> {
  try {
    const plainWarm = await warmUp('plain bot', plainBot, 'plain', t, bank);
    const oneStoryWarm = await warmUp(oneStoryLabel, oneStoryBot, 'onestory', t, bank);
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const plainWindow = () => measureWindow(`round ${round}/${ROUNDS}, plain bot`, plainBot, `plain-r${round}`, t, bank);
      const oneStoryWindow = () => measureWindow(`round ${round}/${ROUNDS}, ${oneStoryLabel}`, oneStoryBot, `onestory-r${round}`, t, bank);
      if (round % 2 === 1) {
        const plain = await plainWindow();
        rounds.push({ plain, oneStory: await oneStoryWindow() });
      } else {
        const oneStory = await oneStoryWindow();
        rounds.push({ plain: await plainWindow(), oneStory });
      }
    }
    return { plain: { ...plainWarm, ...pooled(rounds.map((round) => round.plain)) }, oneStory: { ...oneStoryWarm, ...pooled(rounds.map((round) => round.oneStory)) }, rounds };
  } finally {
    await Promise.all([plainBot.close(), oneStoryBot.close()]);
  }
}

/** Several windows of one bot as one: every turn counted, CPU per turn over all of them, memory as after the last. */
function pooled(windows: Array<Omit<Measured, 'afterStart' | 'warmup'>>): Omit<Measured, 'afterStart' | 'warmup'> {
  const results = windows.map((window) => window.result);
  const turns = results.reduce((sum, result) => sum + result.turns, 0);
  const byKind = new Map<StepKind, number[]>();
  for (const result of results) for (const [kind, samples] of result.byKind) byKind.set(kind, [...(byKind.get(kind) ?? []), ...samples]);
  return {
    result: {
      turns,
      seconds: results.reduce((sum, result) => sum + result.seconds, 0),
      latencies: results.flatMap((result) => result.latencies),
      byKind,
      slowest: results.flatMap((result) => result.slowest).sort((a, b) => b.ms - a.ms).slice(0, 5),
      failures: results.flatMap((result) => result.failures),
      driverCpuMsPerTurn: results.reduce((sum, result) => sum + result.driverCpuMsPerTurn * result.turns, 0) / turns,
    },
    afterTurns: windows[windows.length - 1].afterTurns,
    cpuMsPerTurn: windows.reduce((sum, window) => sum + window.cpuMsPerTurn * window.result.turns, 0) / turns,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function crisisFigures(): void {
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
  const repeatTimes: number[] = [];
  for (let i = 0; i < 4000; i++) {
    // A message never seen before (the detector remembers short messages' readings): a different
    // number each time, so this measures the reading itself.
    const text = `${short[i % short.length]} ${i}`;
    let started = performance.now();
    detector.assess(text);
    shortTimes.push(performance.now() - started);
    started = performance.now();
    detector.assess(text);
    repeatTimes.push(performance.now() - started);
  }
  console.log(describe('crisis check, short messages in 5 languages, each new (target: median <= 1 ms, p99 <= 10 ms)', shortTimes));
  console.log(describe('crisis check, the same short messages again (remembered)', repeatTimes));
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

/** Part 1's tables: the rounds pooled, then each round. */
function printSideBySide(plain: Measured, few: Measured, rounds: Round[]): void {
  const rate = (result: LoadResult) => result.turns / result.seconds;
  const ms = (value: number) => value.toFixed(1);
  const ratio = (value: number) => `${value.toFixed(2)}x`;
  const p = (measured: Measured, q: number) => percentile(measured.result.latencies, q);
  console.log('');
  const roundRate = rounds.map((round) => rate(round.oneStory.result) / rate(round.plain.result));
  const roundP99 = rounds.map((round) => percentile(round.oneStory.result.latencies, 99) / percentile(round.plain.result.latencies, 99));
  const roundCpu = rounds.map((round) => round.oneStory.cpuMsPerTurn / round.plain.cpuMsPerTurn);
  console.log(
    `One Story beside a plain Bot Framework dialog bot (One Story with ${FEW_STORED.toLocaleString('en-GB')} people seeded), ` +
      `${rounds.length} rounds of ${TURNS} measured turns each, taking turns to go first; the ratios are the median of the rounds':`,
  );
  console.log(
    table(
      ['', 'plain bot (all rounds)', 'One Story (all rounds)', 'One Story / plain (median of rounds)', 'target'],
      [
        ['turns per second', ms(rate(plain.result)), ms(rate(few.result)), ratio(median(roundRate)), verdict(median(roundRate), 0.8, true)],
        ['turn p50 (ms)', ms(p(plain, 50)), ms(p(few, 50)), ratio(median(rounds.map((round) => percentile(round.oneStory.result.latencies, 50) / percentile(round.plain.result.latencies, 50)))), ''],
        ['turn p95 (ms)', ms(p(plain, 95)), ms(p(few, 95)), ratio(median(rounds.map((round) => percentile(round.oneStory.result.latencies, 95) / percentile(round.plain.result.latencies, 95)))), ''],
        ['turn p99 (ms)', ms(p(plain, 99)), ms(p(few, 99)), ratio(median(roundP99)), verdict(median(roundP99), 1.25, false)],
        ['bot CPU per turn (ms)', ms(plain.cpuMsPerTurn), ms(few.cpuMsPerTurn), ratio(median(roundCpu)), ''],
        ['driver CPU per turn (ms)', ms(plain.result.driverCpuMsPerTurn), ms(few.result.driverCpuMsPerTurn), '', ''],
        ['turns measured', String(plain.result.turns), String(few.result.turns), '', ''],
        ['seconds', ms(plain.result.seconds), ms(few.result.seconds), '', ''],
      ],
    ),
  );
  console.log(
    table(
      ['round (first to go)', 'plain turns/s', 'One Story turns/s', 'ratio', 'plain p99 (ms)', 'One Story p99 (ms)', 'p99 ratio', 'CPU per turn ratio'],
      rounds.map((round, index) => [
        `${index + 1} (${index % 2 === 0 ? 'plain' : 'One Story'})`,
        ms(rate(round.plain.result)),
        ms(rate(round.oneStory.result)),
        ratio(roundRate[index]),
        ms(percentile(round.plain.result.latencies, 99)),
        ms(percentile(round.oneStory.result.latencies, 99)),
        ratio(roundP99[index]),
        ratio(roundCpu[index]),
      ]),
    ),
  );
  console.log(
    `targets met in each round: turns per second ${roundRate.filter((value) => value >= 0.8).length} of ${rounds.length}, p99 ${roundP99.filter((value) => value <= 1.25).length} of ${rounds.length}`,
  );
}

async function main(): Promise<void> {
  const t = (await loadTranslations()).forLocale('en');
  const bank = (JSON.parse(await readFile(join(projectRoot(), 'data', 'topics.json'), 'utf8')) as { topics: BankTopic[] }).topics;
  console.log(
    `One Story bench: ${PEOPLE_AT_ONCE} people at once over HTTP, ${TURNS} measured turns per run after ${WARMUP_TURNS} warm-up turns; ` +
      `each person says hi, answers the welcome, then does ${SCRIPT_TOPICS.length} topics (answer, menu, back, finish): 24 turns.`,
  );

  const key = randomBytes(32);
  const fewDir = await mkdtemp(join(tmpdir(), 'one-story-bench-few-'));
  const manyDir = await mkdtemp(join(tmpdir(), 'one-story-bench-many-'));
  // With PostgreSQL the data folder holds nothing but is still the server's DATA_DIR.
  const postgresDir = await mkdtemp(join(tmpdir(), 'one-story-bench-postgres-'));
  try {
    // Both folders are seeded before any bot starts, so no seeding write lands in a measurement.
    const cipher = new RecordCipher(key);
    progress(`seeding ${FEW_STORED.toLocaleString('en-GB')} people`);
    await seed(new EncryptedFileDocumentStore(fewDir, cipher), FEW_STORED);
    progress(`seeding ${MANY_STORED.toLocaleString('en-GB')} people`);
    await seed(new EncryptedFileDocumentStore(manyDir, cipher), MANY_STORED);

    const oneStory = (dataDir: string) => spawnBot('onestory', { BENCH_DATA_DIR: dataDir, BENCH_KEY: key.toString('base64') });
    const { plain, oneStory: few, rounds } = await sideBySide(await spawnBot('plain'), await oneStory(fewDir), `One Story, ${FEW_STORED.toLocaleString('en-GB')} stored`, t, bank);
    printSideBySide(plain, few, rounds);
    if (SIDE_BY_SIDE_ONLY) return;
    const many = await measure(`One Story, ${MANY_STORED.toLocaleString('en-GB')} stored`, await oneStory(manyDir), 'onestory', t, bank);

    // PostgreSQL: one instance, then two on the same database (seeded once, like the embedded runs).
    progress('PostgreSQL: starting a database');
    const database = await openBenchDatabase();
    let onOne: Measured;
    let onTwo: Measured;
    try {
      progress(`PostgreSQL (${database.where}): seeding ${FEW_STORED.toLocaleString('en-GB')} people`);
      const seeding = await openStores({ databaseUrl: database.url, dataDir: postgresDir, cipher });
      try {
        await seed(seeding.documents, FEW_STORED);
      } finally {
        await seeding.close();
      }
      const onPostgres = (instances: number) => spawnBots(instances, 'onestory', { BENCH_DATA_DIR: postgresDir, BENCH_KEY: key.toString('base64'), BENCH_DATABASE_URL: database.url });
      onOne = await measure('One Story on PostgreSQL, 1 instance', await onPostgres(1), 'pg-one', t, bank, database);
      onTwo = await measure('One Story on PostgreSQL, 2 instances', await onPostgres(2), 'pg-two', t, bank, database);
    } finally {
      await database.drop();
    }

    const rate = (result: LoadResult) => result.turns / result.seconds;
    const ms = (value: number) => value.toFixed(1);
    const ratio = (value: number) => `${value.toFixed(2)}x`;
    const p = (measured: Measured, q: number) => percentile(measured.result.latencies, q);
    console.log('');
    console.log(`One Story with ${FEW_STORED.toLocaleString('en-GB')} and with ${MANY_STORED.toLocaleString('en-GB')} people seeded (plus the people who talk in the runs):`);
    const memoryRow = (label: string, pick: (measured: Measured) => number): string[] => [label, mb(pick(few)), mb(pick(many)), ratio(pick(many) / pick(few)), 'about 1.00x'];
    console.log(
      table(
        ['', FEW_STORED.toLocaleString('en-GB'), MANY_STORED.toLocaleString('en-GB'), 'many / few', 'target'],
        [
          ['turns per second', ms(rate(few.result)), ms(rate(many.result)), ratio(rate(many.result) / rate(few.result)), ''],
          ['turn p50 (ms)', ms(p(few, 50)), ms(p(many, 50)), ratio(p(many, 50) / p(few, 50)), verdict(p(many, 50) / p(few, 50), 1.2, false)],
          ['turn p99 (ms)', ms(p(few, 99)), ms(p(many, 99)), ratio(p(many, 99) / p(few, 99)), verdict(p(many, 99) / p(few, 99), 1.2, false)],
          ['bot CPU per turn (ms)', ms(few.cpuMsPerTurn), ms(many.cpuMsPerTurn), ratio(many.cpuMsPerTurn / few.cpuMsPerTurn), ''],
          memoryRow('heap used after start (after GC)', (measured) => measured.afterStart.heapUsedBytes),
          memoryRow('heap used after the turns (after GC)', (measured) => measured.afterTurns.heapUsedBytes),
          memoryRow('RSS after start', (measured) => measured.afterStart.rssBytes),
          memoryRow('RSS after the turns', (measured) => measured.afterTurns.rssBytes),
          memoryRow('peak RSS during the turns', (measured) => measured.afterTurns.peakRssBytes),
        ],
      ),
    );
    console.log(`(the bot's own process; the plain bot, for scale: heap after the turns ${mb(plain.afterTurns.heapUsedBytes)}, RSS ${mb(plain.afterTurns.rssBytes)}, peak RSS ${mb(plain.afterTurns.peakRssBytes)})`);

    console.log('');
    console.log(
      `One Story on PostgreSQL beside the same plain bot (${FEW_STORED.toLocaleString('en-GB')} people seeded; ${database.where}); ` +
        "with two instances on one database, each person's turns go to either in turn:",
    );
    const both = (pick: (measured: Measured) => number): string[] => [ms(pick(plain)), ms(pick(onOne)), ratio(pick(onOne) / pick(plain)), ms(pick(onTwo)), ratio(pick(onTwo) / pick(plain))];
    const databaseCpu = (measured: Measured) => measured.databaseCpuMsPerTurn;
    const met = (value: number, target: number, atLeast: boolean) => ((atLeast ? value >= target : value <= target) ? 'met' : 'NOT MET');
    const targets = (ratioOf: (measured: Measured) => number, target: number, atLeast: boolean) =>
      `${atLeast ? '>=' : '<='} ${target.toFixed(2)}x: 1 ${met(ratioOf(onOne), target, atLeast)}, 2 ${met(ratioOf(onTwo), target, atLeast)}`;
    console.log(
      table(
        ['', 'plain bot', '1 instance', '1 instance / plain', '2 instances', '2 instances / plain', 'target'],
        [
          ['turns per second', ...both((measured) => rate(measured.result)), targets((measured) => rate(measured.result) / rate(plain.result), 0.8, true)],
          ['turn p50 (ms)', ...both((measured) => p(measured, 50)), ''],
          ['turn p95 (ms)', ...both((measured) => p(measured, 95)), ''],
          ['turn p99 (ms)', ...both((measured) => p(measured, 99)), targets((measured) => p(measured, 99) / p(plain, 99), 1.25, false)],
          ['bot CPU per turn (ms, all instances)', ...both((measured) => measured.cpuMsPerTurn), ''],
          [
            'PostgreSQL CPU per turn (ms)',
            '-',
            databaseCpu(onOne) === undefined ? 'not read' : ms(databaseCpu(onOne)!),
            '',
            databaseCpu(onTwo) === undefined ? 'not read' : ms(databaseCpu(onTwo)!),
            '',
            '',
          ],
          ['bot + PostgreSQL CPU per turn (ms)', ...both((measured) => measured.cpuMsPerTurn + (measured.databaseCpuMsPerTurn ?? 0)), ''],
          ['driver CPU per turn (ms)', ms(plain.result.driverCpuMsPerTurn), ms(onOne.result.driverCpuMsPerTurn), '', ms(onTwo.result.driverCpuMsPerTurn), '', ''],
          ['turns measured', String(plain.result.turns), String(onOne.result.turns), '', String(onTwo.result.turns), '', ''],
          ['seconds', ms(plain.result.seconds), ms(onOne.result.seconds), '', ms(onTwo.result.seconds), '', ''],
        ],
      ),
    );
    console.log(`(memory: 1 instance's RSS after the turns ${mb(onOne.afterTurns.rssBytes)}; 2 instances' together ${mb(onTwo.afterTurns.rssBytes)}; PostgreSQL's own not counted)`);

    console.log('');
    console.log('Where the time goes: turn p50 / p99 (ms) by what the person was doing:');
    const runs: Array<[string, Measured]> = [
      ['plain bot', plain],
      [`One Story, ${FEW_STORED.toLocaleString('en-GB')} stored`, few],
      [`One Story, ${MANY_STORED.toLocaleString('en-GB')} stored`, many],
      ['PostgreSQL, 1 instance', onOne],
      ['PostgreSQL, 2 instances', onTwo],
    ];
    const kinds: StepKind[] = ['welcome', 'pick a topic', 'answer', 'menu'];
    console.log(
      table(
        ['', ...runs.map(([label]) => label)],
        kinds.map((kind) => [
          `${kind} (${plain.result.byKind.get(kind)?.length ?? 0} turns)`,
          ...runs.map(([, measured]) => {
            const samples = measured.result.byKind.get(kind) ?? [];
            return samples.length === 0 ? '-' : `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 99))}`;
          }),
        ]),
      ),
    );
    for (const [label, measured] of runs) {
      console.log(`  slowest turns, ${label}: ${measured.result.slowest.map((turn) => `${ms(turn.ms)} ms (${turn.kind}, ${turn.at.toFixed(1)} s in)`).join(', ')}`);
    }

    console.log('');
    console.log('Replies checked against what each person should see next:');
    for (const [label, measured] of runs) {
      for (const line of failureSummary(label, measured.result)) console.log(line);
      if (measured.warmup.failures.length > 0) for (const line of failureSummary(`${label} (warm-up)`, measured.warmup)) console.log(line);
    }
    if (runs.some(([, measured]) => measured.result.failures.length + measured.warmup.failures.length > 0)) {
      console.log('WARNING: some turns failed or went off script; the figures above include them.');
      process.exitCode = 1;
    }
  } finally {
    progress('removing the seeded data folders');
    await Promise.all([removeFolder(fewDir), removeFolder(manyDir), removeFolder(postgresDir)]);
    progress('  removed');
  }

  console.log('');
  crisisFigures();

  console.log('');
  progress('the abuse run');
  const abuse = await abuseCompiledServer();
  for (const line of describeAbuse(abuse)) console.log(line);
  if (abuse.serverErrors + abuse.unanswered + abuse.poisonedReads + abuse.leakedLines.length > 0 || !abuse.serverStillRunning) {
    console.log('WARNING: the abuse run found a 5xx, an unanswered request, a broken conversation or a leaking log line.');
    process.exitCode = 1;
  }
  progress('done');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
