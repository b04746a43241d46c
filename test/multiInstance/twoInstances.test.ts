import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';
import { getAnswer } from '../../domain/story.js';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { freshDatabase, type TestDatabase } from '../support/postgres.js';
import { sampleStory, wording } from '../support/sharingFixtures.js';
import { waitFor } from '../support/waitFor.js';
import { WebhookReceiver } from '../support/webhookReceiver.js';
import { runSteps } from '../dialogs/conversationRunner.js';
import { HOUSING_TEXT_QUESTION } from '../dialogs/journeys.js';

/**
 * Two instances of One Story on one PostgreSQL database, as behind a load balancer: each is the whole app
 * (the same composition as `npm start`), sharing nothing but the database and the encryption key.
 */
const PEOPLE = Number(process.env.MULTI_PEOPLE ?? 50);
const SHARES = Number(process.env.MULTI_SHARES ?? 90);
const HOUSING = 'cambridge-housing-options';

let database: TestDatabase;
let folder: string;
let receiver: WebhookReceiver;
const key = randomBytes(32);
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const opened: DialogHarness[] = [];

let a: DialogHarness;
let b: DialogHarness;

/** One instance of the app on the shared database. */
async function instance(): Promise<DialogHarness> {
  const env = { AGENCIES_PATH: join(folder, 'agencies.json'), AGENCY_WEBHOOK_SECRETS: JSON.stringify({ [HOUSING]: secret }), DATABASE_POOL_SIZE: '10' };
  const harness = await createDialogHarness({ databaseUrl: database.url, encryptionKey: key, dataDir: folder, env });
  opened.push(harness);
  return harness;
}

/** A person's message to one instance: each person is a user of their own web chat conversation. */
function sayAs(on: DialogHarness, userId: string, text: string) {
  return on.say(text, undefined, { from: { id: userId, name: 'Person' }, conversation: { id: `conversation-of-${userId}` } } as never);
}

async function storyOf(on: DialogHarness, userId: string) {
  const personId = await on.app.people.personOf(`webchat:${userId}`);
  return personId ? (await on.app.people.load(personId))?.story : undefined;
}

beforeAll(async () => {
  database = await freshDatabase();
  folder = await mkdtemp(join(tmpdir(), 'one-story-instances-'));
  receiver = new WebhookReceiver();
  await receiver.start();
  const directory = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; handoff: { webhookUrl: string | null } }> };
  directory.agencies.find((agency) => agency.id === HOUSING)!.handoff.webhookUrl = receiver.url;
  await writeFile(join(folder, 'agencies.json'), JSON.stringify(directory));
  [a, b] = [await instance(), await instance()];
});

afterAll(async () => {
  await Promise.all(opened.map((harness) => harness.cleanup()));
  await receiver.stop();
  await database.drop();
  await rm(folder, { recursive: true, force: true });
});

describe('two instances on one database', () => {
  it("handles one person's two messages sent to both at once one after the other: both answers kept", async () => {
    await runSteps(a, HOUSING_TEXT_QUESTION);
    await Promise.all([a.say('About two weeks, maybe less'), b.say('My friend wants the room back')]);
    const story = (await b.story())!;
    const kept = [getAnswer(story, 'housing', 'how-long')?.text, getAnswer(story, 'housing', 'worries')?.text].sort();
    expect(kept).toEqual(['About two weeks, maybe less', 'My friend wants the room back']);
  });

  it(`loses no answer when ${PEOPLE} people take turns alternating instances`, async () => {
    const topics = ['housing', 'physical-health', 'money', 'help-wanted'];
    const people = Array.from({ length: PEOPLE }, (_, index) => `person-${index}`);
    await Promise.all(
      people.map(async (id) => {
        let turn = 0;
        const say = (text: string) => sayAs(turn++ % 2 === 0 ? a : b, id, text);
        await say('hi');
        await say('No, just me');
        await say('skip');
        for (const topicId of topics) {
          const topic = a.bank.topics.find((candidate) => candidate.id === topicId)!;
          await say(a.t(topic.titleKey));
          for (const question of topic.questions) await say(`${id} says ${question.id} in ${topicId}`);
        }
      }),
    );
    let lost = 0;
    for (const id of people) {
      const story = (await storyOf(b, id))!;
      for (const topicId of topics) {
        for (const question of a.bank.topics.find((candidate) => candidate.id === topicId)!.questions) {
          if (getAnswer(story, topicId, question.id)?.text !== `${id} says ${question.id} in ${topicId}`) lost++;
        }
      }
    }
    expect(lost).toBe(0);
  }, 240_000);

  it(`lists each of ${SHARES} handoffs made at once across instances exactly once, sends each webhook once, and keeps the audit chain whole`, async () => {
    const results = await Promise.all(
      Array.from({ length: SHARES }, (_, index) =>
        (index % 2 === 0 ? a : b).sharing.share({ story: sampleStory(`sharer-${index}`), agencyId: HOUSING, parts: ['housing', 'what-helps'], heldBack: [], wording, channel: 'webchat', supportedBy: null }),
      ),
    );
    const listing = await a.agencySharing.listForAgency(HOUSING, { page: 1, pageSize: 100 });
    const listed = listing.items.map((item) => item.handoffId);
    expect(listing.total).toBe(SHARES);
    expect(new Set(listed).size).toBe(SHARES);
    expect([...listed].sort()).toEqual(results.map((result) => result.handoffId).sort());

    await waitFor(() => new Set(receiver.received.filter((request) => request.answeredWith === 200).map((request) => request.headers['webhook-id'])).size >= SHARES, 'every webhook delivered', 60_000);
    // A moment for any second delivery to show itself: there must be none.
    await Promise.all([a.app.webhooks.runDue(), b.app.webhooks.runDue()]);
    const ids = receiver.received.map((request) => request.headers['webhook-id']);
    expect(ids).toHaveLength(SHARES);
    expect(new Set(ids).size).toBe(SHARES);
    expect(await a.app.auditLog.verify()).toMatchObject({ ok: true });
  }, 120_000);
});
