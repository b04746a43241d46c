import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { TFunction } from 'i18next';
import { loadTranslations } from '../../bot/i18n.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { projectRoot } from '../../data/paths.js';
import { seededRandom, shuffleInPlace } from '../../domain/seededRandom.js';
import type { QuestionBank } from '../../domain/questionBank.js';
import { topicTitle } from '../../dialogs/topicText.js';
import { escapeMarkdown } from '../../dialogs/messageFormat.js';
import { ChannelService } from './channelService.js';
import { ServerProcess } from '../bench/serverProcess.js';
import { ensureServerCompiled } from './compiledServer.js';
import { readEveryKnownRecord, temporaryFiles, unreadableFiles } from './dataDirCheck.js';
import { BotCopy, CHANNEL_ID, Person, type PlannedAnswer } from './person.js';

/**
 * Crash safety, as an operator and a person would meet it: the compiled server (`node dist/bot/index.js`)
 * is killed with SIGKILL, again and again, while people are talking to it, then started again on the same
 * DATA_DIR. Each kill lands, for some people, right after the reply that acknowledged their answer reached
 * them (the channel holds the bot's request open there, so the kill falls between the reply and the end of
 * the turn) and, for the others, at a random moment of a turn in flight. After each restart the people say
 * again what got no answer and carry on; at the end each asks for their story. No answer the bot
 * acknowledged may be missing or replaced by a later one, and every file in DATA_DIR must be readable.
 *
 * Identity across restarts: people reach the bot as on an Azure channel, through a Bot Connector stand-in
 * outside the bot's process, with the same channel user id and conversation id before and after a crash.
 * (The local Direct Line lives inside the bot's process: a crash ends its conversations, and the web page
 * starts a new conversation under a new user id.)
 *
 * Environment: CRASH_SEED reproduces a run (it is printed with any failure), CRASH_KILLS and CRASH_PEOPLE
 * make a longer soak (`CRASH_KILLS=20 npx jest test/crash`), CRASH_VERBOSE=1 prints what each kill hit.
 */

const SEED = Number(process.env.CRASH_SEED ?? 20261202);
/** Server lives cost a full start-up each (the crisis model and language data load): few kills, many people. */
const KILLS = Number(process.env.CRASH_KILLS ?? 2);
const PEOPLE = Number(process.env.CRASH_PEOPLE ?? 28);
/**
 * A round is one person's turn cut by a kill: right after the reply that acknowledged their answer, or
 * mid-turn. Every person is in one at every kill, bar a turn that ended before the kill came (or a person
 * who has said everything, in a long soak): by default 2 kills of 28 people, and at least 50 rounds.
 * (A soak of 12 kills: 542 answers acknowledged, 0 lost, 192 rounds.)
 */
const ROUNDS_REQUIRED = Math.min(50, Math.ceil(0.9 * KILLS * PEOPLE));

/** A copy of the items in a seeded order: the run's every choice comes from the seed. */
function shuffled<T>(items: readonly T[], random: () => number): T[] {
  return shuffleInPlace([...items], random);
}

/** Plain words that are no command, no choice and no cause for concern: three make an answer only this person gives. */
const ANSWER_WORDS = {
  first: ['amber', 'cobalt', 'crimson', 'golden', 'ivory', 'jade', 'lilac', 'olive', 'russet', 'silver', 'teal', 'umber'],
  second: ['acorn', 'anchor', 'badger', 'barley', 'beacon', 'cedar', 'clover', 'comet', 'falcon', 'fern', 'harbour', 'heron'],
  third: ['kettle', 'lantern', 'maple', 'meadow', 'otter', 'pebble', 'quartz', 'saffron', 'thistle', 'walnut', 'willow', 'zephyr'],
};
const NAMES = ['Alex', 'Sam', 'Jo', 'Robin', 'Kit', 'Ash', 'Lee', 'Dee', 'Mo', 'Rae', 'Jules', 'Pat'];

