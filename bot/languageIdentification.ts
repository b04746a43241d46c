import { eld } from 'eld/large';
import type { IdentifyLanguage } from '../domain/crisis/crisisDetector.js';

/**
 * Which language a message is written in, from the message itself (not from the screen's setting):
 * Nito-ELD's n-gram model, shipped inside the `eld` package, so nothing is fetched at run time.
 * Measured on the crisis corpus (short phone messages): eld 86-99% right per language, tinyld 87-95%,
 * franc 57-79%; eld was also the fastest. Only a reliable answer is taken; otherwise the conversation's
 * language is used.
 */
export function languageIdentifier(): IdentifyLanguage {
  return (text) => {
    const result = eld.detect(text);
    return result.language && result.isReliable() ? result.language : undefined;
  };
}
