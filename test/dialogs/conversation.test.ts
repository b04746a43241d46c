import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, buttonValues, type DialogHarness } from '../support/dialogHarness.js';
import { getAnswer } from '../../domain/story.js';
import { runSteps, type ConversationCase, type Step } from './conversationRunner.js';
import { HOUSING_FIRST_QUESTION, HOUSING_TEXT_QUESTION, MENTAL_HEALTH_TIMING, WELCOME_TO_MENU, askedWithFirstChoices } from './journeys.js';

// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

describe('welcome', () => {
  const cases: ConversationCase[] = [
    {
      name: 'says what it is, that nothing is shared unless the person says so, and the words that work anywhere',
      steps: [{ say: 'hello', expect: ['welcome.lines', 'supporter.ask'] }],
    },
    {
      name: 'records a support worker with name and organisation, and says they cannot consent',
      steps: [
        { say: 'hello', expect: ['supporter.ask'] },
        { say: 'Yes, someone is with me', value: 'answer:someone-helping', expect: ['supporter.askName'] },
        { say: 'Priya', expect: ['supporter.askOrganisation'] },
        { say: 'Changing Futures', expect: ['supporter.noted', 'welcome.askName'] },
        { say: 'Jo', expect: [{ key: 'welcome.nameThanks', params: { name: 'Jo' } }, 'menu.review'] },
      ],
    },
    {
      name: 'lets the person skip both optional questions',
      steps: WELCOME_TO_MENU,
    },
  ];
  it.each(cases)('$name', async ({ steps }) => {
    await runSteps(harness, steps);
  });

  it('keeps the name given at the welcome and never asks it again in "About me"', async () => {
    await runSteps(harness, [
      { say: 'hi' },
      { say: 'No, just me' },
      { say: 'Alex' },
      { say: 'About me', value: 'topic:about-me', notExpect: ['topics.about-me.questions.preferred-name.text'], expect: ['topics.about-me.questions.pronouns.text'] },
    ]);
    expect(getAnswer((await harness.story())!, 'about-me', 'preferred-name')?.text).toBe('Alex');
  });

  it('marks answers given with a supporter present', async () => {
    await runSteps(harness, [
      { say: 'hi' },
      { say: 'yes', expect: ['supporter.askName'] },
      { say: 'skip' },
      { say: 'skip' },
      { say: 'Sam' },
    ]);
    expect(getAnswer((await harness.story())!, 'about-me', 'preferred-name')?.withSupport).toBe(true);
  });
});

describe('every topic, answered through to the end', () => {
  it.each(['about-me', 'housing', 'physical-health', 'mental-health', 'drugs-alcohol', 'safety', 'money', 'justice', 'children-family', 'help-wanted', 'what-helps'])(
    '%s',
    async (topicId) => {
      const topic = harness.bank.topics.find((candidate) => candidate.id === topicId)!;
      // A sensitive topic opens with its content note instead of its introduction (said once, not three times).
      const opening = topic.sensitive ? [topic.contentNoteKey!, 'topic.supportLine', 'topic.isNowOk'] : [topic.introKey];
      const steps: Step[] = [...WELCOME_TO_MENU, { say: harness.t(topic.titleKey), value: `topic:${topic.id}`, expect: opening, notExpect: topic.sensitive ? [topic.introKey] : [] }];
      if (topic.sensitive) steps.push({ say: 'yes', expect: [] });
      // Progress counts the questions this person is asked: one asked only after an earlier choice is not
      // counted before that choice is made.
      const counted = topic.questions.filter((question) => !question.askIf).length;
      steps[steps.length - 1].expect!.push(topic.questions[0].textKey, { key: 'question.progress', params: { number: 1, total: counted } });
      const asked = askedWithFirstChoices(topic);
      asked.forEach((question, index) => {
        const next = asked[index + 1];
        const expectations = next ? [next.whyKey, next.textKey] : [{ key: 'topic.finished', params: { title: harness.t(topic.titleKey) } }];
        if (question.kind === 'choice') {
          const first = question.choices![0];
          steps.push({ say: harness.t(first.labelKey), value: `answer:${first.id}`, expect: expectations });
        } else {
          steps.push({ say: `In my own words: ${question.id} ✍️`, expect: expectations });
        }
      });
      await runSteps(harness, steps);
      const story = (await harness.story())!;
      expect(story.topicStatus[topicId]).toBe('done');
      for (const question of askedWithFirstChoices(topic)) {
        const answer = getAnswer(story, topicId, question.id);
        expect(answer?.status).toBe('answered');
        if (question.kind === 'choice') expect(answer?.choiceId).toBe(question.choices![0].id);
        else expect(answer?.text).toBe(`In my own words: ${question.id} ✍️`);
      }
    },
  );
});

