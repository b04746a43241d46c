import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, replyText, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_OPTIONS, WELCOME_TO_MENU } from './journeys.js';

/**
 * Sharing that protects the person: a service that could not contact them is said to be so, a support
 * worker they want to be reached through is asked for, suggestions come only from what they told, `back`
 * undoes one pick, and holding back an answer is confirmed at once.
 */
// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

const { id: HOUSING, name: HOUSING_NAME } = HOUSING_OPTIONS;
const ABOUT_ME = 'About me';

/** Welcomed with a name (so "About me" holds something), then told housing. */
const NAMED_AND_TOLD_HOUSING: Step[] = [
  { say: 'hi' },
  { say: 'No, just me' },
  { say: 'Sam', expect: [{ key: 'welcome.nameThanks', params: { name: 'Sam' } }] },
  { say: 'housing', expect: ['topics.housing.questions.current-place.text'] },
  { say: 'Sofa surfing' },
  { say: 'No' },
  { say: 'Two weeks at most' },
  { say: 'Damp walls', expect: [{ key: 'topic.finished', params: { title: "Where I'm staying" } }] },
];

const TO_HOUSING_PARTS: Step[] = [{ say: 'share' }, { say: HOUSING_NAME, expect: [{ key: 'share.whichParts', params: { name: HOUSING_NAME } }] }];

async function sharedWith() {
  return harness.sharing.sharedWith((await harness.story())!.personId);
}

describe('a service that could not contact the person', () => {
  it('says plainly that without "About me" the service cannot contact them, and adds it when they say so', async () => {
    await runSteps(harness, [
      ...NAMED_AND_TOLD_HOUSING,
      ...TO_HOUSING_PARTS,
      { say: "Where I'm staying" },
      {
        say: 'Done, show me',
        expect: [{ key: 'share.cannotContact', params: { name: HOUSING_NAME, title: ABOUT_ME } }, { key: 'share.addAboutMe', params: { title: ABOUT_ME } }, 'share.sendWithoutContact'],
        notExpect: ['share.previewIntro', { text: 'should get in touch' }],
      },
      {
        say: `Yes, add "${ABOUT_ME}"`,
        expect: [
          { key: 'share.previewIntro', params: { name: HOUSING_NAME } },
          { key: 'share.previewName', params: { name: 'Sam' } },
          { key: 'share.whatTheyDo', params: { name: HOUSING_NAME, count: 2 } },
          { key: 'share.confirm', params: { parts: "Where I'm staying and About me", name: HOUSING_NAME } },
        ],
      },
      { say: 'Yes, send it', expect: [{ text: `Sent to ${HOUSING_NAME}` }] },
    ]);
    const [entry] = await sharedWith();
    expect(entry.parts).toEqual(['housing', 'about-me']);
    const summary = await harness.agencySharing.readForAgency(HOUSING, entry.handoffId);
    expect(summary!.person?.chosenName).toBe('Sam');
  });

  it('when "About me" was never told, offers to tell it first, and sends nothing meanwhile', async () => {
    await runSteps(harness, [
      ...WELCOME_TO_MENU,
      { say: 'housing' },
      { say: 'Sofa surfing' },
      { say: 'menu' },
      ...TO_HOUSING_PARTS,
      { say: "Where I'm staying" },
      { say: 'Done, show me', expect: [{ key: 'share.cannotContactNotTold', params: { name: HOUSING_NAME, title: ABOUT_ME } }, { key: 'share.tellAboutMeFirst', params: { title: ABOUT_ME } }] },
      {
        say: `Yes, do "${ABOUT_ME}" first`,
        expect: [{ key: 'share.aboutMeFirst', params: { name: HOUSING_NAME } }, 'topics.about-me.questions.preferred-name.text'],
        notExpect: ['share.previewIntro'],
      },
    ]);
    expect(await sharedWith()).toEqual([]);
  });
});

