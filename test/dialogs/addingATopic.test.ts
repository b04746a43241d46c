import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cp, copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../data/paths.js';
import { DEFAULT_QUESTION_BANK_PATH, loadQuestionBank } from '../../data/questionBankLoader.js';
import { getAnswer } from '../../domain/story.js';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps } from './conversationRunner.js';
import { WELCOME_TO_MENU } from './journeys.js';

/** Adding a topic needs data and locale strings only: a fixture topic runs through the same dialogs. */
const fixtures = join(projectRoot(), 'test', 'fixtures', 'extra-topic');
let workDir: string;
let harness: DialogHarness;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'one-story-topic-'));
  const bank = JSON.parse(await readFile(DEFAULT_QUESTION_BANK_PATH, 'utf8')) as { topics: unknown[] };
  bank.topics.push(JSON.parse(await readFile(join(fixtures, 'topic.json'), 'utf8')));
  await writeFile(join(workDir, 'topics.json'), JSON.stringify(bank));
  await cp(join(projectRoot(), 'locales'), join(workDir, 'locales'), { recursive: true });
  await copyFile(join(fixtures, 'pets.en.json'), join(workDir, 'locales', 'en', 'pets.json'));
  harness = await createDialogHarness({ bank: await loadQuestionBank(join(workDir, 'topics.json')), localesDir: join(workDir, 'locales') });
});

afterAll(async () => {
  await harness.cleanup();
  await rm(workDir, { recursive: true, force: true });
});

describe('adding a topic', () => {
  it('appears in the menu and runs like any other, with no code change', async () => {
    await runSteps(harness, [
      ...WELCOME_TO_MENU.slice(0, -1),
      { say: 'skip', expect: [{ text: 'My pets' }] },
      { say: 'My pets', expect: ['topics.pets.intro', 'topics.pets.questions.has-pet.why', 'topics.pets.questions.has-pet.text'] },
      { say: 'yes', expect: ['topics.pets.questions.pet-needs.text'] },
      { say: 'A lead and a vet for his ear', expect: [{ key: 'topic.finished', params: { title: 'My pets' } }] },
    ]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'pets', 'has-pet')?.choiceId).toBe('yes');
    expect(getAnswer(story, 'pets', 'pet-needs')?.text).toBe('A lead and a vet for his ear');
  });

  it('is refused at start-up when its data is wrong, naming the problem', async () => {
    const broken = JSON.parse(await readFile(join(workDir, 'topics.json'), 'utf8')) as { topics: Array<{ id: string; questions: Array<{ kind: string; choices?: unknown }> }> };
    broken.topics.at(-1)!.questions[0].choices = [];
    await writeFile(join(workDir, 'broken.json'), JSON.stringify(broken));
    await expect(loadQuestionBank(join(workDir, 'broken.json'))).rejects.toThrow(/has-pet.*at least two choices/);
  });
});
