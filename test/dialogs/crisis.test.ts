import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { getAnswer } from '../../domain/story.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_FIRST_QUESTION, HOUSING_TEXT_QUESTION, MENTAL_HEALTH_TIMING, WELCOME_TO_MENU } from './journeys.js';

let harness: DialogHarness;
beforeEach(async () => {
  harness = await createDialogHarness();
});
afterEach(async () => {
  await harness.cleanup();
});

const CRISIS = "i cant do this anymore, i'm going to kill myself tonight";

const points: Array<[string, Step[], string]> = [
  ['as the very first message', [], 'welcome.lines'],
  ['at the supporter question', [{ say: 'hi' }], 'supporter.ask'],
  ['at the menu', WELCOME_TO_MENU, 'menu.review'],
  ['at a choice question', HOUSING_FIRST_QUESTION, 'topics.housing.questions.current-place.text'],
  ['at a free-text question', HOUSING_TEXT_QUESTION, 'topics.housing.questions.how-long.text'],
  ['at the sensitive-topic check', MENTAL_HEALTH_TIMING, 'topic.isNowOk'],
];

describe('crisis signposting', () => {
  it.each(points)('%s: signposts first, stores nothing, then carries on where they were', async (_name, before, resumedPrompt) => {
    await runSteps(harness, before);
    const [crisisReplies] = await runSteps(harness, [{ say: CRISIS, expect: ['crisis.lines', 'crisis.ask'], notExpect: ['prompt.retryText', 'question.skipped'] }]);
    expect(crisisReplies[0].text).toBe((harness.t('crisis.lines', { returnObjects: true }) as string[])[0]);
    expect(JSON.stringify(crisisReplies)).toContain('cmd:continue');
    const story = await harness.story();
    expect(JSON.stringify(story ?? {})).not.toContain('kill myself');
    await runSteps(harness, [{ say: 'Carry on', value: 'cmd:continue', expect: [resumedPrompt] }]);
  });

  it('names the support worker who is present', async () => {
    await runSteps(harness, [
      { say: 'hi' },
      { say: 'yes' },
      { say: 'Priya' },
      { say: 'Changing Futures' },
      { say: 'I took all my tablets, like 40 of them', expect: ['crisis.lines', { key: 'crisis.supporterPresent', params: { who: 'Priya (Changing Futures)' } }] },
    ]);
  });

  it('offers pause and stop, which do what they say', async () => {
    await runSteps(harness, [...HOUSING_FIRST_QUESTION, { say: CRISIS }, { say: 'Pause', value: 'cmd:pause', expect: ['pause.lines'] }]);
    await runSteps(harness, [{ say: 'hi', expect: ['welcomeBack.greeting'] }, { say: CRISIS }, { say: 'Stop for now', value: 'cmd:exit', expectOnly: ['exit.goodbye'] }]);
  });

  it.each(['I am dying for a cup of tea', 'this form is killing me', 'I used to self-harm years ago', 'my dad died last year'])(
    'does not fire on %j, which is kept as the answer',
    async (text) => {
      await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: text, notExpect: ['crisis.ask'], expect: ['topics.housing.questions.worries.text'] }]);
      expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe(text);
    },
  );
});

describe('a gentle safety check on distress short of crisis', () => {
  const DISTRESS = "honestly i can't cope anymore";

  it('asks "are you safe right now?", and on yes keeps the message as the answer it was', async () => {
    await runSteps(harness, [
      ...HOUSING_TEXT_QUESTION,
      { say: DISTRESS, expect: ['crisis.areYouSafe'], notExpect: ['crisis.lines', 'topics.housing.questions.worries.text'] },
      { say: "Yes, I'm safe right now", expect: ['crisis.safeThanks', 'topics.housing.questions.worries.text'] },
    ]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe(DISTRESS);
  });

  it('on "not sure" gives the crisis signposting', async () => {
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: DISTRESS }, { say: 'not sure', expect: ['crisis.lines', 'crisis.ask'] }]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toBeUndefined();
  });
});
