import { isCloseMatch, normaliseForMatching } from './textMatching.js';

/**
 * The words that work anywhere, in every prompt. Each has a stable id, which is also the value of the
 * button that offers it (`cmd:pause`), so a tap and a typed word do the same thing on every channel.
 */
export const GLOBAL_WORDS = [
  'help',
  'skip',
  'back',
  'menu',
  'pause',
  'review',
  'start-again',
  'exit',
  'delete-story',
  'continue',
  'another-device',
  'have-code',
  'share',
  'shared',
  'stop-sharing',
  'language',
] as const;

export type GlobalWord = (typeof GLOBAL_WORDS)[number];

export const COMMAND_VALUE_PREFIX = 'cmd:';

/** The words a person may type for each global word, in one language (from locales/). */
export type GlobalWordVocabulary = Record<GlobalWord, readonly string[]>;

/** Longest message we consider as a possible command: a command is a short message, never an answer's sentence. */
const MAX_COMMAND_LENGTH = 40;

/** Words that keep the person where they are (or one step back), so a slip that picks them costs nothing. */
export const IN_PLACE_WORDS: readonly GlobalWord[] = ['help', 'skip', 'back'];

export interface RecogniseOptions {
  /** Which words may be recognised from a typing slip; by default all. Where the person is answering in
   * their own words, only in-place words are, so "scared" is never read as "shared". */
  slipsFor?: readonly GlobalWord[];
}

/**
 * Recognises a global word when the whole message is that word (or a synonym or a slip of it).
 * A sentence that merely contains "back" ("I want to go back home") is an answer, not a command.
 */
export function recogniseGlobalWord(text: string, vocabulary: GlobalWordVocabulary, options: RecogniseOptions = {}): GlobalWord | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith(COMMAND_VALUE_PREFIX)) {
    const id = trimmed.slice(COMMAND_VALUE_PREFIX.length);
    return (GLOBAL_WORDS as readonly string[]).includes(id) ? (id as GlobalWord) : undefined;
  }
  if (trimmed.length === 0 || trimmed.length > MAX_COMMAND_LENGTH) return undefined;
  const typed = normaliseForMatching(trimmed);
  if (!typed) return undefined;
  const known = normalised(vocabulary);
  for (const word of GLOBAL_WORDS) {
    if (known[word].includes(typed)) return word;
  }
  for (const word of options.slipsFor ?? GLOBAL_WORDS) {
    if (known[word].some((phrase) => isCloseMatch(typed, phrase))) return word;
  }
  return undefined;
}

/** Each vocabulary's phrases, normalised once (vocabularies are built once per language and kept). */
const normalisedVocabularies = new WeakMap<GlobalWordVocabulary, GlobalWordVocabulary>();

function normalised(vocabulary: GlobalWordVocabulary): GlobalWordVocabulary {
  let known = normalisedVocabularies.get(vocabulary);
  if (!known) {
    known = Object.fromEntries(GLOBAL_WORDS.map((word) => [word, vocabulary[word].map(normaliseForMatching)])) as unknown as GlobalWordVocabulary;
    normalisedVocabularies.set(vocabulary, known);
  }
  return known;
}

export function commandValue(word: GlobalWord): string {
  return `${COMMAND_VALUE_PREFIX}${word}`;
}
