import { randomInt } from 'node:crypto';
import { RESUME_CODE_WORDS } from './resumeCodeWords.js';

/**
 * "Continue on another device" codes: four everyday words and three digits, e.g. `maple otter
 * lantern comet 407`. 4 × 8 bits + log2(1000) ≈ 42 bits of entropy, easy to read aloud and type.
 * Codes are compared in a normal form, so case, hyphens and extra spaces do not matter.
 */
export const RESUME_CODE_WORD_COUNT = 4;
export const RESUME_CODE_DIGITS = 3;
export const RESUME_CODE_ENTROPY_BITS = RESUME_CODE_WORD_COUNT * Math.log2(RESUME_CODE_WORDS.length) + RESUME_CODE_DIGITS * Math.log2(10);

const WORDS = new Set(RESUME_CODE_WORDS);

export function generateResumeCode(): string {
  const words = Array.from({ length: RESUME_CODE_WORD_COUNT }, () => RESUME_CODE_WORDS[randomInt(RESUME_CODE_WORDS.length)]);
  const digits = String(randomInt(10 ** RESUME_CODE_DIGITS)).padStart(RESUME_CODE_DIGITS, '0');
  return [...words, digits].join(' ');
}

/** The code's normal form, or undefined when the text is not shaped like a code at all. */
export function normaliseResumeCode(text: string): string | undefined {
  const tokens = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  if (tokens.length !== RESUME_CODE_WORD_COUNT + 1) return undefined;
  const digits = tokens[RESUME_CODE_WORD_COUNT];
  if (!new RegExp(`^\\d{${RESUME_CODE_DIGITS}}$`).test(digits)) return undefined;
  if (!tokens.slice(0, RESUME_CODE_WORD_COUNT).every((word) => WORDS.has(word))) return undefined;
  return tokens.join(' ');
}

/** True when a message is shaped like a code (so typing the code alone works, at any point). */
export function looksLikeResumeCode(text: string): boolean {
  return text.length <= 80 && normaliseResumeCode(text) !== undefined;
}
