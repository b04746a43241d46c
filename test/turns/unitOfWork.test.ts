import { afterEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDialogHarness, replyText, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps } from '../dialogs/conversationRunner.js';
import { HOUSING_TEXT_QUESTION } from '../dialogs/journeys.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { PersonStore } from '../../data/personStore.js';
import { StaleWriteError } from '../../useCases/ports.js';
import { newStory } from '../../domain/story.js';
import { wordList } from '../../dialogs/topicText.js';

/**
 * A turn is a unit of work: load once, decide, commit once, then reply. These tests make the commit fail
 * for real (a directory where the person's record's temporary file must go, so the atomic write cannot
 * happen, even as root) and look at what the person sees and what is stored.
 */
const key = randomBytes(32);
const harnesses: DialogHarness[] = [];

async function harness(): Promise<DialogHarness> {
  const created = await createDialogHarness({ encryptionKey: key });
  harnesses.push(created);
  return created;
}

afterEach(async () => {
  for (const created of harnesses.splice(0)) await created.cleanup();
});

/** Makes every commit of this person's record fail until the returned function is called. */
async function blockCommits(person: DialogHarness): Promise<() => Promise<void>> {
  const personId = (await person.app.people.personOf('webchat:user-1'))!;
  const blocker = join(person.dataDir, 'people', `.${new RecordCipher(key).fileNameFor('people', personId)}.json.tmp`);
  await mkdir(blocker);
  return () => rm(blocker, { recursive: true });
}

describe('one turn, one commit', () => {
  it('when the commit fails, the answer is not acknowledged, nothing is half-stored, and sending it again works', async () => {
    const person = await harness();
    await runSteps(person, HOUSING_TEXT_QUESTION);
    const unblock = await blockCommits(person);

    const failed = (await person.say('Three weeks at my cousin’s')).map(replyText);
    expect(failed).toEqual([person.t('error.somethingWentWrong')]);
    expect((await person.story())!.answers.housing['how-long']).toBeUndefined();

    await unblock();
    // The person simply sends it again: the same question takes it, and the next one is asked.
    await runSteps(person, [{ say: 'Three weeks at my cousin’s', expect: ['topics.housing.questions.worries.text'] }]);
    expect((await person.story())!.answers.housing['how-long'].text).toBe('Three weeks at my cousin’s');
  });

  it('when the commit fails, crisis signposting still reaches the person', async () => {
    const person = await harness();
    await runSteps(person, HOUSING_TEXT_QUESTION);
    await blockCommits(person);
    const replies = (await person.say('I am going to kill myself tonight')).map(replyText);
    for (const line of wordList(person.t, 'crisis.lines')) expect(replies).toContain(line);
    expect(replies).toContain(person.t('error.somethingWentWrong'));
    expect(replies.some((reply) => reply.includes(person.t('topics.housing.questions.worries.text')))).toBe(false);
  });

  it('refuses a stale write: a record changed since it was read is not overwritten', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'one-story-stale-'));
    try {
      const people = new PersonStore(new EncryptedFileDocumentStore(dataDir, new RecordCipher(key)));
      const story = newStory('person-1', 'en', new Date('2026-12-01T10:00:00Z'));
      await people.commit({ personId: 'person-1', version: 0, channelUsers: ['webchat:a'], story, conversations: {} });
      const onPhone = (await people.load('person-1'))!;
      const onLaptop = (await people.load('person-1'))!;
      await people.commit({ ...onPhone, story: { ...story, welcomedAt: 'phone' } });
      await expect(people.commit({ ...onLaptop, story: { ...story, welcomedAt: 'laptop' } })).rejects.toBeInstanceOf(StaleWriteError);
      const stored = (await people.load('person-1'))!;
      expect(stored.story!.welcomedAt).toBe('phone');
      expect(stored.version).toBe(2);
      // A record that is not there yet can be created once, not twice.
      await expect(people.commit({ personId: 'person-1', version: 0, channelUsers: [], conversations: {} })).rejects.toBeInstanceOf(StaleWriteError);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('removes temporary files a crash left behind when it starts, and keeps every document', async () => {
    const person = await harness();
    await runSteps(person, HOUSING_TEXT_QUESTION);
    const stray = join(person.dataDir, 'people', '.0123abcd.json.tmp');
    await writeFile(stray, '{"v":1,"alg":"A256GCM","ki');
    const restarted = await createDialogHarness({ encryptionKey: key, dataDir: person.dataDir });
    harnesses.push(restarted);
    expect(await readdir(join(person.dataDir, 'people'))).not.toContain('.0123abcd.json.tmp');
    expect((await restarted.story())!.answers.housing['safe-to-stay'].text).toBe('Not sure');
  });
});
