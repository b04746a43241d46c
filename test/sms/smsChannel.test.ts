import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { loadTranslations, type Translations } from '../../bot/i18n.js';
import { smsSegments } from '../../domain/textMessageSplitting.js';
import { useOneStoryServer } from '../support/httpHarness.js';
import { countSmsSegments } from './independentSmsCount.js';

/**
 * SMS, as Twilio would deliver it through Azure Bot Service: activities on the `sms` channel posted to
 * /api/messages, no join event, no buttons. Every reply is checked for its size in SMS segments and for
 * buttons.
 */
const server = useOneStoryServer();
let t: TFunction;
let translations: Translations;

beforeAll(async () => {
  t = server.t;
  translations = await loadTranslations();
});

/**
 * Each message at most three SMS segments, by the bot's own count and by the test's independent one, and
 * no buttons: checked on every reply of every test.
 */
function expectFitsSms(replies: readonly Partial<Activity>[]): void {
  for (const reply of replies) {
    const text = reply.text ?? '';
    expect({ text, segments: smsSegments(text).segments <= 3 }).toEqual({ text, segments: true });
    expect({ text, segments: countSmsSegments(text).segments <= 3 }).toEqual({ text, segments: true });
    expect(reply.suggestedActions).toBeUndefined();
  }
}

/** The text with every run of spaces and line breaks as one space: how the words read across messages. */
function asRead(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A phone texting One Story; returns the texts it receives (each already checked by `expectFitsSms`). */
function phone(number: string) {
  const user = server.person(`sms-conv-${number}`, number, 'sms');
  return async (text: string): Promise<string[]> => {
    const response = await user.post({ text });
    expect(response.status).toBe(200);
    const replies = server.capture.take(user.conversationId);
    expectFitsSms(replies);
    return replies.map((reply) => reply.text ?? '');
  };
}

describe('SMS', () => {
  it('first asks whether it is safe to text, before saying anything else, with numbered choices', async () => {
    const text = phone('+447700900001');
    const replies = await text('hi');
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(t('textMessaging.askSafe'));
    expect(replies[0]).toMatch(/1\. Yes, it's safe/);
    expect(replies[0]).toMatch(/2\. No, or not sure/);
    expect(replies[0]).not.toContain('One Story');
  });

  it('stops at once when it is not safe, and asks again when the person writes again', async () => {
    const text = phone('+447700900002');
    await text('hello');
    expect(await text('2')).toEqual([t('textMessaging.stoppingNotSafe')]);
    expect((await text('hello again'))[0]).toContain(t('textMessaging.askSafe'));
  });

  it('uses the neutral name the person chose, and "reply 1, 2" works throughout', async () => {
    const text = phone('+447700900003');
    await text('hi');
    expect((await text('1'))[0]).toContain(t('textMessaging.askName'));
    const welcome = await text('1');
    expect(welcome[0]).toBe(t('textMessaging.nameNoted', { serviceName: 'Appointments' }));
    expect(welcome).toContain((t('welcome.lines', { returnObjects: true, serviceName: 'Appointments' }) as string[])[0]);
    expect(welcome.join('\n')).not.toContain('One Story');
    expect(welcome.at(-1)).toMatch(/1\. Yes, someone is with me/);
    expect((await text('2')).join('\n')).toContain(t('welcome.askName'));
    const menu = await text('3');
    expect(menu.join('\n')).toMatch(/\d+\. Where I'm staying/);
    const question = await text('2');
    expect(question.join('\n')).toContain(t('topics.housing.questions.current-place.text'));
  });

  it('lists topic names only in review, and the details only when asked', async () => {
    const text = phone('+447700900004');
    await text('hi');
    await text('1');
    await text('skip');
    await text('2');
    await text('skip');
    await text('housing');
    await text('Sofa surfing');
    await text('No');
    const secret = "under the stairs at my cousin's on Lincoln Road";
    let afterAnswer = await text(secret);
    // The crisis check may first ask "are you safe right now?" (reply 1 for yes): the answer is then kept.
    if (afterAnswer.some((reply) => reply.includes(t('crisis.areYouSafe')))) afterAnswer = await text('1');
    expect(afterAnswer.join('\n')).not.toContain(secret);
    const review = await text('review');
    expect(review.join('\n')).toContain(t('review.topicsOnly', { topics: "Where I'm staying" }));
    expect(review.join('\n')).not.toContain(secret);
    expect(review.join('\n')).not.toContain('Sofa surfing');
    expect(review.at(-1)).toMatch(/1\. Show what I said/);
    const details = await text('1');
    expect(details.join('\n')).toContain(secret);
  });

  it('honours STOP: one confirmation, nothing else, and a welcome back when they write again', async () => {
    const text = phone('+447700900005');
    await text('hi');
    await text('1');
    await text('skip');
    await text('2');
    await text('Kim');
    expect(await text('STOP')).toEqual([t('textMessaging.stopped')]);
    const back = await text('hi');
    expect(back[0]).toBe(t('welcomeBack.greetingNamed', { name: 'Kim' }));
  });

  it('never sends a message of more than three SMS segments, nor buttons, even when showing a long answer back', async () => {
    const text = phone('+447700900006');
    const received: string[] = [];
    const say = async (message: string) => {
      const replies = await text(message);
      received.push(...replies);
      return replies;
    };
    await say('hi');
    await say('1');
    await say('skip');
    await say('2');
    await say('skip');
    await say('housing');
    await say('Sofa surfing');
    await say('No');
    const longAnswer = 'My cousin lets me sleep on her sofa on weekdays but her landlord does not know I am there. '.repeat(8);
    if ((await say(longAnswer)).some((reply) => reply.includes(t('crisis.areYouSafe')))) await say('1');
    await say('review');
    await say('1');
    expect(received.length).toBeGreaterThan(10);
    expect(received.join(' ')).toContain('her landlord does not know');
  });

  it.each([
    ['pl', 'nie chcę już żyć, dziś w nocy to skończę, mam tabletki'],
    ['ar', 'ما عاد بدي عيش، بدي موت الليلة'],
  ])('sends %s crisis signposting, too long for one Unicode text, whole and in order, in messages of at most three segments', async (language, message) => {
    const signposting = (translations.forLocale(language)('crisis.lines', { returnObjects: true }) as string[])[1];
    // The copy itself needs more than three UCS-2 segments, so it must be split to be sent.
    expect(countSmsSegments(signposting).encoding).toBe('UCS-2');
    expect(countSmsSegments(signposting).segments).toBeGreaterThan(3);
    const text = phone(`+4477009001${language === 'pl' ? '10' : '11'}`);
    await text('hi');
    const replies = await text(message);
    const parts = replies.filter((reply) => asRead(signposting).includes(asRead(reply)));
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(countSmsSegments(part).encoding).toBe('UCS-2');
    expect(asRead(parts.join(' '))).toBe(asRead(signposting));
  });
});
