import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, type DialogHarness } from '../support/dialogHarness.js';
import { QUICK_EXIT_EVENT } from '../../dialogs/oneStoryDialog.js';
import { runSteps, type Expectation, type Step } from './conversationRunner.js';
import { HOUSING_FIRST_QUESTION, HOUSING_TEXT_QUESTION, MENTAL_HEALTH_TIMING, WELCOME_TO_MENU } from './journeys.js';

/**
 * Every word that works anywhere, typed at every kind of prompt: a choice question, a free-text
 * question, the topic menu, and the "is now an OK time?" check before a sensitive topic.
 */
type PromptKind = 'choice question' | 'text question' | 'menu' | 'sensitive check';

const reach: Record<PromptKind, Step[]> = {
  'choice question': HOUSING_FIRST_QUESTION,
  'text question': HOUSING_TEXT_QUESTION,
  menu: WELCOME_TO_MENU,
  'sensitive check': MENTAL_HEALTH_TIMING,
};

/** The prompt each kind shows, so "help" and "carry on" can be seen to ask it again. */
const promptOf: Record<PromptKind, Expectation> = {
  'choice question': 'topics.housing.questions.current-place.text',
  'text question': 'topics.housing.questions.how-long.text',
  menu: 'menu.review',
  'sensitive check': 'topic.isNowOk',
};

const whatHappens: Record<string, (kind: PromptKind) => Step> = {
  help: (kind) => ({ say: 'help', expect: ['help.lines', promptOf[kind]] }),
  'carry on': (kind) => ({ say: 'carry on', expect: [promptOf[kind]] }),
  menu: () => ({ say: 'menu', expect: ['menu.askNext'] }),
  pause: () => ({ say: 'pause', expect: ['pause.lines'] }),
  review: (kind) => ({ say: 'review', expect: kind === 'text question' ? ['review.intro', 'review.whatNext'] : ['review.empty'] }),
  'start again': () => ({ say: 'start again', expect: ['startAgain.note', 'welcome.lines', 'supporter.ask'] }),
  exit: () => ({ say: 'quick exit', expectOnly: ['exit.goodbye'] }),
  'delete my story': () => ({ say: 'delete my story', expect: ['delete.explain', 'delete.confirm'] }),
  skip: (kind) => ({
    say: 'skip',
    expect: {
      'choice question': ['question.skipped', 'topics.housing.questions.safe-to-stay.text'],
      'text question': ['question.skipped', 'topics.housing.questions.worries.text'],
      menu: ['menu.nothingToSkip'],
      'sensitive check': [{ key: 'topic.skipped', params: { title: 'My mental health' } }],
    }[kind] as Expectation[],
  }),
  back: (kind) => ({
    say: 'back',
    expect: {
      'choice question': ['menu.askNext'],
      'text question': ['topics.housing.questions.safe-to-stay.text'],
      menu: ['menu.nothingToSkip'],
      'sensitive check': ['topic.later', 'menu.askNext'],
    }[kind] as Expectation[],
  }),
};

const table = (Object.keys(reach) as PromptKind[]).flatMap((kind) => Object.keys(whatHappens).map((word) => [word, kind] as const));

// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

describe('words that work anywhere', () => {
  it.each(table)('"%s" at a %s', async (word, kind) => {
    await runSteps(harness, [...reach[kind], whatHappens[word](kind)]);
  });

  it('after pause, any message brings a short welcome back, offering to carry on where they stopped', async () => {
    await runSteps(harness, [
      ...HOUSING_TEXT_QUESTION,
      { say: 'pause', expect: ['pause.lines'] },
      { say: 'hi', expect: ['welcomeBack.greeting', { key: 'welcomeBack.askWithPlace', params: { title: "Where I'm staying" } }], notExpect: ['welcome.lines'] },
      { say: 'Carry on where I stopped', expect: ['topics.housing.questions.how-long.text'], notExpect: ['topics.housing.questions.current-place.text'] },
    ]);
  });

  it('after exit, nothing personal is repeated and the next message starts a new sitting', async () => {
    const transcript = await runSteps(harness, [
      ...HOUSING_FIRST_QUESTION,
      { say: 'Sofa surfing' },
      { say: 'exit', expectOnly: ['exit.goodbye'] },
      { say: 'hello', expect: ['welcomeBack.greeting'] },
    ]);
    expect(JSON.stringify(transcript.at(-2))).not.toContain('Sofa');
  });

  it('start again keeps what was said', async () => {
    await runSteps(harness, [...HOUSING_FIRST_QUESTION, { say: 'Sofa surfing' }, { say: 'start again', expect: ['startAgain.note'] }]);
    expect((await harness.story())!.answers.housing['current-place'].choiceId).toBe('sofa-surfing');
  });
});

describe('quick exit typed on the web', () => {
  it('tells the web page to leave at once; a text message gets only the goodbye', async () => {
    await runSteps(harness, WELCOME_TO_MENU);
    const web = await harness.say('exit');
    expect(web.filter((reply) => reply.type === 'event').map((reply) => reply.name)).toEqual([QUICK_EXIT_EVENT]);
    const sms = people.next({ channelId: 'sms' });
    try {
      await sms.say('hi');
      const replies = await sms.say('exit');
      expect(replies.some((reply) => reply.type === 'event')).toBe(false);
    } finally {
      await sms.cleanup();
    }
  });
});

describe('answers that look like command words', () => {
  it.each(['Scared', 'Shame', 'Withdrawn', 'Forget it', 'Take a break', 'Get out', 'Shane', 'leave', '1'])(
    '%j typed as an answer in the person\'s own words is kept as the answer',
    async (answer) => {
      await runSteps(harness, HOUSING_TEXT_QUESTION);
      let replies = await harness.sayTexts(answer);
      // "Scared" or "Get out" may first bring the gentle "are you safe right now?": a clear yes keeps the answer.
      if (replies.some((reply) => reply.includes(harness.t('crisis.areYouSafe')))) replies = await harness.sayTexts(harness.t('crisis.safe'));
      expect(replies.join('\n')).toContain(harness.t('topics.housing.questions.worries.text'));
      expect((await harness.story())!.answers.housing['how-long'].text).toBe(answer);
    },
  );

  it('still reads a slip of skip, back or help where the person answers in their own words', async () => {
    await runSteps(harness, [...HOUSING_TEXT_QUESTION, { say: 'skpi', expect: ['question.skipped'] }]);
  });

  it('still reads a slip of a command where only choices are offered', async () => {
    await runSteps(harness, [...WELCOME_TO_MENU, { say: 'reveiw', expect: ['review.empty'] }]);
  });
});
