import { beforeEach, describe, expect, it } from '@jest/globals';
import type { TFunction } from 'i18next';
import { getAnswer } from '../../domain/story.js';
import { newPersonPerTest, replyText, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_TEXT_QUESTION } from './journeys.js';

/**
 * What follows the crisis check's own questions ("are you safe right now?", carry on, keep it as your
 * answer): recall first, but nothing a person told is lost, nothing loops, and every follow-up of a message
 * is asked in that message's language and understood in it and in the conversation's.
 */
// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;

/** A Polish conversation, up to "What helps me", question 3: "is there anything people should avoid?". */
function toWhatHelpsAvoid(t: TFunction): Step[] {
  return [
    { say: 'hi', expect: ['welcome.lines', 'supporter.ask'] },
    { say: t('supporter.no'), expect: ['welcome.askName'] },
    { say: 'pomiń', expect: ['welcome.noName'] },
    { say: t('topics.what-helps.title'), expect: ['topics.what-helps.intro', 'topics.what-helps.questions.worker-gender.text'] },
    { say: 'Kobieta', expect: ['topics.what-helps.questions.talk-how.text'] },
    { say: 'Osobiście', expect: ['topics.what-helps.questions.avoid.text'] },
  ];
}

const AVOID = 'topics.what-helps.questions.avoid.text';
const ACCESS_NEEDS = 'topics.what-helps.questions.access-needs.text';

describe('an answer that led to "are you safe right now?" is never lost (a Polish conversation)', () => {
  beforeEach(async () => {
    harness = people.next({ locale: 'pl' });
    await runSteps(harness, toWhatHelpsAvoid(harness.t));
  });

  it('the reviewer\'s case: ordinary replies are asked about once more, then the answer is kept and we carry on', async () => {
    await runSteps(harness, [
      // A false alarm on an everyday answer: the gentle question, not the signposting.
      { say: 'Nie krzyczeć na mnie', expect: ['crisis.areYouSafe'], notExpect: ['crisis.lines', ACCESS_NEEDS] },
      // Neither yes nor no, and nothing in it reads as distress: asked once more, kindly, with the buttons.
      { say: 'Tłumacz na polski', expect: ['crisis.areYouSafeAgain', 'crisis.safe', 'crisis.notSafe'], notExpect: ['crisis.lines', 'crisis.ask'] },
      // Something else again: we carry on, and the earlier answer is kept, with a word saying so.
      { say: 'Mam psa', expect: ['crisis.carryOnKeptAnswer', ACCESS_NEEDS], notExpect: ['crisis.lines', 'crisis.areYouSafe', AVOID] },
    ]);
    expect(getAnswer((await harness.story())!, 'what-helps', 'avoid')?.text).toBe('Nie krzyczeć na mnie');
  });

  it('a reply that itself reads as distress still brings the signposting, and the answer can still be kept', async () => {
    await runSteps(harness, [
      { say: 'Nie krzyczeć na mnie', expect: ['crisis.areYouSafe'] },
      { say: 'Tłumacz na polski', expect: ['crisis.areYouSafeAgain'] },
      { say: 'czuję się beznadziejnie, nie daję rady', expect: ['crisis.lines', 'crisis.ask'] },
      { say: 'dalej', expect: ['crisis.keepAsAnswer'] },
      { say: 'tak', expect: [ACCESS_NEEDS], notExpect: ['crisis.lines'] },
    ]);
    expect(getAnswer((await harness.story())!, 'what-helps', 'avoid')?.text).toBe('Nie krzyczeć na mnie');
  });

  it('on "no", the signposting; an ordinary message after it is not taken as the answer in place of the first', async () => {
    await runSteps(harness, [
      { say: 'Nie krzyczeć na mnie', expect: ['crisis.areYouSafe'] },
      { say: 'nie', expect: ['crisis.lines', 'crisis.ask'] },
      { say: 'Mam psa', expect: ['crisis.keepAsAnswer'], notExpect: ['crisis.lines', 'crisis.areYouSafe', ACCESS_NEEDS] },
      // Neither yes nor no to keeping it: kept, and said so, with how to change it.
      { say: 'Mam psa', expect: ['crisis.keptAnswer', ACCESS_NEEDS], notExpect: ['crisis.lines', 'crisis.areYouSafe'] },
    ]);
    expect(getAnswer((await harness.story())!, 'what-helps', 'avoid')?.text).toBe('Nie krzyczeć na mnie');
  });

  it('"x" typed again and again: the signposting once for it, then we carry on instead of going round', async () => {
    const transcript = await runSteps(harness, [
      { say: 'x', expect: ['crisis.areYouSafe'] },
      { say: 'x', expect: ['crisis.lines', 'crisis.ask'] },
      { say: 'x', expect: ['crisis.keepAsAnswer'], notExpect: ['crisis.lines', 'crisis.areYouSafe'] },
      // "x" reads as a little distress to the check: kept, with where to turn again, and on to the next question.
      { say: 'x', expect: ['crisis.carryOnKeptAnswer', ACCESS_NEEDS], notExpect: ['crisis.lines', 'crisis.areYouSafe'] },
    ]);
    const signposting = (harness.t('crisis.lines', { returnObjects: true }) as string[])[1];
    expect(transcript.flat().map(replyText).filter((text) => text.includes(signposting))).toHaveLength(1);
    expect(getAnswer((await harness.story())!, 'what-helps', 'avoid')?.text).toBe('x');
  });

  it('the quick exit works while "are you safe?" waits for a reply, and says nothing else', async () => {
    await runSteps(harness, [{ say: 'Nie krzyczeć na mnie', expect: ['crisis.areYouSafe'] }, { say: 'wyjdź', expectOnly: ['exit.goodbye'] }]);
  });

  it('"pause" while "are you safe?" waits is a pause, not something to ask about again', async () => {
    await runSteps(harness, [
      { say: 'Nie krzyczeć na mnie', expect: ['crisis.areYouSafe'] },
      { say: 'przerwa', expect: ['pause.lines'], notExpect: ['crisis.areYouSafeAgain', 'crisis.lines'] },
    ]);
  });

  it('"SOS" while "are you safe?" waits: the numbers at once, and the answer is still offered to keep', async () => {
    await runSteps(harness, [
      { say: 'Nie krzyczeć na mnie', expect: ['crisis.areYouSafe'] },
      { say: 'SOS', expect: ['crisis.helpNow.lines', 'crisis.ask'], notExpect: [AVOID] },
      { say: 'dalej', expect: ['crisis.keepAsAnswer'] },
      { say: 'tak', expect: [ACCESS_NEEDS] },
    ]);
    expect(getAnswer((await harness.story())!, 'what-helps', 'avoid')?.text).toBe('Nie krzyczeć na mnie');
  });
});

