import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDialogHarness, replyText, type DialogHarness, type DialogHarnessOptions } from '../support/dialogHarness.js';
import { runSteps } from '../dialogs/conversationRunner.js';
import { getAnswer } from '../../domain/story.js';

/**
 * Getting back to a story (issue 12, point 6): a new browser tab is a new person, so the welcome says
 * "I have a code", a pause offers a code, and a code that does not work is never a dead end.
 */
let dataDir: string;
const key = randomBytes(32);
const opened: DialogHarness[] = [];

async function device(userId: string, options: DialogHarnessOptions = {}): Promise<DialogHarness> {
  const harness = await createDialogHarness({ dataDir, encryptionKey: key, userId, ...options });
  opened.push(harness);
  return harness;
}

async function codeFrom(harness: DialogHarness): Promise<string> {
  const prefix = harness.t('resumeCode.issued', { code: '' });
  return (await harness.sayTexts('another device')).find((reply) => reply.startsWith(prefix))!.slice(prefix.length);
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'one-story-getting-back-'));
});

afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.cleanup();
  await rm(dataDir, { recursive: true, force: true });
});

describe('the welcome', () => {
  it.each(['en', 'pl', 'ro', 'lt', 'lv', 'pt', 'ar', 'ur'])('in %s, says the words for "I have a code", and those words ask for the code', async (language) => {
    const harness = await device(`new-tab-${language}`, { locale: language });
    const welcome = (await harness.sayTexts('hi')).join('\n');
    // The words in quotes at the end of the welcome's line about coming back from another device.
    const line = (harness.t('welcome.lines', { returnObjects: true }) as unknown as string[]).find((candidate) => welcome.includes(candidate) && /[“”"„«»]/.test(candidate.slice(-4)))!;
    const words = /[“"„«]([^“”"„«»]+)[”"“»][.۔]?$/.exec(line)![1];
    await runSteps(harness, [{ say: words, expect: ['resumeCode.ask'] }]);
  });
});

describe('a pause', () => {
  it('on the web, offers a code with a button, and the button gives the code without starting again', async () => {
    const web = await device('browser-1');
    await runSteps(web, [{ say: 'hi' }, { say: 'No, just me' }, { say: 'Robin' }, { say: 'housing' }, { say: 'Sofa surfing' }]);
    const replies = await web.say('pause');
    const offer = replies.at(-1)!;
    expect(offer.text).toBe(web.t('pause.codeOffer'));
    expect(offer.suggestedActions?.actions.map((action) => [action.title, action.value])).toEqual([[web.t('pause.getCode'), 'cmd:another-device']]);

    const tapped = (await web.say(web.t('pause.getCode'), 'cmd:another-device')).map(replyText);
    const prefix = web.t('resumeCode.issued', { code: '' });
    const code = tapped.find((reply) => reply.startsWith(prefix))!.slice(prefix.length);
    expect(tapped).toEqual([web.t('resumeCode.issued', { code }), web.t('resumeCode.howToUse', { count: 7 }), web.t('resumeCode.keepPrivate')]);

    // The code works in a new tab.
    const newTab = await device('browser-2');
    await runSteps(newTab, [{ say: 'I have a code' }, { say: code, expect: ['resumeCode.linked', { key: 'welcomeBack.greetingNamed', params: { name: 'Robin' } }] }]);
  });

  it('in the terminal (no buttons), says how, and "another device" then gives the code', async () => {
    const terminal = await device('terminal-1', { channelId: 'console' });
    await runSteps(terminal, [{ say: 'hi' }, { say: '2' }, { say: 'Robin' }, { say: 'housing' }]);
    const replies = await terminal.say('pause');
    expect(replies.at(-1)).toMatchObject({ text: terminal.t('pause.codeOffer') });
    expect(replies.at(-1)!.suggestedActions).toBeUndefined();
    await runSteps(terminal, [{ say: 'another device', expect: [{ key: 'resumeCode.howToUse', params: { count: 7 } }, 'resumeCode.keepPrivate'], notExpect: ['welcomeBack.greeting', { key: 'welcomeBack.greetingNamed', params: { name: 'Robin' } }] }]);
  });
});

describe('a code that does not work', () => {
  it('a wrong code offers to try again, to carry on without one, or how to get one', async () => {
    const phone = await device('phone-1');
    await runSteps(phone, [
      { say: 'I have a code' },
      { say: 'apple river cloud lemon 123', expect: ['resumeCode.didNotWork', 'resumeCode.whatNow', 'resumeCode.tryAgain', 'resumeCode.withoutCode', 'resumeCode.howToGet'] },
      { say: 'Try a code again', expect: ['resumeCode.ask'] },
      { say: 'apple river cloud lemon 124', expect: ['resumeCode.didNotWork', 'resumeCode.whatNow'] },
      { say: 'How do I get a new code?', expect: [{ key: 'resumeCode.howToGetAnswer', params: { days: 7 } }, 'resumeCode.whatNow', 'resumeCode.withoutCode'] },
      // Carrying on here as someone new: the welcome, as for anyone.
      { say: 'Carry on without a code', expect: ['welcome.lines', 'supporter.ask'] },
    ]);
  });

  it('a used code, typed as the first message, offers the same ways on; "skip" carries on without one', async () => {
    const first = await device('first');
    await runSteps(first, [{ say: 'hi' }, { say: 'No, just me' }, { say: 'Robin' }]);
    const code = await codeFrom(first);
    await runSteps(await device('second'), [{ say: code, expect: ['resumeCode.linked'] }]);
    const third = await device('third');
    await runSteps(third, [
      { say: code, expect: ['resumeCode.didNotWork', 'resumeCode.whatNow', 'resumeCode.withoutCode'], notExpect: ['resumeCode.linked'] },
      { say: 'skip', expect: ['welcome.lines', 'supporter.ask'] },
      { say: 'No, just me' },
      { say: 'Jo' },
    ]);
    expect(getAnswer((await third.story())!, 'about-me', 'preferred-name')?.text).toBe('Jo');
    expect(getAnswer((await first.story())!, 'about-me', 'preferred-name')?.text).toBe('Robin');
  });

  it('a returning person who carries on without a code is welcomed back, with nothing lost', async () => {
    const phone = await device('phone-2');
    await runSteps(phone, [{ say: 'hi' }, { say: 'No, just me' }, { say: 'skip' }, { say: 'pause' }]);
    await runSteps(phone, [
      { say: 'I have a code', expect: ['resumeCode.ask'] },
      { say: 'apple river cloud lemon 125', expect: ['resumeCode.didNotWork', 'resumeCode.whatNow'] },
      { say: 'carry on', expect: ['welcomeBack.greeting'], notExpect: ['welcome.lines'] },
    ]);
  });
});
