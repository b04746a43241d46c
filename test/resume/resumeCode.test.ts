import { describe, expect, it } from '@jest/globals';
import { RESUME_CODE_ENTROPY_BITS, generateResumeCode, looksLikeResumeCode, normaliseResumeCode } from '../../domain/resumeCode.js';
import { RESUME_CODE_WORDS } from '../../domain/resumeCodeWords.js';

describe('resume codes', () => {
  it('carry at least 40 bits of entropy from 256 distinct words and three digits', () => {
    expect(new Set(RESUME_CODE_WORDS).size).toBe(256);
    expect(RESUME_CODE_ENTROPY_BITS).toBeGreaterThanOrEqual(40);
  });

  it('are four everyday words and three digits, and differ each time', () => {
    const codes = new Set(Array.from({ length: 200 }, generateResumeCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[a-z]+ [a-z]+ [a-z]+ [a-z]+ \d{3}$/);
  });

  it.each([
    ['Maple-Otter-Lantern-Comet-407', 'maple otter lantern comet 407'],
    ['  maple otter  lantern comet 407. ', 'maple otter lantern comet 407'],
    ['MAPLE OTTER LANTERN COMET 007', 'maple otter lantern comet 007'],
  ])('reads %j as %j', (typed, normal) => {
    expect(normaliseResumeCode(typed)).toBe(normal);
    expect(looksLikeResumeCode(typed)).toBe(true);
  });

  it.each(['maple otter lantern 407', 'maple otter lantern comet', 'maple otter lantern spaceship 407', 'my code is maple otter lantern comet 407 thanks', 'I walked 4 miles to the oak 123'])(
    'does not take %j for a code',
    (typed) => {
      expect(looksLikeResumeCode(typed)).toBe(false);
    },
  );
});
