import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, replyText, type DialogHarness } from '../support/dialogHarness.js';
import { getAnswer } from '../../domain/story.js';
import { runSteps, type Step } from './conversationRunner.js';
import { WELCOME_TO_MENU } from './journeys.js';

/** The small slips a person noticed in the copy (issue 12, point 7), each read as they would meet it. */
// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

const NAMED_AT_WELCOME: Step[] = [{ say: 'hi' }, { say: 'No, just me' }, { say: 'Sam' }];

/** The texts of one turn's replies, as the person reads them. */
async function read(say: string, value?: string): Promise<string[]> {
  return (await harness.say(say, value)).map(replyText);
}

describe('a sensitive topic', () => {
  it('opens with one message, not three near-identical ones, then asks if now is an OK time', async () => {
    await runSteps(harness, WELCOME_TO_MENU);
    const replies = await read('My mental health', 'topic:mental-health');
    const [note, question] = replies;
    expect(replies).toHaveLength(2);
    expect(note).toContain(harness.t('topics.mental-health.contentNote'));
    expect(note).toContain(harness.t('topic.supportLine'));
    expect(question).toContain(harness.t('topic.isNowOk'));
    expect(replies.join('\n')).not.toContain(harness.t('topics.mental-health.intro'));
    // "You can … stop at any time" is said once.
    expect(replies.join('\n').match(/stop at any time/g)).toHaveLength(1);
  });
});

