/**
 * Telling which language a person wrote in, from the text itself (never from the screen's setting), and
 * what follows from it: the language an answer is kept with, whether a message is in a language we do not
 * speak yet (then the person is offered the languages we do, and an interpreter), or in another one we do.
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
/**
 * To act on a language (offer another, or the list): a sentence, not a name. "Mustafa Yilmaz" or
 * "Le Thi Hoa" read as Turkish or Vietnamese, and are names.
 */
const MIN_WORDS = 3;
const MIN_LETTERS_TO_ACT = 15;
/** A language scoring this close to the best guess may well be what it is. */
const CLOSE_SCORE = 0.1;

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}

/** The identifier's reliable guess, unless the conversation's own language scores close to it. */
function confidentReading(guess: GuessLanguage, text: string, conversationLanguage: string, minLetters: number): LanguageGuess | undefined {
  if (letterCount(text) < minLetters) return undefined;
  const reading = guess(text);
  if (!reading?.reliable || reading.language === conversationLanguage) return undefined;
  const top = reading.scores[reading.language] ?? 0;
  const own = reading.scores[conversationLanguage] ?? 0;
  return own < top - CLOSE_SCORE ? reading : undefined;
}

/** A sentence of several words, not a name (names are written capitalised, word by word). */
function isSentence(text: string): boolean {
  const words = text.trim().split(/\s+/).filter((word) => /\p{L}/u.test(word));
  const capitalised = words.every((word) => /^\p{Lu}/u.test(word));
  return words.length >= MIN_WORDS && letterCount(text) >= MIN_LETTERS_TO_ACT && !capitalised;
}

/**
 * The language an answer was written in: the identifier's reliable guess, else the conversation's (also
 * when the conversation's scores close: "okej dzieki" is Polish, not Latvian, in a Polish conversation).
 */
export function languageOfAnswer(guess: GuessLanguage, text: string, conversationLanguage: string): string {
  return confidentReading(guess, text, conversationLanguage, MIN_LETTERS)?.language ?? conversationLanguage;
}

/**
 * The language a sentence is clearly written in, when it is not the conversation's: a reliable guess, not
 * close to the conversation's own language (short Urdu can read as Persian: only the first matters here).
 * Unsure means undefined: the message is then taken as it is. The caller tells whether we speak it.
 */
export function otherLanguageOfSentence(guess: GuessLanguage, text: string, conversationLanguage: string): string | undefined {
  if (!isSentence(text)) return undefined;
  return confidentReading(guess, text, conversationLanguage, MIN_LETTERS_TO_ACT)?.language;
}
