import type { TurnContext } from 'botbuilder';
import { Prompt, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { recogniseChoice, type OfferedChoice } from '../domain/choiceRecognition.js';
import { recogniseGlobalWord } from '../domain/globalWords.js';
import { turnInfo } from '../bot/turnServices.js';
import { choiceMessage, incomingChoiceValue } from './choiceMessage.js';

/** What a person's reply to a prompt meant. */
export type AnswerResult =
  | { kind: 'choice'; value: string; label: string }
  | { kind: 'text'; text: string }
  | { kind: 'skip' }
  | { kind: 'back' };

export interface AnswerPromptSpec {
  /** The question, already localised. */
  text: string;
  choices: OfferedChoice[];
  /** Whether typed words that match no choice are kept as the answer (always true for story questions). */
  allowFreeText: boolean;
}

export interface AnswerPromptOptions extends PromptOptions {
  validations: AnswerPromptSpec;
}

/** Longest answer we keep in one message; longer ones are kept too, the rest asked to be sent in parts. */
export const MAX_ANSWER_LENGTH = 10_000;

/**
 * One prompt for every question and menu: it offers choices (buttons, or numbers on SMS), understands
 * a tapped id, a typed label, a synonym, a number, a slip, or free text, and reports `skip` and `back`
 * to the dialog that asked so each can do what makes sense there. Other words that work anywhere
 * (help, pause, menu …) are handled before a prompt sees the message, by the root dialog.
 */
export class AnswerPrompt extends Prompt<AnswerResult> {
  constructor(dialogId: string) {
    super(dialogId);
  }

  protected async onPrompt(
    context: TurnContext,
    _state: Record<string, unknown>,
    options: PromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    const spec = (options as AnswerPromptOptions).validations;
    const { t } = turnInfo(context);
    if (isRetry) {
      const reason = context.activity.attachments?.length ? 'prompt.retryAttachment' : spec.allowFreeText ? 'prompt.retryText' : 'prompt.retryChoice';
      await context.sendActivity(t(reason));
    }
    await context.sendActivity(spec.choices.length > 0 ? choiceMessage(context, spec.text, spec.choices) : spec.text);
  }

  protected async onRecognize(
    context: TurnContext,
    _state: Record<string, unknown>,
    options: PromptOptions,
  ): Promise<PromptRecognizerResult<AnswerResult>> {
    const spec = (options as AnswerPromptOptions).validations;
    const { words } = turnInfo(context);
    const typed = context.activity.text ?? '';
    const tapped = incomingChoiceValue(context);

    const exact = recogniseChoice(tapped ?? typed, spec.choices);
    if (exact && (tapped || isExactly(typed, exact))) return recognised({ kind: 'choice', value: exact.value, label: exact.label });

    const word = recogniseGlobalWord(tapped ?? typed, words);
    if (word === 'skip') return recognised({ kind: 'skip' });
    if (word === 'back') return recognised({ kind: 'back' });

    if (exact) return recognised({ kind: 'choice', value: exact.value, label: exact.label });
    if (spec.allowFreeText && typed.trim().length > 0) return recognised({ kind: 'text', text: typed.trim() });
    return { succeeded: false };
  }
}

function recognised(value: AnswerResult): PromptRecognizerResult<AnswerResult> {
  return { succeeded: true, value };
}

/** A choice found by an exact label, synonym or number beats a command word; a fuzzy one does not. */
function isExactly(typed: string, choice: OfferedChoice): boolean {
  const exactOnly = recogniseChoice(typed, [choice]);
  if (!exactOnly) return false;
  const plain = typed.trim().toLowerCase();
  return /^\d+$/.test(plain) || [choice.label, ...(choice.synonyms ?? [])].some((phrase) => phrase.trim().toLowerCase() === plain);
}