function planPeople(bank: QuestionBank, t: TFunction, random: () => number, channel: ChannelService, botUrl: () => string): Person[] {
  const copy = new BotCopy(t, bank);
  // Topics that go straight to their questions (no content note), other than the one that asks a name.
  const topics = bank.topics.filter((topic) => !topic.sensitive && topic.id !== 'about-me');
  const unused = new Set<string>();
  for (const a of ANSWER_WORDS.first) for (const b of ANSWER_WORDS.second) for (const c of ANSWER_WORDS.third) unused.add(`${a} ${b} ${c}`);
  const pool = shuffled([...unused], random);
  return Array.from({ length: PEOPLE }, (_, n) => {
    const plan = shuffled(topics, random).map((topic) => ({
      topic,
      title: topicTitle(t, topic),
      answers: topic.questions.map((question, index): PlannedAnswer => ({ topicId: topic.id, questionId: question.id, index, text: pool.pop()! })),
    }));
    const person = new Person({
      name: NAMES[n % NAMES.length],
      conversationId: `crash-${SEED}-conversation-${n}`,
      userId: `crash-${SEED}-person-${n}`,
      topics: plan,
      copy,
      serviceUrl: channel.url,
      botUrl,
    });
    channel.listen(person.conversationId, (reply) => person.receive(reply));
    return person;
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Each person's story as the review shows it on the web: topic title → question → answer, read back from the
 * review's Markdown (dialogs/messageFormat.ts): a heading, then each question in bold with the answer below it.
 * Answers stay as the review writes them (Markdown's marks escaped): compare them with `escapeMarkdown`.
 */
function readReview(t: TFunction, bank: QuestionBank, replies: string[]): Map<string, Map<string, string>> {
  const story = new Map<string, Map<string, string>>();
  for (const topic of bank.topics) {
    const heading = `### ${escapeMarkdown(topicTitle(t, topic))}`;
    const listing = replies.find((reply) => reply === heading || reply.startsWith(`${heading}\n`));
    if (!listing) continue;
    const blocks = listing.split('\n\n').slice(1);
    const answers = new Map<string, string>();
    for (const question of topic.questions) {
      const asked = `**${escapeMarkdown(t(question.textKey))}**\\\n`;
      const block = blocks.find((candidate) => candidate.startsWith(asked));
      if (block) answers.set(question.id, block.slice(asked.length));
    }
    story.set(topic.id, answers);
  }
  return story;
}

/** Where a kill found a person. */
type RoundKind = 'right after an acknowledged reply' | 'mid-turn' | 'between messages';

describe('crash safety: kill -9 while people are talking', () => {
  const channel = new ChannelService();
  const encryptionKey = randomBytes(32).toString('base64');
  let workDir: string;
  let dataDir: string;
  let t: TFunction;
  let bank: QuestionBank;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    // `tsc -p tsconfig.build.json`, only when dist/ is missing or older than the sources.
    await ensureServerCompiled();
    t = (await loadTranslations()).forLocale('en');
    bank = await loadQuestionBank();
    await channel.start();
    workDir = await mkdtemp(join(tmpdir(), 'one-story-crash-'));
    dataDir = join(workDir, 'data');
  }, 240_000);

  afterAll(async () => {
    await server?.stop();
    await channel.stop();
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });

  it(`loses no acknowledged answer and leaves every file readable, over ${KILLS} kills of ${PEOPLE} people in flight`, async () => {
    const random = seededRandom(SEED);
    const phases: Record<string, number> = {};
    const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
      const began = performance.now();
      try {
        return await work();
      } finally {
        phases[phase] = Math.round((phases[phase] ?? 0) + performance.now() - began);
      }
    };
    const settings = {
      dataDir,
      encryptionKey,
      cwd: workDir,
      logLevel: 'silent' as const,
      env: {
        // The channel holds some replies open so a kill lands right after them: the deadline on calls to the
        // channel (5 s by default) must not end those turns first.
        CHANNEL_TIMEOUT_MS: '60000',
        // Its people answer as fast as the server replies, which nobody does: the limit per conversation is lifted.
        MESSAGES_PER_CONVERSATION: '100000',
      },
    };
    const start = () => timed('start-ups', () => ServerProcess.start(settings));
    server = await start();
    // A second server on the same data folder refuses to start, naming the one that serves it.
    await expect(ServerProcess.start(settings)).rejects.toThrow(
      t('operator.start.dataDirInUse', { dataDir, pid: server.pid, since: '\u0000' }).split('\u0000')[0],
    );
    const people = planPeople(bank, t, random, channel, () => server!.baseUrl);
    const problems: string[] = [];
    const rounds: Record<RoundKind, number> = { 'right after an acknowledged reply': 0, 'mid-turn': 0, 'between messages': 0 };

    /** Each person takes a few steps, all at once; resolves with how long each turn took. */
    const talk = (stepsEach: () => number) =>
      Promise.all(
        people.map(async (person) => {
          const times: number[] = [];
          for (let i = stepsEach(); i > 0; i--) {
            const began = performance.now();
            await person.step();
            times.push(performance.now() - began);
          }
          return times;
        }),
      );

    // Everyone joins and gets into their first topic. How long a turn takes here only aims the random kills.
    const turnTimes = (await timed('talking', () => talk(() => 4 + Math.floor(random() * 3)))).flat().sort((a, b) => a - b);
    const killWindowMs = Math.min(1000, Math.max(20, 3 * turnTimes[Math.floor(turnTimes.length / 2)]));

    /** One kill -9: half the people held right after an acknowledging reply, the others mid-turn at a random moment. */
    const killWhileTalking = async (kill: number): Promise<void> => {
      const order = shuffled(people, random);
      const holders = order.slice(0, Math.ceil(order.length / 2));
      const others = order.slice(holders.length);
      // Each holder answers a story question and is held right after the reply that acknowledges it and asks
      // the next thing. A turn that ends otherwise (say the crisis check asks "are you safe?") is tried again.
      const holds = await Promise.all(
        holders.map(async (person) => {
          for (let attempt = 1; ; attempt++) {
            for (let i = 0; i < 6 && !person.atStoryQuestion; i++) await person.step();
            const hold = person.stepAndHoldAfterAcknowledgement();
            const held = await hold.held;
            if (held || attempt === 4) return { person, held, delivered: hold.delivered };
            await hold.delivered;
          }
        }),
      );
      // The others keep talking, and the kill comes at a random moment among their turns.
      let killed = false;
      const talking = others.map(async (person) => {
        while (!killed) {
          if ((await person.step()) === 'nothing to say') break;
        }
      });
      await sleep(random() * killWindowMs);
      killed = true;
      for (const person of people) {
        const kind: RoundKind = holds.some((hold) => hold.person === person && hold.held)
          ? 'right after an acknowledged reply'
          : person.inFlight
            ? 'mid-turn'
            : 'between messages';
        rounds[kind] += 1;
        person.transcript.push(`  ---- kill -9 #${kill} (${kind}) ----`);
      }
      await server!.kill();
      channel.dropHeld();
      await Promise.all([...talking, ...holds.map((hold) => hold.delivered)]);
    };

    for (let kill = 1; kill <= KILLS; kill++) {
      await killWhileTalking(kill);
      server = await start();
      // Start-up leaves no half-written file behind, and every file is complete.
      for (const name of await temporaryFiles(dataDir)) problems.push(`after restart ${kill}: temporary file left: ${name}`);
      for (const problem of await unreadableFiles(dataDir)) problems.push(`after restart ${kill}: unreadable: ${problem}`);
      // Back after the crash: each says again what got no answer, and carries on a little.
      await timed('talking', () => talk(() => 1 + Math.floor(random() * 2)));
    }

    // Everyone looks at their story: every acknowledged answer is there, at its question, as they said it.
    const reviewWord = (t('words.review', { returnObjects: true }) as string[])[0];
    const lost: string[] = [];
    let acknowledged = 0;
    for (const person of people) {
      const replies = await person.review(reviewWord);
      if (!replies.includes(t('review.intro'))) {
        problems.push(`${person.settings.userId} asked for the review and got: ${replies.join(' / ').slice(0, 300)}`);
        continue;
      }
      const review = readReview(t, bank, replies);
      for (const answer of person.acknowledged.values()) {
        acknowledged += 1;
        const shown = review.get(answer.topicId)?.get(answer.questionId);
        if (shown !== escapeMarkdown(answer.text)) {
          lost.push(`${person.settings.userId} ${answer.topicId}/${answer.questionId}: acknowledged "${answer.text}", review shows ${shown === undefined ? 'nothing' : `"${shown}"`}`);
        }
      }
    }

    // Stopped, every file is complete JSON and every record the people's ids lead to decrypts.
    await server.stop();
    server = undefined;
    for (const problem of await unreadableFiles(dataDir)) problems.push(`at the end: unreadable: ${problem}`);
    const idsOf = (person: Person) => [`${CHANNEL_ID}:${person.settings.userId}`, `${CHANNEL_ID}/conversations/${person.conversationId}`];
    const records = await readEveryKnownRecord(dataDir, encryptionKey, people.flatMap(idsOf));
    problems.push(...records.problems.map((problem) => `at the end: ${problem}`));
    for (const person of people) {
      if (!records.read.some((record) => idsOf(person).includes(record.id))) problems.push(`${person.settings.userId}: none of their records could be read through the store`);
    }

    const summary = { seed: SEED, rounds, acknowledged, lost: lost.length, killWindowMs: Math.round(killWindowMs), recordsRead: records.read.length, phases };
    if (process.env.CRASH_VERBOSE) console.log(JSON.stringify(summary, null, 2));
    if (lost.length > 0 || problems.length > 0) {
      // The transcripts of the people affected, to read with the seed (test-artifacts/ is not committed).
      const affected = people.filter((person) => [...lost, ...problems].some((line) => line.startsWith(`${person.settings.userId} `)));
      const folder = join(projectRoot(), 'test-artifacts');
      await mkdir(folder, { recursive: true });
      await writeFile(
        join(folder, `crash-safety-${SEED}.txt`),
        [JSON.stringify(summary, null, 2), ...lost, ...problems, ...affected.map((person) => `\n== ${person.settings.userId}\n${person.transcript.join('\n')}`)].join('\n'),
      );
    }

    expect({ seed: SEED, lost, problems }).toEqual({ seed: SEED, lost: [], problems: [] });
    // The run did what it says: people got answers acknowledged, and the kills cut their turns.
    expect(acknowledged).toBeGreaterThan(PEOPLE);
    expect(rounds['right after an acknowledged reply'] + rounds['mid-turn']).toBeGreaterThanOrEqual(ROUNDS_REQUIRED);
  }, 300_000);
});
