import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps } from '../dialogs/conversationRunner.js';
import { HOUSING_TEXT_QUESTION } from '../dialogs/journeys.js';

/** Two devices of one person: a drop-in centre's web chat, then their own phone, sharing one store. */
let dataDir: string;
let now: Date;
let web: DialogHarness;
const key = randomBytes(32);
const clock = () => now;

async function device(channelId: string, userId: string): Promise<DialogHarness> {
  return createDialogHarness({ dataDir, encryptionKey: key, channelId, userId, clock });
}

async function codeFrom(harness: DialogHarness): Promise<string> {
  const replies = await harness.sayTexts('continue on another device');
  const line = replies.find((reply) => reply.startsWith(harness.t('resumeCode.issued', { code: '' })))!;
  return line.slice(harness.t('resumeCode.issued', { code: '' }).length);
}

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'one-story-devices-'));
  now = new Date('2026-11-29T10:00:00Z');
  web = await device('webchat', 'browser-1');
  await runSteps(web, [{ say: 'hi' }, { say: 'No, just me' }, { say: 'Robin' }, { say: 'housing' }, { say: 'Sofa surfing' }]);
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('continue on another device', () => {
  it('gives a code, which links another channel to the same story, greeting by name only after linking', async () => {
    const code = await codeFrom(web);
    expect(code).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+ \d{3}$/);
    const other = await device('webchat', 'browser-2');
    const replies = await runSteps(other, [
      { say: code.toUpperCase(), expect: ['resumeCode.linked', { key: 'welcomeBack.greetingNamed', params: { name: 'Robin' } }], notExpect: ['welcome.lines'] },
      { say: 'No, just me' },
      { say: 'Carry on where I stopped', expect: ['topics.housing.questions.safe-to-stay.text'], notExpect: ['topics.housing.questions.current-place.text'] },
      { say: 'Yes' },
    ]);
    expect(JSON.stringify(replies[0])).toContain('Robin');
    expect((await web.story())!.answers.housing['safe-to-stay'].choiceId).toBe('yes');
  });

  it('"I have a code" asks for it, and a code works only once', async () => {
    const code = await codeFrom(web);
    const phone = await device('webchat', 'phone-1');
    await runSteps(phone, [{ say: 'I have a code', expect: ['resumeCode.ask'], notExpect: ['welcome.lines'] }, { say: code, expect: ['resumeCode.linked'] }]);
    const second = await device('webchat', 'phone-2');
    await runSteps(second, [{ say: 'hi' }, { say: 'I have a code', expect: ['resumeCode.ask'] }, { say: code, expect: ['resumeCode.didNotWork'], notExpect: ['resumeCode.linked'] }]);
    const third = await device('webchat', 'phone-3');
    await runSteps(third, [{ say: code, expect: ['resumeCode.didNotWork'], notExpect: ['resumeCode.linked'] }]);
    expect(await third.story()).toBeUndefined();
  });

  it('refuses an expired code', async () => {
    const code = await codeFrom(web);
    now = new Date(now.getTime() + 8 * 24 * 60 * 60 * 1000);
    const late = await device('webchat', 'late-device');
    await runSteps(late, [{ say: code, expect: ['resumeCode.didNotWork'], notExpect: ['resumeCode.linked'] }]);
  });

  it('limits tries to five an hour per user, then refuses even the right one with the same words, and audits without the code', async () => {
    const code = await codeFrom(web);
    const guesser = await device('webchat', 'guesser');
    await runSteps(guesser, [{ say: 'hi' }, { say: 'I have a code' }]);
    for (let i = 0; i < 5; i++) await runSteps(guesser, [{ say: `apple apple apple apple 00${i}`, expect: ['resumeCode.didNotWork'] }]);
    await runSteps(guesser, [{ say: code, expect: ['resumeCode.didNotWork'], notExpect: ['resumeCode.linked'] }]);
    // Another user of the same server is not held back by this one's tries.
    const fromOwnersPhone = await guesser.say(code, undefined, { from: { id: 'owners-phone', name: 'Person' }, conversation: { id: 'owners-phone' } } as never);
    expect(fromOwnersPhone.map((reply) => reply.text)).toContain(guesser.t('resumeCode.linked'));
    const audit = await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8');
    const events = audit.trim().split('\n').map((line) => JSON.parse(line) as { event: string; status?: string });
    expect(events.filter((event) => event.event === 'resume-code.refused').map((event) => event.status)).toEqual(['wrong', 'wrong', 'wrong', 'wrong', 'wrong', 'rate-limited']);
    expect(events.filter((event) => event.event === 'resume-code.redeemed')).toHaveLength(1);
    expect(audit).not.toContain(code);
    expect(audit).not.toContain('apple apple');
  });

  it('will not silently replace a story already started on the second device', async () => {
    const code = await codeFrom(web);
    const busy = await device('webchat', 'busy-device');
    await runSteps(busy, HOUSING_TEXT_QUESTION);
    await runSteps(busy, [{ say: code, expect: ['resumeCode.alreadyHasStory'] }]);
    expect((await busy.story())!.answers.housing['current-place'].choiceId).toBe('sofa-surfing');
  });

  it('after "delete my story", a code issued before no longer links anything', async () => {
    const code = await codeFrom(web);
    await runSteps(web, [{ say: 'delete my story', expect: ['delete.confirm'] }, { say: 'Yes, delete everything', expect: ['delete.done'] }]);
    const later = await device('webchat', 'after-deletion');
    await runSteps(later, [{ say: code, expect: ['resumeCode.didNotWork'], notExpect: ['resumeCode.linked'] }]);
    expect(await later.story()).toBeUndefined();
    expect(await web.story()).toBeUndefined();
  });
});
