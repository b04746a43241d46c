import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, type DialogHarness } from '../support/dialogHarness.js';
import { getAnswer } from '../../domain/story.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_FIRST_QUESTION, HOUSING_TEXT_QUESTION, MENTAL_HEALTH_TIMING, WELCOME_TO_MENU } from './journeys.js';

// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

const CRISIS = "i cant do this anymore, i'm going to kill myself tonight";

/** Where the crisis message is sent, what is asked again on "carry on", and whether it was a story answer. */
const points: Array<[string, Step[], string, boolean]> = [
  ['as the very first message', [], 'welcome.lines', false],
  ['at the supporter question', [{ say: 'hi' }], 'supporter.ask', false],
  ['at the menu', WELCOME_TO_MENU, 'menu.review', false],
  ['at a choice question', HOUSING_FIRST_QUESTION, 'topics.housing.questions.current-place.text', true],
  ['at a free-text question', HOUSING_TEXT_QUESTION, 'topics.housing.questions.how-long.text', true],
  ['at the sensitive-topic check', MENTAL_HEALTH_TIMING, 'topic.isNowOk', false],
];

describe('crisis signposting', () => {
  it.each(points)('%s: signposts first, stores nothing, then carries on where they were', async (_name, before, resumedPrompt, wasAnswer) => {
    await runSteps(harness, before);
    const [crisisReplies] = await runSteps(harness, [{ say: CRISIS, expect: ['crisis.lines', 'crisis.ask'], notExpect: ['prompt.retryText', 'question.skipped'] }]);
    expect(crisisReplies[0].text).toBe((harness.t('crisis.lines', { returnObjects: true }) as string[])[0]);
    expect(JSON.stringify(crisisReplies)).toContain('cmd:continue');
    const story = await harness.story();
    expect(JSON.stringify(story ?? {})).not.toContain('kill myself');
    if (wasAnswer) {
      await runSteps(harness, [
        { say: 'Carry on', value: 'cmd:continue', expect: ['crisis.keepAsAnswer'] },
        { say: "No, don't keep it", expect: [resumedPrompt] },
      ]);
    } else {
      await runSteps(harness, [{ say: 'Carry on', value: 'cmd:continue', expect: [resumedPrompt] }]);
    }
    expect(JSON.stringify((await harness.story()) ?? {})).not.toContain('kill myself');
  });

  it('keeps a disclosure the question asked for as the answer, when the person says so, without asking again and again', async () => {
    await runSteps(harness, [
      ...HOUSING_TEXT_QUESTION,
      { say: 'I cut myself last night and it is still bleeding', expect: ['crisis.lines'] },
      { say: '1', expect: ['crisis.keepAsAnswer'] },
      { say: 'Yes, keep it as my answer', expect: ['topics.housing.questions.worries.text'], notExpect: ['crisis.lines'] },
    ]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe('I cut myself last night and it is still bleeding');
  });

  it('reads a number after the signposting against its own list, not the question underneath (SMS)', async () => {
    const sms = people.next({ channelId: 'sms' });
    await runSteps(sms, [{ say: 'hi' }, { say: '1' }, { say: 'skip' }, { say: '2' }, { say: 'skip' }, { say: 'housing', expect: ['topics.housing.questions.current-place.text'] }]);
    await runSteps(sms, [{ say: CRISIS, expect: ['crisis.ask'] }, { say: '3', expectOnly: ['exit.goodbye'] }]);
    expect((await sms.story())!.answers.housing).toBeUndefined();
    await sms.cleanup();
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
    await runSteps(harness, [{ say: 'hi', expect: ['welcomeBack.greeting'] }, { say: CRISIS }, { say: 'Leave now', value: 'cmd:exit', expectOnly: ['exit.goodbye'] }]);
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

  it.each(['nah', 'No, I\'m not', 'not really', 'yes but not really'])('on %j gives the crisis signposting, and keeps nothing', async (reply) => {
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: DISTRESS }, { say: reply, expect: ['crisis.lines', 'crisis.ask'] }]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toBeUndefined();
  });

  it('on "yes I\'m safe" keeps the earlier message, not the yes, as the answer', async () => {
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: DISTRESS }, { say: "Yes I'm safe", expect: ['crisis.safeThanks'] }]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe(DISTRESS);
  });

  it('on "not sure" gives the crisis signposting', async () => {
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: DISTRESS }, { say: 'not sure', expect: ['crisis.lines', 'crisis.ask'] }]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toBeUndefined();
  });
});

describe('follow-ups after distress', () => {
  it('reads "I have done it" as crisis soon after distress, though not on its own', async () => {
    await runSteps(harness, [
      ...HOUSING_TEXT_QUESTION,
      { say: 'i have done it', notExpect: ['crisis.lines', 'crisis.areYouSafe'], expect: ['topics.housing.questions.worries.text'] },
      { say: "honestly i can't cope anymore", expect: ['crisis.areYouSafe'] },
      { say: "Yes, I'm safe right now" },
      { say: 'i have done it', expect: ['crisis.lines', 'crisis.ask'] },
    ]);
  });

  it('reads "I\'ve already taken the tablets" as crisis even on its own', async () => {
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: "i've already taken the tablets", expect: ['crisis.lines', 'crisis.ask'] }]);
  });
});
