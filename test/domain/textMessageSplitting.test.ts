import { describe, expect, it } from '@jest/globals';
import { SMS_MAX_SEGMENTS, sentencesOf, smsSegments, splitForTextMessages } from '../../domain/textMessageSplitting.js';

const POLISH_SENTENCE = 'Dobrze, że mi o tym mówisz, bo teraz najważniejsze jest twoje bezpieczeństwo i spokój.';
const ARABIC_SENTENCE = 'يسعدني أنك أخبرتني، وسلامتك هي الأهم الآن، ويمكنك أن تكتب لي متى شئت.';

/** Every word of the text, in order: what a person reads across the messages. */
function wordsOf(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

describe('smsSegments', () => {
  it('counts plain English as GSM-7: 160 characters are one segment, 161 are two', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
    expect(smsSegments('a'.repeat(459)).segments).toBe(3);
    expect(smsSegments('a'.repeat(460)).segments).toBe(4);
    expect(smsSegments("Is it safe to text you? Reply 1 for yes, 2 for no. It's @ £5 & 100% free: ¿¡ÄÖÑÜ§ äöñüà ΔΦΓΛΩΠΨΣΘΞ").encoding).toBe('GSM-7');
  });

  it('counts € and the other extension characters as two septets each', () => {
    for (const character of ['€', '^', '{', '}', '\\', '[', '~', ']', '|']) {
      expect({ character, size: smsSegments(character.repeat(80)) }).toEqual({ character, size: { encoding: 'GSM-7', segments: 1, units: 160 } });
      expect({ character, size: smsSegments(`${'a'.repeat(159)}${character}`) }).toEqual({ character, size: { encoding: 'GSM-7', segments: 2, units: 161 } });
    }
  });

  it('never splits an escape pair across segments: the € moves whole to the next one', () => {
    // 306 septets would be two segments of 153, but the € would straddle the boundary.
    expect(smsSegments(`${'a'.repeat(152)}€${'a'.repeat(152)}`)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
  });

  it('makes the whole message UCS-2 as soon as one character is outside GSM-7: 70 units in one segment, 67 each in several', () => {
    expect(smsSegments(`${'a'.repeat(69)}ą`)).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(smsSegments(`${'a'.repeat(70)}ą`)).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(smsSegments(`${'a'.repeat(200)}ą`)).toEqual({ encoding: 'UCS-2', segments: 3, units: 201 });
    expect(smsSegments(`${'a'.repeat(201)}ą`)).toEqual({ encoding: 'UCS-2', segments: 4, units: 202 });
    expect(smsSegments('It’s safe').encoding).toBe('UCS-2');
    expect(smsSegments(POLISH_SENTENCE).encoding).toBe('UCS-2');
    expect(smsSegments(ARABIC_SENTENCE).encoding).toBe('UCS-2');
  });

  it('counts UTF-16 code units, and never splits a surrogate pair across segments', () => {
    expect(smsSegments('😀'.repeat(35))).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    // 36 emoji are 72 units: 33 fit a joined segment of 67, the 34th would straddle it.
    expect(smsSegments('😀'.repeat(36))).toEqual({ encoding: 'UCS-2', segments: 2, units: 72 });
    expect(smsSegments('😀'.repeat(99)).segments).toBe(3);
    expect(smsSegments('😀'.repeat(100)).segments).toBe(4);
  });
});

describe('splitForTextMessages', () => {
  it('leaves a short message alone', () => {
    expect(splitForTextMessages('Is it safe to text you?')).toEqual(['Is it safe to text you?']);
  });

  it('sends English of up to three GSM-7 segments as one message', () => {
    const sentences = Array.from({ length: 8 }, (_, i) => `This is sentence number ${i + 1}, calm and short.`).join(' ');
    expect(sentences.length).toBeGreaterThan(320);
    expect(smsSegments(sentences).segments).toBe(3);
    expect(splitForTextMessages(sentences)).toEqual([sentences]);
  });

  it('breaks between sentences, never inside one, and keeps every word in order', () => {
    const sentences = Array.from({ length: 20 }, (_, i) => `This is sentence number ${i + 1}, which says one calm thing.`);
    const text = sentences.join(' ');
    const parts = splitForTextMessages(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(smsSegments(part).segments).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
      expect(part).toMatch(/^This is sentence number \d+,.*\.$/);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('splits Polish and Arabic, which are UCS-2, into messages of at most three segments, between sentences', () => {
    for (const sentence of [POLISH_SENTENCE, ARABIC_SENTENCE]) {
      const text = Array.from({ length: 6 }, () => sentence).join(' ');
      const parts = splitForTextMessages(text);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) {
        expect(smsSegments(part)).toMatchObject({ encoding: 'UCS-2' });
        expect(smsSegments(part).segments).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
        // Whole sentences only.
        expect(sentencesOf(part).every((piece) => piece === sentence)).toBe(true);
      }
      expect(wordsOf(parts.join(' '))).toEqual(wordsOf(text));
    }
  });

  it('keeps a numbered list line by line', () => {
    const text = `Where are you staying?\n\n${Array.from({ length: 40 }, (_, i) => `   ${i + 1}. Option ${i + 1}`).join('\n')}`;
    const parts = splitForTextMessages(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(smsSegments(part).segments).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
      for (const line of part.split('\n').filter(Boolean)) expect(line).toMatch(/^(Where are you staying\?|\s*\d+\. Option \d+)$/);
    }
  });

  it('breaks one very long sentence at commas first, then spaces, never inside a word', () => {
    const clauses = Array.from({ length: 12 }, (_, i) => `kiedy dzwonisz pod numer ${i + 1} powiedz „Polish”`);
    const sentence = `${clauses.join(', ')}.`;
    const parts = splitForTextMessages(sentence);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/,$/);
    expect(wordsOf(parts.join(' '))).toEqual(wordsOf(sentence));

    const words = Array.from({ length: 200 }, (_, i) => `słowo${i}`);
    const wordParts = splitForTextMessages(words.join(' '));
    for (const part of wordParts) expect(smsSegments(part).segments).toBeLessThanOrEqual(SMS_MAX_SEGMENTS);
    expect(wordParts.join(' ').split(' ')).toEqual(words);
  });

  it('cuts a single unbroken string only when nothing else is possible, by whole characters', () => {
    expect(splitForTextMessages('x'.repeat(700)).map((part) => part.length)).toEqual([459, 241]);
    const emoji = splitForTextMessages('😀'.repeat(150));
    expect(emoji.map((part) => Array.from(part).length)).toEqual([99, 51]);
    for (const part of emoji) expect(part).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('sentencesOf', () => {
  it('reads paragraphs, lines and sentences, in Latin and Arabic script', () => {
    expect(sentencesOf('One. Two?\nThree!\n\nFour')).toEqual(['One.', 'Two?', 'Three!', 'Four']);
    expect(sentencesOf('هل أنت بأمان؟ نعم.')).toEqual(['هل أنت بأمان؟', 'نعم.']);
  });
});