describe('a message in another language than the conversation\'s: every follow-up in that language (Polish in English)', () => {
  const POLISH_CRISIS = 'nie chcę już żyć, dziś w nocy to skończę, mam tabletki';
  let pl: TFunction;
  beforeEach(async () => {
    harness = people.next();
    pl = harness.translations.forLocale('pl');
    await runSteps(harness, HOUSING_TEXT_QUESTION);
  });

  it('the reviewer\'s case: signposting, "dalej", the offer to keep in Polish, and "tak" keeps it', async () => {
    await runSteps(harness, [
      { say: POLISH_CRISIS, expect: [{ text: (pl('crisis.lines', { returnObjects: true }) as string[])[0] }, { text: pl('crisis.ask') }] },
      { say: 'dalej', expect: [{ text: pl('crisis.keepAsAnswer') }, { text: pl('crisis.keep') }], notExpect: ['crisis.keepAsAnswer'] },
      { say: 'tak', expect: ['topics.housing.questions.worries.text'], notExpect: ['topics.housing.questions.how-long.text'] },
    ]);
    const story = (await harness.story())!;
    expect(getAnswer(story, 'housing', 'how-long')?.text).toBe(POLISH_CRISIS);
    expect(getAnswer(story, 'housing', 'worries')).toBeUndefined();
  });

  it('a yes or no typed in the conversation\'s language works too', async () => {
    await runSteps(harness, [
      { say: POLISH_CRISIS, expect: [{ text: pl('crisis.ask') }] },
      { say: 'carry on', expect: [{ text: pl('crisis.keepAsAnswer') }] },
      { say: 'no', expect: ['topics.housing.questions.how-long.text'] },
    ]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toBeUndefined();
  });

  it('"are you safe?" and the question asked again come in Polish, and an English yes keeps the answer', async () => {
    await runSteps(harness, [
      { say: 'Nie krzyczeć na mnie', expect: [{ text: pl('crisis.areYouSafe') }], notExpect: ['crisis.areYouSafe'] },
      { say: 'Mam psa', expect: [{ text: pl('crisis.areYouSafeAgain') }, { text: pl('crisis.safe') }] },
      { say: 'yes', expect: [{ text: pl('crisis.safeThanks') }, 'topics.housing.questions.worries.text'] },
    ]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')?.text).toBe('Nie krzyczeć na mnie');
  });

  it('after signposting in Polish, a Polish "nie" to keeping it is understood', async () => {
    await runSteps(harness, [{ say: POLISH_CRISIS }, { say: 'Dalej' }, { say: 'nie', expect: ['topics.housing.questions.how-long.text'] }]);
    expect(getAnswer((await harness.story())!, 'housing', 'how-long')).toBeUndefined();
  });
});
