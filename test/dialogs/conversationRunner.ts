import { expect } from '@jest/globals';
import type { Activity } from 'botbuilder';
import type { DialogHarness } from '../support/dialogHarness.js';
import { replyText } from '../support/dialogHarness.js';

/** Something the person should (or should not) read in the bot's replies: a locale key, or plain text. */
export type Expectation = string | { key: string; params?: Record<string, unknown> } | { text: string };

/** One turn of a scripted conversation: what the person says (or taps), and what they should read. */
export interface Step {
  say: string;
  /** A tapped button's value; `say` is then the label the channel shows. */
  value?: string;
  expect?: Expectation[];
  notExpect?: Expectation[];
  /** The replies must be exactly these (in order), no more: for "exit", which must say nothing else. */
  expectOnly?: Expectation[];
}

export interface ConversationCase {
  name: string;
  steps: Step[];
}

function resolve(harness: DialogHarness, expectation: Expectation): string[] {
  if (typeof expectation === 'object' && 'text' in expectation) return [expectation.text];
  const key = typeof expectation === 'string' ? expectation : expectation.key;
  const params = typeof expectation === 'string' ? {} : expectation.params ?? {};
  const value = harness.t(key, { ...params, returnObjects: true }) as unknown;
  const texts = Array.isArray(value) ? value.map(String) : [String(value)];
  if (texts.some((text) => text === key)) throw new Error(`no English copy for ${key}`);
  return texts;
}

function mentionsCrisis(step: Step): boolean {
  const keys = [...(step.expect ?? []), ...(step.notExpect ?? []), ...(step.expectOnly ?? [])].map((e) => (typeof e === 'string' ? e : 'key' in e ? e.key : ''));
  return keys.some((key) => key.startsWith('crisis.'));
}

/**
 * Runs a scripted conversation. The crisis check may ask "are you safe right now?" after an ordinary
 * answer (its false-alarm rate is measured by `npm run crisis:eval`, not here); where a step does not
 * speak of the crisis check itself but expects something else, the person answers that question with a clear yes, as a person would,
 * and the step is judged on what follows (the answer kept, the next question).
 */
export async function runSteps(harness: DialogHarness, steps: Step[]): Promise<Partial<Activity>[][]> {
  const transcript: Partial<Activity>[][] = [];
  // "Are you safe right now?" in whichever language the conversation speaks at that point.
  const askedIn = harness.translations.languages.map((language) => harness.translations.forLocale(language));
  for (const [index, step] of steps.entries()) {
    let replies = await harness.say(step.say, step.value);
    const expectsSomething = (step.expect?.length ?? 0) + (step.expectOnly?.length ?? 0) > 0;
    const asked = askedIn.find((t) => replies.map(replyText).some((text) => text.includes(t('crisis.areYouSafe'))));
    if (expectsSomething && !mentionsCrisis(step) && asked) {
      replies = await harness.say(asked('crisis.safe'));
    }
    transcript.push(replies);
    const texts = replies.map(replyText);
    const where = `step ${index + 1} (${JSON.stringify(step.say)}) got:\n${texts.join('\n---\n')}`;
    for (const expectation of step.expect ?? []) {
      for (const wanted of resolve(harness, expectation)) {
        expect({ where, found: texts.some((text) => text.includes(wanted)) }).toEqual({ where, found: true });
      }
    }
    for (const expectation of step.notExpect ?? []) {
      for (const unwanted of resolve(harness, expectation)) {
        expect({ where, found: texts.some((text) => text.includes(unwanted)) }).toEqual({ where, found: false });
      }
    }
    if (step.expectOnly) {
      const wanted = step.expectOnly.flatMap((expectation) => resolve(harness, expectation));
      // What the person reads: messages (an event such as the web page's quick exit is not read).
      const read = replies.filter((reply) => (reply.type ?? 'message') === 'message');
      expect({ where, texts: read.map((reply) => reply.text) }).toEqual({ where, texts: wanted });
    }
  }
  return transcript;
}
