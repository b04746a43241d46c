import { afterEach, describe, it } from '@jest/globals';
import { createDialogHarness, type DialogHarness } from '../support/dialogHarness.js';
import { runSteps } from '../dialogs/conversationRunner.js';

/** A code that lasts one day (RESUME_CODE_DAYS=1) is said to last one day, in the person's language. */
let harness: DialogHarness;
afterEach(async () => {
  await harness.cleanup();
});

describe('how long a code lasts', () => {
  it.each([
    ['en', 'It works once, and lasts one day.', 'days'],
    ['pl', 'Działa tylko raz i jest ważny przez jeden dzień.', ' dni.'],
  ])('in %s, one day is said in the singular', async (locale, sentence, plural) => {
    harness = await createDialogHarness({ locale, env: { RESUME_CODE_DAYS: '1' } });
    await runSteps(harness, [
      { say: 'hi' },
      { say: 'continue on another device', expect: [{ key: 'resumeCode.issued', params: { code: '' } }, { text: sentence }], notExpect: [{ text: plural }] },
    ]);
  });
});