describe('an answer quoted back', () => {
  it('has no stray punctuation after the quote when the answer ends a sentence itself', async () => {
    await runSteps(harness, [...WELCOME_TO_MENU, { say: 'My mental health', value: 'topic:mental-health' }, { say: 'Yes, now is OK' }]);
    await runSteps(harness, [{ say: 'I have been feeling low about my dad.', expect: ['topics.mental-health.questions.conditions.text'] }]);
    const [, asked] = await read('back');
    expect(asked).toContain(harness.t('question.youSaid', { answer: 'I have been feeling low about my dad.' }));
    expect(asked).toContain('"I have been feeling low about my dad."');
    expect(asked).not.toMatch(/[.!?]["”»“][.!?۔]/);
  });
});

describe('the end of a topic', () => {
  it('names the topic as a title, so "What helps me" reads well', async () => {
    await runSteps(harness, [...WELCOME_TO_MENU, { say: 'What helps me', value: 'topic:what-helps' }, { say: 'A woman' }]);
    const topic = harness.bank.topics.find((candidate) => candidate.id === 'what-helps')!;
    let replies: string[] = [];
    for (let index = 1; index < topic.questions.length; index++) replies = await read('skip');
    expect(replies.join('\n')).toContain(harness.t('topic.finished', { title: 'What helps me' }));
    expect(replies.join('\n')).toContain('"What helps me" is done');
    expect(replies.join('\n')).not.toContain("That's What helps me done");
  });
});

describe('progress', () => {
  it('counts only the questions this person is asked: not the name already given at the welcome', async () => {
    await runSteps(harness, [
      ...NAMED_AT_WELCOME,
      {
        say: 'About me',
        value: 'topic:about-me',
        expect: [{ key: 'question.progress', params: { number: 1, total: 6 } }, 'topics.about-me.questions.pronouns.text'],
        notExpect: [{ key: 'question.progress', params: { number: 2, total: 8 } }, 'topics.about-me.questions.preferred-name.text'],
      },
      { say: 'They/them', expect: [{ key: 'question.progress', params: { number: 2, total: 6 } }] },
      { say: 'Phone call' },
      { say: 'Mornings' },
      { say: 'Yes' },
      { say: 'No' },
      // The interpreter's language is counted once it applies.
      { say: 'Yes, please', expect: [{ key: 'question.progress', params: { number: 7, total: 7 } }, 'topics.about-me.questions.interpreter-language.text'] },
    ]);
  });

  it('counts the name when About me asks for it (it was skipped at the welcome)', async () => {
    await runSteps(harness, [
      ...WELCOME_TO_MENU,
      { say: 'About me', value: 'topic:about-me', expect: [{ key: 'question.progress', params: { number: 1, total: 7 } }, 'topics.about-me.questions.preferred-name.text'] },
      { say: 'Sam', expect: [{ key: 'question.progress', params: { number: 2, total: 7 } }] },
    ]);
  });

  it('a name given at the welcome and changed in About me is still not counted there', async () => {
    await runSteps(harness, [...NAMED_AT_WELCOME, { say: 'review' }, { say: 'Change an answer' }, { say: 'About me' }, { say: 'What name would you like people to use for you?' }, { say: 'Sammy' }]);
    expect(getAnswer((await harness.story())!, 'about-me', 'preferred-name')).toMatchObject({ text: 'Sammy', askedAtWelcome: true });
    await runSteps(harness, [{ say: 'menu' }, { say: 'About me', value: 'topic:about-me', expect: [{ key: 'question.progress', params: { number: 1, total: 6 } }] }]);
  });
});

describe('asking again after a reply not understood', () => {
  it('on the web, where choices are buttons, does not say "reply with its number"', async () => {
    await runSteps(harness, [
      ...WELCOME_TO_MENU,
      { say: 'Money', value: 'topic:money' },
      { say: 'Universal Credit' },
      { say: 'review' },
      { say: 'purple', expect: ['prompt.retryChoice', 'review.whatNext'], notExpect: ['prompt.retryChoiceNumbered', { text: 'number' }] },
    ]);
  });

  it('in the terminal, where choices are numbered, says a number works', async () => {
    const terminal = people.next({ channelId: 'console' });
    try {
      await runSteps(terminal, [{ say: 'hi' }, { say: 'purple', expect: ['prompt.retryChoiceNumbered', 'supporter.ask'] }]);
    } finally {
      await terminal.cleanup();
    }
  });
});

describe('skip while changing an answer', () => {
  it('says the answer was kept, not saved, and keeps it', async () => {
    await runSteps(harness, [
      ...WELCOME_TO_MENU,
      { say: "Where I'm staying", value: 'topic:housing' },
      { say: 'Sofa surfing' },
      { say: 'No' },
      { say: 'Two weeks' },
      { say: 'review' },
      { say: 'Change an answer' },
      { say: "Where I'm staying" },
      { say: 'How long do you think you can stay there?' },
      { say: 'skip', expect: ['review.kept', 'review.anythingElse'], notExpect: ['review.saved', 'question.skipped'] },
      { say: 'Change an answer' },
      { say: "Where I'm staying" },
      { say: 'How long do you think you can stay there?' },
      { say: 'Keep my answer', expect: ['review.kept'], notExpect: ['review.saved'] },
    ]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toMatchObject({ status: 'answered', text: 'Two weeks' });
  });
});

describe('drugs and alcohol', () => {
  const TO_SUPPORT: Step[] = [...WELCOME_TO_MENU, { say: 'Drugs and alcohol', value: 'topic:drugs-alcohol' }, { say: 'Yes, now is OK' }, { say: 'Sometimes a drink' }];

  it('does not ask about a prescription after "No, but I\'d like some"', async () => {
    await runSteps(harness, [
      ...TO_SUPPORT,
      {
        say: "No, but I'd like some",
        expect: ['topics.drugs-alcohol.questions.keep-safe.text', { key: 'question.progress', params: { number: 3, total: 3 } }],
        notExpect: ['topics.drugs-alcohol.questions.prescription.text'],
      },
    ]);
  });

  it('asks about a prescription after "Yes", counted from then on', async () => {
    await runSteps(harness, [
      ...TO_SUPPORT,
      { say: 'Yes', expect: ['topics.drugs-alcohol.questions.prescription.text', { key: 'question.progress', params: { number: 3, total: 4 } }] },
    ]);
  });
});
