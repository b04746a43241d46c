/**
 * Telling which language a person wrote in, from the text itself (never from the screen's setting), and
 * what follows from it: the language an answer is kept with, and whether a message is in a language
 * we do not speak yet (then the person is offered the languages we do, and an interpreter).
 */

/** A language identifier's reading of a text: its best guess, whether that is reliable, and every score. */
export interface LanguageGuess {
  language: string;
  reliable: boolean;
  /** Scores per language (ISO 639-1), higher is likelier. */
  scores: Readonly<Record<string, number>>;
}

export type GuessLanguage = (text: string) => LanguageGuess | undefined;

/** Fewer letters than this and no identifier can tell languages apart ("ok", "no", a name). */
const MIN_LETTERS = 8;
/** A language we speak scoring this close to the best guess may well be what it is. */
const CLOSE_SCORE = 0.1;

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** The language an answer was written in: the identifier's reliable guess, else the conversation's. */
export function languageOfAnswer(guess: GuessLanguage, text: string, conversationLanguage: string): string {
  if (letterCount(text) < MIN_LETTERS) return conversationLanguage;
  const reading = guess(text);
  return reading?.reliable ? reading.language : conversationLanguage;
}

/**
 * Whether a message is written in a language we do not speak: a reliable guess, not one of ours, and not
 * close to the conversation's own language (short Urdu can read as Persian, Russian as Serbian: only
 * the first matters here). Unsure means no: the message is then taken as it is.
 */
export function isInUnspokenLanguage(guess: GuessLanguage, text: string, spoken: readonly string[], conversationLanguage: string): boolean {
  if (letterCount(text) < MIN_LETTERS) return false;
  const reading = guess(text);
  if (!reading?.reliable || spoken.includes(reading.language)) return false;
  const top = reading.scores[reading.language] ?? 0;
  const own = reading.scores[conversationLanguage] ?? 0;
  return own < top - CLOSE_SCORE;
}
