import { afterEach, describe, expect, it } from '@jest/globals';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { WELCOME_TO_MENU } from './journeys.js';
import { runSteps } from './conversationRunner.js';

/**
 * The crisis check as a person meets it in the languages they write in: signposting in the language of
 * the message (not of the screen), an "SOS" word in every language that shows the numbers at once, and the
 * hour after distress measured by the bot's clock.
 */
const harnesses: DialogHarness[] = [];
async function harness(options: Parameters<typeof createDialogHarness>[0] = {}): Promise<DialogHarness> {
  const created = await createDialogHarness(options);
  harnesses.push(created);
  return created;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.cleanup()));
});

function signpostingIn(h: DialogHarness, language: string): string {
  return (h.translations.forLocale(language)('crisis.lines', { returnObjects: true }) as string[])[1];
}

describe('crisis signposting in the language the person writes in', () => {
  it.each([
    ['pl', 'nie chcę już żyć, dziś w nocy to skończę, mam tabletki'],
    ['ro', 'nu mai pot, vreau să mor, am luat toate pastilele'],
    ['pt', 'não aguento mais, quero morrer, vou acabar com tudo hoje'],
    ['ar', 'ما عاد بدي عيش، بدي موت الليلة'],
  ])('a %s message in an English conversation gets the numbers in %s, with the interpreter line', async (language, message) => {
    const h = await harness();
    await runSteps(h, WELCOME_TO_MENU);
    const replies = (await h.sayTexts(message)).join('\n');
    expect(replies).toContain(signpostingIn(h, language));
    expect(replies).toContain('999');
    expect(replies).toContain('116 123');
    // The language's own copy, not the English.
    expect(signpostingIn(h, language)).not.toBe(signpostingIn(h, 'en'));
  });

  it('an English message is signposted in English', async () => {
    const h = await harness();
    await runSteps(h, WELCOME_TO_MENU);
    expect((await h.sayTexts('i took all my mirtazapine about 20 mins ago')).join('\n')).toContain(signpostingIn(h, 'en'));
  });
});

describe('a word for help right now, in every language', () => {
  it.each(['SOS', 'urgent', 'pilne', 'urgență', 'skubu', 'urgente', 'طوارئ'])('%j shows the emergency numbers at once and asks the question again', async (word) => {
    const h = await harness({ channelId: 'sms' });
    await runSteps(h, [{ say: 'hi' }]);
    const replies = (await h.sayTexts(word)).join('\n');
    expect(replies).toContain('999');
    expect(replies).toContain('85258');
  });

  it('in the middle of a sentence it is just a word', async () => {
    const h = await harness();
    await runSteps(h, WELCOME_TO_MENU);
    expect((await h.sayTexts('housing')).join('\n')).not.toContain('116 123');
  });
});

describe('the hour after distress, by the bot clock', () => {
  it('a short follow-up is crisis within the hour, and an ordinary message after it', async () => {
    let now = Date.parse('2026-12-01T10:00:00Z');
    const h = await harness({ clock: () => new Date(now) });
    await runSteps(h, WELCOME_TO_MENU);
    await runSteps(h, [{ say: "I'm really scared of him, I don't feel safe at home", expect: ['crisis.areYouSafe'] }, { say: "Yes, I'm safe right now" }]);
    // "No way back" means nothing on its own; within the hour after distress it is read as crisis.
    now += 30 * 60_000;
    expect((await h.sayTexts('no way back')).join('\n')).toContain(signpostingIn(h, 'en'));
    await runSteps(h, [{ say: 'Carry on', value: 'cmd:continue' }]);
    now += 2 * 60 * 60_000;
    expect((await h.sayTexts('no way back')).join('\n')).not.toContain(signpostingIn(h, 'en'));
  });
});
