import { describe, expect, it } from '@jest/globals';
import { SMS_PART_LIMIT, splitForTextMessages } from '../../domain/textMessageSplitting.js';

describe('splitForTextMessages', () => {
  it('leaves a short message alone', () => {
    expect(splitForTextMessages('Is it safe to text you?')).toEqual(['Is it safe to text you?']);
  });

  it('breaks between sentences, never inside one, and keeps every word in order', () => {
    const sentences = Array.from({ length: 12 }, (_, i) => `This is sentence number ${i + 1}, which says one calm thing.`);
    const text = sentences.join(' ');
    const parts = splitForTextMessages(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(SMS_PART_LIMIT);
      expect(part).toMatch(/^This is sentence number \d+,.*\.$/);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('keeps a numbered list line by line', () => {
    const text = `Where are you staying?\n\n${Array.from({ length: 30 }, (_, i) => `   ${i + 1}. Option ${i + 1}`).join('\n')}`;
    const parts = splitForTextMessages(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(SMS_PART_LIMIT);
      for (const line of part.split('\n').filter(Boolean)) expect(line).toMatch(/^(Where are you staying\?|\s*\d+\. Option \d+)$/);
    }
  });

  it('breaks one very long sentence at commas or spaces, never inside a word', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`);
    const parts = splitForTextMessages(words.join(' '));
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(SMS_PART_LIMIT);
    expect(parts.join(' ').split(' ')).toEqual(words);
  });

  it('cuts a single unbroken string only when nothing else is possible', () => {
    const parts = splitForTextMessages('x'.repeat(700));
    expect(parts.map((part) => part.length)).toEqual([320, 320, 60]);
  });
});
