import { describe, expect, it } from '@jest/globals';
import { escalateInContext } from '../../domain/crisis/followUpInContext.js';
import { detectCrisis, englishPatterns } from '../support/crisisRules.js';

const levelOf = (text: string, recent: boolean) => escalateInContext(text, detectCrisis(text), recent, englishPatterns).level;

describe('follow-ups read in the context of earlier distress', () => {
  it.each([
    "i've already taken the tablets",
    "i'm going to do it tonight",
    'just took the lot',
    "it'll all be over soon",
    'goodbye',
    "my mind's made up",
  ])('%j is crisis after distress', (text) => {
    expect(levelOf(text, true)).toBe('crisis');
  });

  it.each([
    "i've already taken the tablets",
    "i'm going to do it tonight",
    'goodbye',
  ])('%j on its own is not read as crisis', (text) => {
    expect(levelOf(text, false)).not.toBe('crisis');
  });

  it.each(["I'm not going to do it tonight", "I won't do it, I promise", 'I did not take them'])(
    '%j says no, and stays as it was',
    (text) => {
      expect(levelOf(text, true)).not.toBe('crisis');
    },
  );

  it('keeps a crisis a crisis, and reads long text whole', () => {
    expect(levelOf('I am going to kill myself tonight', false)).toBe('crisis');
    expect(levelOf('goodbye '.repeat(2000), true)).toBe(detectCrisis('goodbye '.repeat(2000)).level);
  });
});
