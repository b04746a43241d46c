import type { DialogInstance } from 'botbuilder-dialogs';
import type { AnswerPromptOptions } from './answerPrompt.js';
import { DialogIds } from './dialogIds.js';

/**
 * Whether the person is, right now, being asked a question about their story (one that takes their own
 * words). The crisis check uses it to offer to keep a disclosure as the answer it was meant to be.
 * Given the root dialog's own (inner) stack, innermost dialog last.
 */
export function isAnsweringStoryQuestion(inner: readonly DialogInstance[]): boolean {
  const prompt = inner.at(-1);
  const asker = inner.at(-2);
  const options = (prompt?.state as { options?: Partial<AnswerPromptOptions> } | undefined)?.options;
  return prompt?.id === DialogIds.answerPrompt && asker?.id === DialogIds.topic && options?.validations?.allowFreeText === true;
}
