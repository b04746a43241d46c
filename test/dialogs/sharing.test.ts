import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps, type Step } from './conversationRunner.js';
import { WELCOME_TO_MENU } from './journeys.js';

// One app for the file, a new person for each test (see newPersonPerTest): each test reads only its own
// person's sharing and handoffs.
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

const HOUSING = 'cambridge-housing-options';
const HOUSING_NAME = 'Housing Options (Cambridge)';

/** Told housing (with a detail to hold back) and what helps, then asked to share. */
const TOLD_AND_SHARING: Step[] = [
  ...WELCOME_TO_MENU,
  { say: 'housing' },
  { say: 'Sofa surfing' },
  { say: 'No' },
  { say: 'Two weeks at most' },
  // A sign of fear: the crisis check may first ask "are you safe right now?"; the runner answers yes.
  { say: 'My ex knows where I am staying', expect: [{ text: 'What helps me' }] },
  { say: 'What helps me' },
  { say: 'A woman' },
  { say: 'Text message' },
  { say: 'Please do not shout', expect: ['topics.what-helps.questions.access-needs.text'] },
  { say: 'menu' },
  { say: 'Share with services', value: 'cmd:share', expect: ['share.intro', 'share.suggestionsIntro', { text: HOUSING_NAME }, 'share.whichService'] },
];

const CHOOSE_HOUSING_AND_PARTS: Step[] = [
  ...TOLD_AND_SHARING,
  { say: HOUSING_NAME, expect: [{ key: 'share.whichParts', params: { name: HOUSING_NAME } }], notExpect: ['share.partsDone'] },
  { say: "Where I'm staying", expect: [{ key: 'share.partChosen', params: { title: "Where I'm staying" } }, 'share.partsDone'] },
  { say: 'What helps me', expect: [{ key: 'share.partChosen', params: { title: 'What helps me' } }] },
];

/**
 * At "Done, show me" without "About me" (not told here): said plainly that the service could not contact them,
 * and they choose to send without it; then the preview.
 */
const DONE_WITHOUT_CONTACT: Step[] = [
  { say: 'Done, show me', expect: [{ key: 'share.cannotContactNotTold', params: { name: HOUSING_NAME, title: 'About me' } }], notExpect: ['share.previewIntro'] },
  { say: 'No, send without it', expect: [{ key: 'share.previewIntro', params: { name: HOUSING_NAME } }] },
];

async function sharedWith() {
  const story = (await harness.story())!;
  return harness.sharing.sharedWith(story.personId);
}

