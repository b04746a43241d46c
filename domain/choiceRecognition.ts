import { isCloseMatch, normaliseForMatching } from './textMatching.js';

/**
 * Recognising which offered choice a person meant. The same choice can arrive as a button's stable value
 * (`answer:yes`), its label typed out, a synonym ("yeah"), its number from a text list ("2"), or a slip.
 */
export interface OfferedChoice {
  /** The stable value sent by the button, e.g. `topic:housing`. */
  value: string;
  /** The label as the person saw it. */
  label: string;
  synonyms?: readonly string[];
}

export interface ChoiceRecognitionOptions {
  /** Whether a bare number picks the choice with that number: true where the choices were shown numbered. */
  numbers?: boolean;
}

export function recogniseChoice(text: string, choices: readonly OfferedChoice[], options: ChoiceRecognitionOptions = {}): OfferedChoice | undefined {
  const exact = recogniseExactChoice(text, choices, options);
  if (exact) return exact;
  const typed = normaliseForMatching(text);
  if (!typed) return undefined;
  return choices.find((choice) => phrasesOf(choice).some((phrase) => isCloseMatch(typed, phrase)));
}

/** Only certain matches: the button's value, the number, the label or a synonym exactly (no slips). */
export function recogniseExactChoice(text: string, choices: readonly OfferedChoice[], options: ChoiceRecognitionOptions = {}): OfferedChoice | undefined {
  const trimmed = text.trim();
  const byValue = choices.find((choice) => choice.value === trimmed);
  if (byValue) return byValue;
  const typed = normaliseForMatching(trimmed);
  if (!typed) return undefined;
  const number = /^(?:number |option |no )?(\d{1,2})$/.exec(typed);
  if (number && options.numbers !== false) {
    const index = Number(number[1]) - 1;
    return index >= 0 && index < choices.length ? choices[index] : undefined;
  }
  return choices.find((choice) => phrasesOf(choice).includes(typed));
}

function phrasesOf(choice: OfferedChoice): string[] {
  return [choice.label, ...(choice.synonyms ?? [])].map(normaliseForMatching);
}
