import { describe, expect, it } from '@jest/globals';
import { CrisisClassifier, foldForClassifier, windowsOf, type CrisisModel } from '../../domain/crisis/crisisClassifier.js';
import { CrisisDetector, combineLevels } from '../../domain/crisis/crisisDetector.js';
import type { CrisisLevel } from '../../domain/crisis/types.js';
import { crisisRules } from '../support/crisisRules.js';

/**
 * The detector's own logic, with a tiny hand-made model so each rule of combination is visible:
 * "danger" is a crisis word to it, "worried" a distress word, and it knows nothing else.
 */
function tinyModel(): CrisisModel {
  return {
    version: 1,
    trainedOn: { messages: 2, files: ['hand-made'], at: '2026-12-01T00:00:00.000Z' },
    features: ['w danger', 'w worried'],
    signpost: { bias: -4, weights: [300, 0], threshold: 0.5 },
    help: { bias: -4, weights: [300, 60], threshold: 0.5 },
  };
}
const detector = (identify: (text: string) => string | undefined = () => undefined) => new CrisisDetector(new CrisisClassifier(tinyModel()), crisisRules, identify);

describe('combineLevels', () => {
  it.each<[CrisisLevel, CrisisLevel, CrisisLevel]>([
    ['none', 'none', 'none'],
    ['concern', 'none', 'concern'],
    ['crisis', 'none', 'crisis'],
    ['none', 'concern', 'concern'],
    ['none', 'crisis', 'concern'],
    ['concern', 'crisis', 'crisis'],
    ['crisis', 'crisis', 'crisis'],
  ])('classifier %s and rules %s give %s: a rule hit alone asks first, never goes unheard', (byClassifier, byRules, expected) => {
    expect(combineLevels(byClassifier, byRules)).toBe(expected);
  });
});

describe('CrisisDetector', () => {
  it('raises the classifier by the rules of the language the message is written in', () => {
    const reading = detector(() => 'pl').assess('chcę się zabić');
    expect(reading.language).toBe('pl');
    expect(reading.byRules).toBe('crisis');
    expect(reading.byClassifier).toBe('none');
    expect(reading.level).toBe('concern');
  });

  it('signposts when both halves see it', () => {
    expect(detector(() => 'en').assess('danger: I am going to kill myself tonight').level).toBe('crisis');
  });

  it('uses the conversation language when the text cannot tell, and every set when it holds no cues for it', () => {
    expect(detector().assess('ok', { conversationLanguage: 'ro' }).language).toBe('ro');
    // A short Arabic message taken for Persian is still read with the Arabic cues.
    expect(detector(() => 'fa').assess('بدي موت').byRules).not.toBe('none');
  });

  it('reads a tapped choice with the rules only', () => {
    const reading = detector(() => 'en').assess('worried', { chosenFromOffer: true });
    expect(reading.byClassifier).toBe('none');
    expect(reading.level).toBe('none');
    expect(detector(() => 'en').assess('worried').level).toBe('concern');
  });

  it('reads short follow-ups as crisis only within the hour after distress', () => {
    expect(detector(() => 'en').assess('i have done it').level).toBe('none');
    expect(detector(() => 'en').assess('i have done it', { distressSeenRecently: true }).level).toBe('crisis');
  });

  it.each([
    ['pl', 'zrobię to dziś'],
    ['ro', 'o fac diseară'],
    ['pt', 'vou fazer isso hoje à noite'],
    ['ar', 'رح اعملها الليلة'],
  ])('reads follow-ups in the context of distress in %s too (%j)', (language, text) => {
    const reader = detector(() => language);
    expect(reader.assess(text).level).toBe('none');
    expect(reader.assess(text, { distressSeenRecently: true }).level).toBe('crisis');
  });

  it('never throws, whatever arrives', () => {
    const identifyThatThrows = () => {
      throw new Error('boom');
    };
    expect(() => detector(identifyThatThrows).assess('\u0000'.repeat(20_000))).not.toThrow();
  });
});

describe('the classifier reads every way a word is typed as one', () => {
  it('folds case, diacritics and Arabic letter variants', () => {
    expect(foldForClassifier('Chcę się ZABIĆ')).toBe('chce sie zabic');
    expect(foldForClassifier('أريد')).toBe(foldForClassifier('اريد'));
  });

  it('scores a long message whole and in windows of sentences, so a risk mid-way is not diluted', () => {
    const long = Array.from({ length: 10 }, (_, i) => `Sentence number ${i} about the housing list`).join('. ');
    expect(windowsOf(foldForClassifier(long)).length).toBeGreaterThan(1);
    expect(windowsOf(foldForClassifier('one short message')).length).toBe(1);
  });
});
