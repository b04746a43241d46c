import { describe, it, expect } from '@jest/globals';
import type { CrisisLevel } from '../../domain/crisis/types.js';
import { detectCrisis } from '../support/crisisRules.js';

/**
 * Unit tests for the second, softer tier ('concern') and for the generalisation layers added with it
 * (compositional rules, warning signs, form question + answer, hypothetical frames). The labelled-set
 * evaluations measure overall quality; these pin each behaviour down.
 */

const level = (text: string): CrisisLevel => detectCrisis(text).level;

describe('API: level, isCrisis and signals agree', () => {
  it('crisis: isCrisis true, level crisis, crisis signals', () => {
    expect(detectCrisis('i want to die')).toEqual({ isCrisis: true, level: 'crisis', signals: ['suicide'] });
  });

  it('concern: isCrisis false (so existing callers do not signpost), level concern, concern signals', () => {
    const result = detectCrisis("I can't cope anymore");
    expect(result.isCrisis).toBe(false);
    expect(result.level).toBe('concern');
    expect(result.signals).toEqual(['distress']);
  });

  it('none: empty signals', () => {
    expect(detectCrisis("I'm stressed about rent")).toEqual({ isCrisis: false, level: 'none', signals: [] });
  });

  it('crisis wins over concern, and then only crisis signals are reported', () => {
    expect(detectCrisis("I can't cope anymore and I want to kill myself")).toEqual({
      isCrisis: true,
      level: 'crisis',
      signals: ['suicide'],
    });
  });
});

describe('concern: distress where a kind human would ask "are you safe right now?"', () => {
  it.each<[string, string]>([
    ["I can't cope anymore", 'distress'],
    ["what's the point of anything", 'distress'],
    ['everyone would be better off', 'suicide'],
    ["I don't feel safe at home", 'danger-now'],
    ["I'm scared of him", 'danger-now'],
    ["I'm scared of what he'll do when he gets out", 'danger-now'],
    ['i just want to disappear', 'suicide'],
    ['the urges are creeping back', 'self-harm'],
    ["I'm at the end of my tether", 'distress'],
  ])('%s -> concern [%s]', (text, signal) => {
    const result = detectCrisis(text);
    expect(result.level).toBe('concern');
    expect(result.signals).toContain(signal);
  });
});

describe('concern does not fire on ordinary hardship', () => {
  it.each([
    "I'm stressed about rent",
    "I'm tired",
    "it's been a hard week",
    "I'm worried about my court date",
    "I'm scared of spiders lol",
    "what's the point of filling in the form if they never read it",
    "I'm fed up with waiting for the council",
    "I'm scared of going back to prison",
    "I've had enough of this weather",
  ])('%s', (text) => {
    expect(level(text)).toBe('none');
  });

  it('negated and past distress is not concern either', () => {
    expect(level("I'm not scared of him anymore")).toBe('none');
    expect(level("I used to feel like a burden years ago")).toBe('none');
  });
});

describe('compositional layer: subject + frame + harm term in a bounded window', () => {
  it.each([
    "im honestly so ready to just go and end it",
    'I keep thinking I should just step out in front of a lorry',
    "I've decided to end things this weekend",
    'thinking of jumping tonight', // dropped subject at the start of a sentence
    "He's shouting what he's going to do to me",
    'help me please he wont stop hitting me', // "wont stop" is not a negation
    "they're coming tonight to sort me out",
    "i'm going to go round and do him in",
  ])('%s -> crisis', (text) => {
    expect(level(text)).toBe('crisis');
  });

  it('needs the NEAREST subject to be the right person', () => {
    expect(level('my son keeps saying he wants to stab everyone in fortnite')).toBe('none');
    expect(detectCrisis('i think he is going to stab me').signals).toEqual(['danger-now']);
  });

  it('a negator between the subject and the harm word suppresses it', () => {
    expect(level("I'd never hurt myself, I've got my kids to think about")).toBe('none');
    expect(level("I wouldn't ever hurt him, I just want him to leave")).toBe('none');
    expect(level("I've never once thought about ending my life")).toBe('none');
  });

  it('a bare harm verb counts only when it stands alone (no object)', () => {
    expect(level('i really want to go and cut tonight')).toBe('crisis');
    expect(level('i want to burn some cds')).toBe('none');
    expect(level('I need to hurt less')).toBe('none');
    expect(level("i'm hiding the presents from the kids")).toBe('none');
  });

  it('keeps housing, debt, gaming and hyperbole out', () => {
    expect(level('the landlord is going to hit me with a section 21')).toBe('none');
    expect(level("my little boy says he's going to kill me at fortnite")).toBe('none');
    expect(level('my sister always says she will kill me if I borrow her straighteners')).toBe('none');
    expect(level("he'll kill me if I leave")).toBe('crisis');
  });
});

describe('warning signs add up', () => {
  it('one sign alone is concern', () => {
    expect(level('been giving all my stuff away')).toBe('concern');
  });

  it('two different signs together are crisis', () => {
    expect(level("been giving my stuff away this week. won't need them")).toBe('crisis');
    expect(level("ive said bye to my little girl, told her mummy loves her")).toBe('crisis');
  });

  it('a weak sign alone (a bare "goodbye") raises nothing', () => {
    expect(level('goodbye')).toBe('none');
    expect(level("I'm ready to go")).toBe('none');
    expect(level('my kids would be better off in a proper house')).toBe('none');
    expect(level("I'm done")).toBe('none');
  });
});

describe('a form or worker question answered in the same message', () => {
  it('fires on an affirmative answer', () => {
    expect(level('Any thoughts of harming yourself? Yes every day and they are getting worse')).toBe('crisis');
    expect(level('Have you had any thoughts about ending your life? — yeah, planning it')).toBe('crisis');
  });

  it('does not fire on a negative answer', () => {
    expect(level('Q: do you have any thoughts of harming yourself? A: no not at all')).toBe('none');
  });
});

describe('hypothetical or service frames lower crisis to concern', () => {
  it('asks rather than signposts', () => {
    expect(level('what happens if I tell my key worker I feel suicidal, will they section me?')).toBe('concern');
  });
});

describe('new tiers stay whole on adversarial 10,000-character input (speed is measured by npm run bench, never here)', () => {
  it.each([
    ['repeated "i want to"', 'i want to '.repeat(1000)],
    ['repeated threats without an object', 'he is going to hit '.repeat(530)],
    ['repeated form questions', 'thoughts of killing yourself? '.repeat(340)],
    ['repeated subjects', 'i '.repeat(5000)],
    ['repeated vehicles', 'train '.repeat(1700)],
  ])('%s', (_label, raw) => {
    const text = raw.slice(0, 10_000);
    expect(() => detectCrisis(text)).not.toThrow();
  });
});
