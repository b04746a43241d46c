import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { getAnswer } from '../../domain/story.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_FIRST_QUESTION } from './journeys.js';

let harness: DialogHarness;
beforeEach(async () => {
  harness = await createDialogHarness();
});
afterEach(async () => {
  await harness.cleanup();
});

const TOLD_HOUSING: Step[] = [
  ...HOUSING_FIRST_QUESTION,
  { say: 'Sofa surfing' },
  { say: 'No' },
  { say: 'Until the end of the month' },
];

describe('review: my story so far', () => {
  it('lists what was said, by topic, in the person\'s own words', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'review', expect: ['review.intro', { text: "Where I'm staying" }, { text: 'Until the end of the month' }, { text: 'Sofa surfing' }, 'review.whatNext'] },
    ]);
  });

  it('changes one answer and keeps the rest', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'review' },
      { say: 'Change an answer', expect: ['review.whichTopic'] },
      { say: "Where I'm staying", expect: ['review.whichQuestion'] },
      { say: 'How long do you think you can stay there?', expect: ['topics.housing.questions.how-long.text', { key: 'question.youSaid', params: { answer: 'Until the end of the month' } }] },
      { say: 'Only two more nights', expect: ['review.saved', 'review.anythingElse'] },
      { say: 'Back to topics', expect: ['menu.askNext'] },
    ]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'how-long')?.text).toBe('Only two more nights');
    expect(getAnswer(story, 'housing', 'current-place')?.choiceId).toBe('sofa-surfing');
  });

  it('removes one answer', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'review' },
      { say: 'Remove an answer' },
      { say: '1' },
      { say: 'Where are you staying right now?', expect: ['review.answerRemoved', 'review.anythingElse'] },
    ]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'current-place')).toBeUndefined();
    expect(getAnswer(story, 'housing', 'how-long')?.text).toBe('Until the end of the month');
  });

  it('removes a whole topic only after a clear yes', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'review' },
      { say: 'Remove a whole topic' },
      { say: "Where I'm staying", expect: [{ key: 'review.removeTopicQuestion', params: { title: "Where I'm staying" } }] },
      { say: 'No, keep it', expect: ['review.anythingElse'] },
    ]);
    expect((await harness.story())!.answers.housing).toBeDefined();
    await runSteps(harness, [
      { say: 'Remove a whole topic' },
      { say: "Where I'm staying" },
      { say: 'Yes, remove it', expect: [{ key: 'review.topicRemoved', params: { title: "Where I'm staying" } }] },
    ]);
    const story = (await harness.story())!;
    expect(story.answers.housing).toBeUndefined();
    expect(story.topicStatus.housing).toBeUndefined();
  });

  it('says kindly when there is nothing yet', async () => {
    await runSteps(harness, [{ say: 'hi' }, { say: 'review', expect: ['review.empty'] }]);
  });
});

describe('delete my story', () => {
  it('explains, asks to confirm, then erases everything and says so; the next message starts afresh', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'delete my story', expect: ['delete.explain', 'delete.confirm'] },
      { say: 'Yes, delete everything', expect: ['delete.done'] },
    ]);
    expect(await harness.story()).toBeUndefined();
    // The person's record (story and every conversation's state) and the link from this device are gone.
    expect(await readdir(join(harness.dataDir, 'people'))).toEqual([]);
    expect(await readdir(join(harness.dataDir, 'channel-users'))).toEqual([]);
    await runSteps(harness, [{ say: 'hello', expect: ['welcome.lines'], notExpect: ['welcomeBack.greeting'] }]);
  });

  it('keeps everything on anything but a clear yes', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'delete my story' },
      { say: 'No, keep my story', expect: ['delete.kept', 'menu.askNext'] },
    ]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe('Until the end of the month');
  });
});