describe('sharing with a service', () => {
  it('suggests services from the topics told, with why, and preselects nothing', async () => {
    const transcript = await runSteps(harness, TOLD_AND_SHARING);
    expect(JSON.stringify(transcript.at(-1))).toContain("because you told me about Where I'm staying");
    const [parts] = await runSteps(harness, [{ say: HOUSING_NAME, expect: [{ key: 'share.whichParts', params: { name: HOUSING_NAME } }] }]);
    expect(JSON.stringify(parts)).not.toContain('Take out:');
  });

  it('"show me all" lists every service in the directory', async () => {
    const [, ...rest] = await runSteps(harness, [...TOLD_AND_SHARING, { say: 'Show me all services' }]);
    const all = JSON.stringify(rest.at(-1));
    for (const agency of harness.sharing.allAgencies()) expect(all).toContain(agency.name);
  });

  it('previews exactly what the service will get, holds back one answer, and sends only after a yes', async () => {
    await runSteps(harness, [
      ...CHOOSE_HOUSING_AND_PARTS,
      { say: 'Hold back one answer', expect: ['share.whichAnswerToHoldBack'] },
      {
        say: 'Is anything worrying you about where you are staying?',
        // Confirmed at once, before anything else is chosen.
        expect: [
          { key: 'share.heldBackNow', params: { name: HOUSING_NAME, question: 'Is anything worrying you about where you are staying?' } },
          { key: 'share.whichPartsSoFar', params: { name: HOUSING_NAME, parts: "Where I'm staying and What helps me" } },
        ],
      },
      DONE_WITHOUT_CONTACT[0],
      {
        say: 'No, send without it',
        expect: [
          { key: 'share.previewIntro', params: { name: HOUSING_NAME } },
          { text: 'Two weeks at most' },
          { text: 'Please do not shout' },
          { key: 'share.previewHeldBack', params: { count: 1 } },
          { key: 'share.whatTheyDoNoContact', params: { name: HOUSING_NAME, contact: '01632 960101, housing.options@cambridge-city-council.example.org' } },
          { key: 'share.confirm', params: { parts: "Where I'm staying and What helps me", name: HOUSING_NAME } },
        ],
        notExpect: [{ text: 'My ex knows' }, { text: 'should get in touch within' }],
      },
    ]);
    expect(await sharedWith()).toEqual([]);
    await runSteps(harness, [{ say: 'Yes, send it', expect: [{ text: `Sent to ${HOUSING_NAME}. Your reference is` }, 'share.another'] }]);
    const [entry] = await sharedWith();
    expect(entry).toMatchObject({ agencyId: HOUSING, parts: ['housing', 'what-helps'], status: 'sent', live: true });
    const summary = await harness.agencySharing.readForAgency(HOUSING, entry.handoffId);
    expect(JSON.stringify(summary)).toContain('Two weeks at most');
    expect(JSON.stringify(summary)).not.toContain('My ex knows');
    expect(summary!.parts[0].topicId).toBe('what-helps');
    expect(summary!.consent.wording.key).toBe('share.confirm');
  });

  it('sends nothing when the person says no at the end', async () => {
    await runSteps(harness, [...CHOOSE_HOUSING_AND_PARTS, ...DONE_WITHOUT_CONTACT, { say: 'No', expect: [{ key: 'share.notSent', params: { name: HOUSING_NAME } }] }]);
    expect(await sharedWith()).toEqual([]);
  });

  it('sends nothing when no part is chosen', async () => {
    await runSteps(harness, [...TOLD_AND_SHARING, { say: HOUSING_NAME }, { say: 'Cancel, send nothing', expect: ['share.cancelled'] }]);
    expect(await sharedWith()).toEqual([]);
  });

  it('records a supporter as present, says only the person can agree, and the consent says who confirmed', async () => {
    await runSteps(harness, [
      { say: 'hi' },
      { say: 'yes' },
      { say: 'Priya' },
      { say: 'Changing Futures' },
      { say: 'skip' },
      { say: 'housing' },
      { say: 'Sofa surfing' },
      { say: 'menu' },
      { say: 'share' },
      { say: HOUSING_NAME },
      { say: "Where I'm staying" },
      { say: 'Done, show me', expect: [{ key: 'share.cannotContactNotTold', params: { name: HOUSING_NAME, title: 'About me' } }] },
      { say: 'No, send without it', expect: ['share.onlyYou'] },
      { say: 'Yes, send it' },
    ]);
    const [entry] = await sharedWith();
    const summary = await harness.agencySharing.readForAgency(HOUSING, entry.handoffId);
    expect(summary!.consent.supportedBy).toEqual({ name: 'Priya', organisation: 'Changing Futures' });
    expect(summary!.consent.confirmedBy).toBe('person');
  });
});

