import { beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { createDialogHarness, newPersonPerTest, type DialogHarness } from '../support/dialogHarness.js';
import { getAnswer } from '../../domain/story.js';
import { runSteps, type Step } from './conversationRunner.js';
import { WELCOME_TO_MENU } from './journeys.js';

/** Edges of the conversation a person could easily reach, each found by reading it as they would. */
// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

const HOUSING_NAME = 'Housing Options (Cambridge)';
const TOLD_HOUSING: Step[] = [...WELCOME_TO_MENU, { say: 'housing' }, { say: 'Sofa surfing' }, { say: 'No' }, { say: 'Two weeks' }, { say: 'Damp' }];

describe('polite refusals', () => {
  it.each(['no thanks', 'Nah', "I'd rather not"])('%j to "what should I call you?" is a skip, not a name', async (reply) => {
    await runSteps(harness, [{ say: 'hi' }, { say: 'No, just me' }, { say: reply, expect: ['welcome.noName'], notExpect: [{ text: 'Thank you,' }] }]);
    expect(getAnswer((await harness.story())!, 'about-me', 'preferred-name')).toBeUndefined();
  });
});

describe('review', () => {
  it('understands a plain "no" to "would you like to change anything?"', async () => {
    await runSteps(harness, [...TOLD_HOUSING, { say: 'review' }, { say: 'no', expect: ['menu.askNext'], notExpect: ['prompt.retryChoice'] }]);
  });

  it('changing one answer does not move "where I stopped"', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: 'Money' },
      { say: 'Universal Credit' },
      { say: 'pause' },
      { say: 'hi' },
      { say: 'Choose a topic' },
      { say: 'review' },
      { say: 'Change an answer' },
      { say: "Where I'm staying" },
      { say: 'How long do you think you can stay there?' },
      { say: 'A month' },
      { say: 'pause' },
      { say: 'hi', expect: [{ key: 'welcomeBack.askWithPlace', params: { title: 'Money' } }] },
    ]);
  });

  it('choosing a finished topic again shows what was said, to change, instead of a dead end', async () => {
    await runSteps(harness, [
      ...TOLD_HOUSING,
      { say: "Where I'm staying", expect: [{ key: 'topic.allAnswered', params: { title: "Where I'm staying" } }, { text: 'Two weeks' }, 'review.whatNext'], notExpect: ['topic.isNowOk'] },
      { say: 'Change an answer', expect: ['review.whichQuestion'] },
    ]);
  });
});

describe('sharing', () => {
  const CHOSEN: Step[] = [...TOLD_HOUSING, { say: 'menu' }, { say: 'share' }, { say: HOUSING_NAME }, { say: "Where I'm staying" }];

  it('"back" at "Send …?" returns to the parts, with the choices kept', async () => {
    await runSteps(harness, [...CHOSEN, { say: 'Done, show me' }, { say: 'No, send without it' }, { say: 'back', expect: [{ key: 'share.partChosen', params: { title: "Where I'm staying" } }], notExpect: ['share.notSent'] }]);
  });

  it('a part whose every answer is held back is not sent, nor named', async () => {
    await runSteps(harness, [...TOLD_HOUSING, { say: 'What helps me' }, { say: 'A woman' }, { say: 'menu' }, { say: 'share' }, { say: HOUSING_NAME }, { say: "Where I'm staying" }, { say: 'What helps me' }]);
    for (const question of ['Where are you staying right now?', 'Is it safe and secure for you to stay there for now?', 'How long do you think you can stay there?', 'Is anything worrying you about where you are staying?']) {
      await runSteps(harness, [{ say: 'Hold back one answer' }, { say: question }]);
    }
    await runSteps(harness, [{ say: 'Done, show me' }, { say: 'No, send without it', expect: [{ key: 'share.confirm', params: { parts: 'What helps me', name: HOUSING_NAME } }] }, { say: 'Yes, send it' }]);
    const [entry] = await harness.sharing.sharedWith((await harness.story())!.personId);
    expect(entry.parts).toEqual(['what-helps']);
    const summary = await harness.agencySharing.readForAgency('cambridge-housing-options', entry.handoffId);
    expect(summary!.consent.parts).toEqual(['what-helps']);
    expect(summary!.parts.map((part) => part.topicId)).toEqual(['what-helps']);
    expect(JSON.stringify(summary)).not.toContain('Sofa surfing');
  });

  it('an update shows exactly what the service would get, and lets the person hold back a new answer first', async () => {
    await runSteps(harness, [...CHOSEN, { say: 'Done, show me' }, { say: 'No, send without it' }, { say: 'Yes, send it' }, { say: "No, that's all" }]);
    await runSteps(harness, [
      { say: 'review' },
      { say: 'Change an answer' },
      { say: "Where I'm staying" },
      { say: 'Is anything worrying you about where you are staying?' },
      { say: 'The rent is going up in May', expect: [{ key: 'update.previewIntro', params: { name: HOUSING_NAME } }, { text: 'The rent is going up in May' }, 'update.change'] },
      { say: 'Change what they see' },
      { say: 'Hold back one answer' },
      { say: 'Is anything worrying you about where you are staying?' },
      { say: 'Done, show me' },
      { say: 'No, send without it', notExpect: [{ text: 'The rent is going up' }] },
      { say: 'Yes, send it' },
    ]);
    const [latest] = await harness.sharing.sharedWith((await harness.story())!.personId);
    expect(latest.version).toBe(2);
    const summary = await harness.agencySharing.readForAgency('cambridge-housing-options', latest.handoffId);
    expect(JSON.stringify(summary)).not.toContain('My ex found out');
    expect(JSON.stringify(summary)).toContain('Two weeks');
  });
});

describe('continue on another device', () => {
  it('links a device where the person has only given their name, and keeps the name', async () => {
    const key = randomBytes(32);
    const first = await createDialogHarness({ encryptionKey: key, userId: 'first-device' });
    await runSteps(first, [...TOLD_HOUSING]);
    const issued = await first.sayTexts('another device');
    const prefix = first.t('resumeCode.issued', { code: '' });
    const code = issued.find((line) => line.startsWith(prefix))!.slice(prefix.length);
    const second = await createDialogHarness({ encryptionKey: key, dataDir: first.dataDir, userId: 'second-device' });
    await runSteps(second, [{ say: 'hi' }, { say: 'No, just me' }, { say: 'Jo' }, { say: code, expect: ['resumeCode.linked', { key: 'welcomeBack.greetingNamed', params: { name: 'Jo' } }], notExpect: ['resumeCode.alreadyHasStory'] }]);
    expect(getAnswer((await second.story())!, 'housing', 'how-long')?.text).toBe('Two weeks');
    await first.cleanup();
  });
});
