import type { TurnContext } from 'botbuilder';
import { Prompt, type DialogInstance, type PromptOptions, type PromptRecognizerResult } from 'botbuilder-dialogs';
import { recogniseChoice, recogniseExactChoice, type ChoiceRecognitionOptions, type OfferedChoice } from '../domain/choiceRecognition.js';
import { COMMAND_VALUE_PREFIX, IN_PLACE_WORDS, recogniseGlobalWord, type RecogniseOptions } from '../domain/globalWords.js';
import { turnInfo } from './turnInfo.js';
import { channelHasButtons, choiceMessage, incomingChoiceValue } from './choiceMessage.js';

/** The button that keeps an earlier answer when a question is asked again. */
export const KEEP_ANSWER_VALUE = 'answer:keep';

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
      // "Reply with its number" only where the choices are shown numbered (SMS, the terminal), not beside buttons.
      const reason = context.activity.attachments?.length
        ? 'prompt.retryAttachment'
        : spec.allowFreeText
          ? 'prompt.retryText'
          : channelHasButtons(context, spec.choices.length)
            ? 'prompt.retryChoice'
            : 'prompt.retryChoiceNumbered';
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
    const { words, textOnly } = turnInfo(context);
    const said = incomingChoiceValue(context) ?? context.activity.text ?? '';
    const rules = recognitionRules(spec, textOnly);

    // An exact match of an offered choice comes first; then the words skip and back; then a near match.
    const choice =
      recogniseExactChoice(said, spec.choices, rules.choices) ??
      (recogniseGlobalWord(said, words, rules.words) ? undefined : recogniseChoice(said, spec.choices, rules.choices));
    const word = recogniseGlobalWord(choice?.value ?? said, words, rules.words);
    if (word === 'skip') return recognised({ kind: 'skip' });
    if (word === 'back') return recognised({ kind: 'back' });
    if (choice) return recognised({ kind: 'choice', value: choice.value, label: choice.label });

    const typed = (context.activity.text ?? '').trim();
    if (spec.allowFreeText && typed.length > 0) return recognised({ kind: 'text', text: typed });
    return { succeeded: false };
  }
}

function recognised(value: AnswerResult): PromptRecognizerResult<AnswerResult> {
  return { succeeded: true, value };
}

/** What the prompt on top of this dialog stack is asking, if it is one of ours. */
export function activePromptSpec(activeDialog: DialogInstance | undefined): AnswerPromptSpec | undefined {
  const options = (activeDialog?.state as { options?: Partial<AnswerPromptOptions> } | undefined)?.options;
  return options?.validations;
}

/**
 * How strictly to read a reply. Where the person answers in their own words, a bare number is a number
 * unless the choices were shown numbered (text-only channels), and only in-place words (help, skip, back)
 * are read from a slip: "Scared" is an answer, not "shared".
 */
export function recognitionRules(spec: AnswerPromptSpec | undefined, textOnly: boolean): { choices: ChoiceRecognitionOptions; words: RecogniseOptions } {
  const ownWords = spec?.allowFreeText === true;
  // Buttons that only say "Skip" or "Keep my answer" are not a list a number could point into.
  const realChoices = (spec?.choices ?? []).some((choice) => !choice.value.startsWith(COMMAND_VALUE_PREFIX) && choice.value !== KEEP_ANSWER_VALUE);
  return {
    choices: { numbers: textOnly || !ownWords || realChoices },
    words: ownWords ? { slipsFor: IN_PLACE_WORDS } : {},
  };
}

/** What the one prompt asks: the text, the choices offered, and whether free text is an answer too. */
export function promptOptions(text: string, choices: OfferedChoice[], allowFreeText: boolean): AnswerPromptOptions {
  return { validations: { text, choices, allowFreeText } };
}
