import { describe, expect, it } from '@jest/globals';
import { withOurValues } from '../../dialogs/conversationTurns.js';

/**
 * A turn keeps sentences it has put together, per language (dialogs/conversationTurns.ts): only those filled
 * in with numbers or with sentences of our own copy. What a person or an agency wrote never stays in the
 * server's memory that way (it would outlive "delete my story").
 */
describe('which filled-in sentences a turn keeps', () => {
  const ours = new Set(['Housing', 'What helps', '90 days']);

  it('keeps those filled in with numbers and our own sentences (a question number, a topic title, a period)', () => {
    expect(withOurValues({ number: 2, total: 4 }, ours)).toBeDefined();
    expect(withOurValues({ title: 'Housing' }, ours)).toBeDefined();
    expect(withOurValues({ readFirst: 'What helps', period: '90 days' }, ours)).toBeDefined();
  });

  it('never keeps one with anything a person or agency wrote: an answer, a name, a message, a resume code', () => {
    expect(withOurValues({ name: 'Robin' }, ours)).toBeUndefined();
    expect(withOurValues({ question: 'Housing', answer: 'sofa surfing at my sister’s' }, ours)).toBeUndefined();
    expect(withOurValues({ code: 'amber-otter-42' }, ours)).toBeUndefined();
    expect(withOurValues({ title: 'Housing', message: 'We have a room for you' }, ours)).toBeUndefined();
  });

  it('never keeps one with objects or flags (returnObjects, nested options)', () => {
    expect(withOurValues({ returnObjects: true }, ours)).toBeUndefined();
    expect(withOurValues({ nested: { title: 'Housing' } }, ours)).toBeUndefined();
  });

  it('tells different values apart: numbers from our words, and every number from every other', () => {
    const keys = [{ n: 1 }, { n: '1' }, { n: Number.NaN }, { n: Number.POSITIVE_INFINITY }, { n: Number.NEGATIVE_INFINITY }, { m: 1 }].map((options) =>
      withOurValues(options, new Set(['1'])),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });
});