describe('"through my support worker"', () => {
  const TO_CONTACT_METHOD: Step[] = [
    ...NAMED_AND_TOLD_HOUSING,
    { say: ABOUT_ME, expect: ['topics.about-me.questions.pronouns.text'] },
    { say: 'skip', expect: ['topics.about-me.questions.contact-method.text'] },
  ];

  it('asks for the support worker’s name, service and phone or email, saying why, and the person chooses to share them', async () => {
    await runSteps(harness, [
      ...TO_CONTACT_METHOD,
      { say: 'Through my support worker', expect: ['topics.about-me.questions.support-worker-who.why', 'topics.about-me.questions.support-worker-who.text'] },
      { say: 'Priya, Wintercomfort', expect: ['topics.about-me.questions.support-worker-contact.why', 'topics.about-me.questions.support-worker-contact.text'] },
      { say: '07700 900123', expect: ['topics.about-me.questions.contact-time.text'] },
      { say: 'menu' },
      ...TO_HOUSING_PARTS,
      { say: "Where I'm staying" },
      { say: ABOUT_ME },
      { say: 'Done, show me', expect: [{ text: 'Priya, Wintercomfort' }, { text: '07700 900123' }, { key: 'share.whatTheyDo', params: { name: HOUSING_NAME, count: 2 } }] },
      { say: 'Yes, send it' },
    ]);
    const [entry] = await sharedWith();
    const summary = await harness.agencySharing.readForAgency(HOUSING, entry.handoffId);
    const contact = Object.fromEntries(summary!.person!.contactPreferences.map((answer) => [answer.questionId, answer.answer]));
    expect(contact).toMatchObject({ 'contact-method': 'Through my support worker', 'support-worker-who': 'Priya, Wintercomfort', 'support-worker-contact': '07700 900123' });
  });

  it('can be held back from a service like any answer', async () => {
    await runSteps(harness, [
      ...TO_CONTACT_METHOD,
      { say: 'Through my support worker' },
      { say: 'Priya, Wintercomfort' },
      { say: '07700 900123' },
      { say: 'menu' },
      ...TO_HOUSING_PARTS,
      { say: ABOUT_ME },
      { say: 'Hold back one answer', expect: [{ text: harness.t('topics.about-me.questions.support-worker-contact.text') }] },
      { say: harness.t('topics.about-me.questions.support-worker-contact.text') },
      { say: 'Done, show me', notExpect: [{ text: '07700 900123' }] },
      { say: 'Yes, send it' },
    ]);
    const [entry] = await sharedWith();
    expect(JSON.stringify(await harness.agencySharing.readForAgency(HOUSING, entry.handoffId))).not.toContain('07700 900123');
  });

  it('is not asked about when they chose another way to be contacted', async () => {
    await runSteps(harness, [
      ...TO_CONTACT_METHOD,
      { say: 'Phone call', expect: ['topics.about-me.questions.contact-time.text'], notExpect: ['topics.about-me.questions.support-worker-who.text'] },
    ]);
  });
});

describe('suggestions', () => {
  it('come only from what the person told, each with why, and mark a service already shared with', async () => {
    const transcript = await runSteps(harness, [
      ...NAMED_AND_TOLD_HOUSING,
      { say: 'share', expect: ['share.suggestionsIntro', { key: 'share.suggestionLine', params: { name: HOUSING_NAME, because: "Where I'm staying" } }] },
    ]);
    const text = transcript.at(-1)!.map(replyText).join('\n');
    // Housing was told; the justice system and safety were not.
    for (const notTold of ['Probation Service (Cambridgeshire and Peterborough)', 'Domestic Abuse Outreach', 'Adult Mental Health Service', 'Drug and Alcohol Service']) expect(text).not.toContain(notTold);
    expect(text).toContain('Housing Needs (Peterborough)');

    await runSteps(harness, [
      { say: HOUSING_NAME },
      { say: "Where I'm staying" },
      { say: 'Done, show me' },
      { say: 'No, send without it' },
      { say: 'Yes, send it' },
      { say: 'Yes, another service', expect: [{ key: 'share.agencySharedAlready', params: { name: HOUSING_NAME } }, { text: 'You already share with them (since' }] },
    ]);
  });
});

describe('choosing parts', () => {
  it('`back` undoes the last pick only', async () => {
    await runSteps(harness, [
      ...NAMED_AND_TOLD_HOUSING,
      ...TO_HOUSING_PARTS,
      { say: "Where I'm staying" },
      { say: ABOUT_ME, expect: [{ key: 'share.whichPartsSoFar', params: { name: HOUSING_NAME, parts: "Where I'm staying and About me" } }] },
      {
        say: 'back',
        expect: [{ key: 'share.undoTookOut', params: { title: ABOUT_ME } }, { key: 'share.whichPartsSoFar', params: { name: HOUSING_NAME, parts: "Where I'm staying" } }],
        notExpect: ['share.cancelled'],
      },
      { say: "Take out: Where I'm staying", expect: [{ key: 'share.whichParts', params: { name: HOUSING_NAME } }] },
      { say: 'back', expect: [{ key: 'share.undoPutBack', params: { title: "Where I'm staying" } }, { key: 'share.whichPartsSoFar', params: { name: HOUSING_NAME, parts: "Where I'm staying" } }] },
      { say: 'back', expect: [{ key: 'share.undoTookOut', params: { title: "Where I'm staying" } }, { key: 'share.whichParts', params: { name: HOUSING_NAME } }] },
      // Nothing left to undo: back leaves, and nothing was sent.
      { say: 'back', expect: ['share.cancelled'] },
    ]);
    expect(await sharedWith()).toEqual([]);
  });

  it('holding back an answer, and putting it back, is confirmed at once', async () => {
    const question = harness.t('topics.housing.questions.worries.text');
    await runSteps(harness, [
      ...NAMED_AND_TOLD_HOUSING,
      ...TO_HOUSING_PARTS,
      { say: "Where I'm staying" },
      { say: 'Hold back one answer' },
      { say: question, expect: [{ key: 'share.heldBackNow', params: { name: HOUSING_NAME, question } }] },
      { say: 'Hold back one answer', expect: [{ key: 'share.answerHeldBack', params: { question } }] },
      { say: `Put back: ${question}`, expect: [{ key: 'share.putBackNow', params: { question } }], notExpect: ['share.heldBackNow'] },
    ]);
  });
});