describe('after sharing', () => {
  const SHARED: Step[] = [...CHOOSE_HOUSING_AND_PARTS, ...DONE_WITHOUT_CONTACT, { say: 'Yes, send it' }, { say: "No, that's all", expect: ['menu.askNext'] }];

  it('"what have I shared" shows each service, the parts, and the status, with the service\'s message', async () => {
    await runSteps(harness, SHARED);
    const [entry] = await sharedWith();
    await harness.agencySharing.setStatusByAgency(HOUSING, entry.handoffId, 'accepted', 'We will text you on Monday.');
    await runSteps(harness, [
      { say: 'what have I shared', expect: [{ text: HOUSING_NAME }, { text: "Where I'm staying and What helps me" }, 'shared.status.accepted', { key: 'shared.message', params: { name: HOUSING_NAME, message: 'We will text you on Monday.' } }] },
    ]);
  });

  it('"stop sharing with X" withdraws at once: the service can no longer read it', async () => {
    await runSteps(harness, SHARED);
    const [entry] = await sharedWith();
    await runSteps(harness, [
      { say: 'stop sharing with housing options cambridge', expect: [{ key: 'withdraw.confirm', params: { name: HOUSING_NAME } }] },
      { say: 'Yes, stop sharing', expect: [{ key: 'withdraw.done', params: { name: HOUSING_NAME } }] },
    ]);
    expect(await harness.agencySharing.readForAgency(HOUSING, entry.handoffId)).toBeUndefined();
    const [after] = await sharedWith();
    expect(after).toMatchObject({ status: 'withdrawn', live: false });
  });

  it('offers the update to the service that has the changed part, and sends a new linked version on yes', async () => {
    await runSteps(harness, [
      ...CHOOSE_HOUSING_AND_PARTS,
      { say: 'Hold back one answer' },
      { say: 'Is anything worrying you about where you are staying?' },
      ...DONE_WITHOUT_CONTACT,
      { say: 'Yes, send it' },
      { say: "No, that's all" },
    ]);
    const [first] = await sharedWith();
    await runSteps(harness, [
      { say: 'review' },
      { say: 'Change an answer' },
      { say: "Where I'm staying" },
      { say: 'How long do you think you can stay there?' },
      { say: 'Only until Friday now', expect: ['review.saved', { key: 'update.offer', params: { name: HOUSING_NAME, parts: "Where I'm staying" } }] },
      { say: 'Yes, send the update', expect: [{ text: `Update sent to ${HOUSING_NAME}` }, 'review.anythingElse'] },
    ]);
    const [latest] = await sharedWith();
    expect(latest.version).toBe(2);
    expect(latest.reference).toBe(first.reference);
    const summary = await harness.agencySharing.readForAgency(HOUSING, latest.handoffId);
    expect(summary!.firstHandoffId).toBe(first.handoffId);
    expect(JSON.stringify(summary)).toContain('Only until Friday now');
    expect(JSON.stringify(summary)).not.toContain('My ex knows');
  });

  it('does not offer an update for a part the service does not have, and respects "not this time"', async () => {
    await runSteps(harness, SHARED);
    await runSteps(harness, [{ say: 'Money', expect: ['topics.money.questions.income.text'] }, { say: 'Universal Credit' }, { say: 'menu', notExpect: ['update.offer'] }]);
    await runSteps(harness, [
      { say: 'review' },
      { say: 'Change an answer' },
      { say: 'What helps me' },
      { say: '3' },
      { say: 'Please speak slowly', expect: [{ key: 'update.offer', params: { name: HOUSING_NAME, parts: 'What helps me' } }] },
      { say: 'No, not this time', expect: [{ key: 'update.notSent', params: { name: HOUSING_NAME } }] },
    ]);
    expect((await sharedWith())[0].version).toBe(1);
  });

  it('delete my story withdraws everything and asks the service to erase it', async () => {
    await runSteps(harness, SHARED);
    const [entry] = await sharedWith();
    const personId = (await harness.story())!.personId;
    await runSteps(harness, [
      { say: 'delete my story', expect: [{ key: 'delete.alsoServices', params: { count: 1 } }] },
      { say: 'Yes, delete everything', expect: ['delete.done', { key: 'delete.servicesAsked', params: { count: 1 } }] },
    ]);
    expect(await harness.agencySharing.readForAgency(HOUSING, entry.handoffId)).toBeUndefined();
    expect(await harness.sharing.sharedWith(personId)).toEqual([]);
    const listing = await harness.agencySharing.listForAgency(HOUSING, { page: 1, pageSize: 100 });
    expect(listing.items.find((item) => item.handoffId === entry.handoffId)?.status).toBe('erasure-requested');
  });
});
