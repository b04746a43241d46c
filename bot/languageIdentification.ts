import type { IdentifyLanguage } from '../domain/crisis/crisisDetector.js';
import type { GuessLanguage, LanguageGuess } from '../domain/language.js';
import { loadCompiledLanguageData } from './compiledLanguageData.js';

/**
 * eld over its n-grams as `npm run build` compiled them (the compiled server: a file read instead of over a
 * second of CPU, see compiledLanguageData.ts), else the package's own `eld/large` (run from the sources).
 */
const eld = (await loadCompiledLanguageData()) ?? (await import('eld/large')).eld;

/**
 * Which language a message is written in, from the message itself (not from the screen's setting):
 * Nito-ELD's n-gram model, shipped inside the `eld` package, so nothing is fetched at run time.
 * Measured on the crisis corpus (short phone messages): eld 86-99% right per language, tinyld 87-95%,
 * franc 57-79%; eld was also the fastest. Only a reliable answer is taken; otherwise the conversation's
 * language is used.
 */
export function languageIdentifier(): IdentifyLanguage {
  const guess = sharedLanguageGuesser();
  return (text) => {
    const reading = guess(text);
    return reading?.reliable ? reading.language : undefined;
  };
}

/** Short messages come again and again ("yes", a tapped label): their readings are kept (bounded). */
const REMEMBERED_MAX_LENGTH = 64;
const REMEMBERED_LIMIT = 10_000;

let shared: GuessLanguage | undefined;

/**
 * One guesser for the process: the crisis check and the conversation read the same message, and the
 * identifier (the costliest step for a new message) then runs once for both.
 */
export function sharedLanguageGuesser(): GuessLanguage {
  shared ??= languageGuesser();
  return shared;
}

/** The identifier's whole reading (best guess, reliability, scores), for answers and unspoken languages. */
export function languageGuesser(): GuessLanguage {
  const remembered = new Map<string, LanguageGuess | undefined>();
  const read = (text: string): LanguageGuess | undefined => {
    const result = eld.detect(text);
    return result.language ? { language: result.language, reliable: result.isReliable(), scores: result.getScores() } : undefined;
  };
  // The last long message too: the crisis check and the conversation ask about the same one in a turn.
  let last: { text: string; reading: LanguageGuess | undefined } | undefined;
  return (text) => {
    if (text.length > REMEMBERED_MAX_LENGTH) {
      if (last?.text !== text) last = { text, reading: read(text) };
      return last.reading;
    }
    if (remembered.has(text)) return remembered.get(text);
    if (remembered.size >= REMEMBERED_LIMIT) remembered.clear();
    const reading = read(text);
    remembered.set(text, reading);
    return reading;
  };
}
