import { beforeEach, describe, expect, it } from '@jest/globals';
import { newPersonPerTest, replyText, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps, type Step } from './conversationRunner.js';
import { HOUSING_OPTIONS, WELCOME_TO_MENU } from './journeys.js';

/**
 * What a service says reaches the person: an update never wipes it, and when they come back they hear it
 * first, whatever the channel.
 */
// One app for the file, a new person for each test (see newPersonPerTest).
const people = newPersonPerTest();
let harness: DialogHarness;
beforeEach(() => {
  harness = people.next();
});

const APPOINTMENT = 'We can meet you at the Wintercomfort cafe on Thursday at 2pm';

const { id: HOUSING, name: HOUSING_NAME } = HOUSING_OPTIONS;

const SHARED_HOUSING: Step[] = [
  ...WELCOME_TO_MENU,
  { say: 'housing' },
  { say: 'Sofa surfing' },
  { say: 'No' },
  { say: 'Two weeks at most' },
  { say: 'Damp walls', expect: [{ key: 'topic.finished', params: { title: "Where I'm staying" } }] },
  { say: 'share' },
  { say: HOUSING_NAME },
  { say: "Where I'm staying" },
  { say: 'Done, show me' },
  { say: 'No, send without it' },
  { say: 'Yes, send it', expect: [{ text: `Sent to ${HOUSING_NAME}` }] },
  { say: "No, that's all", expect: ['menu.askNext'] },
];

async function personId(): Promise<string> {
  return (await harness.story())!.personId;
}

async function agencySays(status: 'received' | 'accepted' | 'declined', message?: string): Promise<void> {
  const [entry] = await harness.sharing.sharedWith(await personId());
  expect(await harness.agencySharing.setStatusByAgency(HOUSING, entry.handoffId, status, message)).toBeDefined();
}

describe('an update keeps what the service said', () => {
  it('"what have I shared" still shows the appointment after the person sends an update', async () => {
    await runSteps(harness, SHARED_HOUSING);
    await agencySays('accepted', APPOINTMENT);
    await runSteps(harness, [
      { say: 'review' },
      { say: 'Change an answer' },
      { say: "Where I'm staying" },
      { say: 'How long do you think you can stay there?' },
      { say: 'Only until Friday now', expect: [{ key: 'update.offer', params: { name: HOUSING_NAME, parts: "Where I'm staying" } }] },
      { say: 'Yes, send the update', expect: [{ text: `Update sent to ${HOUSING_NAME}` }] },
      {
        say: 'what have I shared',
        expect: [
          'shared.status.sent',
          { key: 'shared.beforeUpdate', params: { status: harness.t('shared.status.accepted') } },
          { key: 'shared.message', params: { name: HOUSING_NAME, message: APPOINTMENT } },
        ],
      },
    ]);
    const [entry] = await harness.sharing.sharedWith(await personId());
    expect(entry).toMatchObject({ version: 2, status: 'sent', messageToPerson: APPOINTMENT, lastReply: { status: 'accepted', version: 1, message: APPOINTMENT } });
  });
});

describe('coming back to news', () => {
  it('tells the service’s message first, before anything else in the welcome back, and only once', async () => {
    await runSteps(harness, [...SHARED_HOUSING, { say: 'pause' }]);
    await agencySays('accepted', APPOINTMENT);
    const [back] = await runSteps(harness, [
      {
        say: 'hi',
        expect: [{ key: 'news.message', params: { name: HOUSING_NAME, message: APPOINTMENT } }, 'welcomeBack.greeting'],
        notExpect: ['welcomeBack.readMessages'],
      },
    ]);
    expect(replyText(back[0])).toBe(harness.t('news.message', { name: HOUSING_NAME, message: APPOINTMENT }));
    await runSteps(harness, [{ say: 'Choose a topic' }, { say: 'pause' }, { say: 'hi', expect: ['welcomeBack.greeting'], notExpect: [{ key: 'news.message', params: { name: HOUSING_NAME, message: APPOINTMENT } }] }]);
  });

  it('tells a decision without a message, and what came later', async () => {
    await runSteps(harness, [...SHARED_HOUSING, { say: 'pause' }]);
    await agencySays('received');
    await runSteps(harness, [
      { say: 'hi', expect: [{ key: 'news.status', params: { name: HOUSING_NAME, status: harness.t('shared.status.received') } }] },
      { say: 'Choose a topic' },
      { say: 'pause' },
    ]);
    await agencySays('declined', 'We only cover Cambridge city; please try Peterborough.');
    const [back] = await runSteps(harness, [{ say: 'hi', expect: [{ key: 'news.message', params: { name: HOUSING_NAME, message: 'We only cover Cambridge city; please try Peterborough.' } }] }]);
    expect(replyText(back[0])).not.toContain(harness.t('shared.status.received'));
  });

  it('a message already read in "what have I shared" is not news', async () => {
    await runSteps(harness, SHARED_HOUSING);
    await agencySays('accepted', APPOINTMENT);
    await runSteps(harness, [
      { say: 'what have I shared', expect: [{ key: 'shared.message', params: { name: HOUSING_NAME, message: APPOINTMENT } }] },
      { say: 'pause' },
      { say: 'hi', expect: ['welcomeBack.greeting'], notExpect: [{ key: 'news.message', params: { name: HOUSING_NAME, message: APPOINTMENT } }] },
    ]);
  });
});

describe('coming back to news on a channel without buttons', () => {
  let console: DialogHarness;
  beforeEach(() => {
    console = people.next({ channelId: 'console' });
  });

  it('says there is a message, without its words, and reads it when asked', async () => {
    await runSteps(console, [...SHARED_HOUSING.map((step) => ({ ...step, value: undefined })), { say: 'pause' }]);
    const [entry] = await console.sharing.sharedWith((await console.story())!.personId);
    await console.agencySharing.setStatusByAgency(HOUSING, entry.handoffId, 'accepted', APPOINTMENT);
    const [back] = await runSteps(console, [{ say: 'hi', expect: [{ key: 'news.messageWaiting', params: { name: HOUSING_NAME } }, 'welcomeBack.readMessages'], notExpect: [{ text: APPOINTMENT }] }]);
    expect(replyText(back[0])).toBe(console.t('news.messageWaiting', { name: HOUSING_NAME }));
    await runSteps(console, [{ say: 'Read the message', expect: [{ key: 'shared.message', params: { name: HOUSING_NAME, message: APPOINTMENT } }] }]);
  });
});
