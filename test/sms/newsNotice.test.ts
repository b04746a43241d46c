import { describe, expect, it } from '@jest/globals';
import { smsSegments } from '../../domain/textMessageSplitting.js';
import { wording } from '../support/sharingFixtures.js';
import { useOneStoryServer } from '../support/httpHarness.js';

/**
 * A service's reply reaches a person who said texting is safe: one short neutral text that there is news
 * (no service, no details), sent by the bot on its own through the channel (Twilio through Azure Bot
 * Service: a proactive message to the conversation), and when they text back, the news comes first.
 */
const server = useOneStoryServer();
const HOUSING = 'cambridge-housing-options';
const HOUSING_NAME = 'Housing Options (Cambridge)';
const APPOINTMENT = 'We can meet you at the Wintercomfort cafe on Thursday at 2pm';

/** A phone that has said texting is safe, chosen "Appointments" as the name in texts, and given a name. */
async function phoneThatSharedAboutMe(number: string) {
  const user = server.person(`sms-news-${number}`, number, 'sms');
  const text = async (message: string) => {
    const response = await user.post({ text: message });
    expect(response.status).toBe(200);
    return server.capture.take(user.conversationId).map((reply) => reply.text ?? '');
  };
  await text('hi');
  await text('1'); // safe to text
  await text('1'); // "Appointments"
  await text('2'); // nobody with me
  await text('Sam');
  const { app } = server.running;
  const personId = (await app.people.personOf(`sms:${number}`))!;
  const story = (await app.people.load(personId))!.story!;
  const { handoffId } = await app.sharing.share({ story, agencyId: HOUSING, parts: ['about-me'], heldBack: [], wording, channel: 'sms', supportedBy: null });
  return { text, handoffId, sent: () => server.capture.take(user.conversationId).map((reply) => reply.text ?? '') };
}

async function agencySays(handoffId: string, body: { status: string; message?: string }): Promise<void> {
  const { key } = await server.running.app.agencyKeys.create(HOUSING);
  const response = await fetch(`${server.running.baseUrl}/api/agency/handoffs/${handoffId}/status`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
}

describe('news by text', () => {
  it('sends one short neutral text when the service replies, and no other until the person writes again', async () => {
    const { t } = server;
    const phone = await phoneThatSharedAboutMe('+447700900201');
    expect(phone.sent()).toEqual([]);
    await agencySays(phone.handoffId, { status: 'accepted', message: APPOINTMENT });
    const notice = phone.sent();
    expect(notice).toEqual([t('news.textNotice', { serviceName: 'Appointments' })]);
    expect(smsSegments(notice[0]).segments).toBe(1);
    for (const detail of [HOUSING_NAME, 'Housing', 'Wintercomfort', 'One Story', 'Sam']) expect(notice[0]).not.toContain(detail);

    await agencySays(phone.handoffId, { status: 'received' });
    expect(phone.sent()).toEqual([]);

    // Texting back: the news first (that there is a message, not its words), then the welcome back.
    const back = await phone.text('hi');
    expect(back[0]).toBe(t('news.messageWaiting', { name: HOUSING_NAME }));
    expect(back.join('\n')).toContain(t('welcomeBack.greetingNamed', { name: 'Sam' }));
    expect(back.join('\n')).not.toContain(APPOINTMENT);
    expect(back.at(-1)).toMatch(/1\. Read the message/);
    expect((await phone.text('1')).join('\n')).toContain(APPOINTMENT);

    // They have written since: the next reply is news again.
    await agencySays(phone.handoffId, { status: 'accepted', message: 'See you Thursday.' });
    expect(phone.sent()).toEqual([t('news.textNotice', { serviceName: 'Appointments' })]);
  });

  it('sends nothing after STOP', async () => {
    const phone = await phoneThatSharedAboutMe('+447700900202');
    await phone.text('STOP');
    await agencySays(phone.handoffId, { status: 'accepted', message: APPOINTMENT });
    expect(phone.sent()).toEqual([]);
  });
});