describe('questions', () => {
  it('says why we ask before each question, shows progress, and keeps free text verbatim even for a choice question', async () => {
    await runSteps(harness, [
      ...HOUSING_FIRST_QUESTION,
      { say: "  in my van, near the river  ", expect: ['topics.housing.questions.safe-to-stay.why', { key: 'question.progress', params: { number: 2, total: 4 } }] },
    ]);
    const answer = getAnswer((await harness.story())!, 'housing', 'current-place');
    expect(answer).toMatchObject({ status: 'answered', text: 'in my van, near the river' });
    expect(answer?.choiceId).toBeUndefined();
  });

  it('accepts a typed label, a synonym or a number as the choice', async () => {
    await runSteps(harness, [...HOUSING_FIRST_QUESTION, { say: '3' }, { say: 'yeah' }]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'current-place')?.choiceId).toBe('sofa-surfing');
    expect(getAnswer(story, 'housing', 'safe-to-stay')?.choiceId).toBe('yes');
  });

  it('sends every choice as a button with a stable value, plus a skip button', async () => {
    const transcript = await runSteps(harness, HOUSING_FIRST_QUESTION);
    const question = transcript[transcript.length - 1].at(-1);
    expect(buttonValues(question)).toEqual([
      'answer:own-place', 'answer:family-friends', 'answer:sofa-surfing', 'answer:hostel', 'answer:sleeping-rough', 'answer:somewhere-else', 'cmd:skip',
    ]);
  });

  it('records a skip, moves on, and "back" shows the earlier answer to keep or change', async () => {
    await runSteps(harness, [
      ...HOUSING_FIRST_QUESTION,
      { say: 'Sleeping rough', expect: ['topics.housing.questions.safe-to-stay.text'] },
      { say: 'rather not say', expect: ['question.skipped', 'topics.housing.questions.how-long.text'] },
      { say: 'back', expect: ['topics.housing.questions.safe-to-stay.text'] },
      { say: 'back', expect: [{ key: 'question.youSaid', params: { answer: 'Sleeping rough' } }, 'question.keep'] },
      { say: 'Keep my answer', expect: ['topics.housing.questions.safe-to-stay.text'] },
    ]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'current-place')?.choiceId).toBe('sleeping-rough');
    expect(getAnswer(story, 'housing', 'safe-to-stay')?.status).toBe('skipped');
  });

  it('asks again kindly after an attachment or an empty message, and loses nothing', async () => {
    await runSteps(harness, [...HOUSING_FIRST_QUESTION, { say: 'Sofa surfing' }]);
    const replies = await harness.say('', undefined, { attachments: [{ contentType: 'image/png', contentUrl: 'http://x/y.png' }] });
    expect(replies[0].text).toBe(harness.t('prompt.retryAttachment'));
    const empty = await harness.say('   ');
    expect(empty[0].text).toBe(harness.t('prompt.retryText'));
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'current-place')?.choiceId).toBe('sofa-surfing');
  });

  it('keeps a 10,000-character answer in full, and emoji and other scripts verbatim', async () => {
    const long = 'word '.repeat(2000).trim();
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: long }, { say: 'مرحبا، أنا قلق 😟 ' }]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'how-long')?.text).toBe(long);
    expect(getAnswer(story, 'housing', 'worries')?.text).toBe('مرحبا، أنا قلق 😟');
  });

  it('does not ask again what was already answered when a topic is chosen again', async () => {
    await runSteps(harness, [
      ...HOUSING_FIRST_QUESTION,
      { say: 'Sofa surfing' },
      { say: 'menu', expect: ['menu.askNext'] },
      { say: 'housing', expect: ['topics.housing.questions.safe-to-stay.text'], notExpect: ['topics.housing.questions.current-place.text'] },
    ]);
  });

  it('opens sensitive topics with a content note and respects "not now"', async () => {
    await runSteps(harness, [
      ...MENTAL_HEALTH_TIMING,
      { say: 'Not now', expect: ['topic.later', 'menu.askNext'], notExpect: ['topics.mental-health.questions.how-feeling.text'] },
    ]);
    expect((await harness.story())!.answers['mental-health']).toBeUndefined();
  });
});
