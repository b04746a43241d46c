import { describe, it, expect } from '@jest/globals';
import type { CrisisPatternSet, CrisisSignal } from '../../domain/crisis/types.js';
import { detectCrisis, englishPatterns, normaliseForCrisis } from '../support/crisisRules.js';

/**
 * Focused unit tests for the crisis detector. The labelled-set evaluation (crisisEvaluation.test.ts)
 * measures overall quality; these pin down each behaviour the issue asks for, so a regression
 * points straight at the rule that broke.
 */

describe('detectCrisis: each signal type is reported with the right signal', () => {
  it.each<[string, CrisisSignal[]]>([
    ['i want to die', ['suicide']],
    ['kms', ['suicide']],
    ["I don't want to be here anymore", ['suicide']],
    ['everyone would be better off without me', ['suicide']],
    ['cutting myself tonight', ['self-harm']],
    ['urge to cut is really bad rn', ['self-harm']],
    ['took a load of pills', ['overdose']],
    ["just od'd on my meds", ['overdose']],
    ["he's outside with a knife", ['danger-now']],
    ["he's going to hit me", ['danger-now']],
    ["I'm going to hurt him", ['harm-others']],
    ['I keep having thoughts of hurting my baby', ['harm-others']],
  ])('%s -> %j', (text, signals) => {
    expect(detectCrisis(text)).toEqual({ isCrisis: true, level: 'crisis', signals });
  });

  it('reports several signals, in a fixed order, when a message has more than one', () => {
    expect(detectCrisis("I've taken all my pills and I want to die").signals).toEqual(['suicide', 'overdose']);
    expect(detectCrisis("he's hitting me and I'm going to kill him").signals).toEqual(['danger-now', 'harm-others']);
  });
});

describe('detectCrisis: idioms and figures of speech do not fire', () => {
  it.each([
    "I'm dying for a cup of tea",
    "I'm dying to see my kids",
    'this form is killing me',
    'the rent is killing me',
    'my feet are killing me',
    'just killing time before my appointment',
    "I'd kill for a bacon roll",
    'I could murder a curry',
    'drop dead gorgeous dog',
    'overdosed on chocolate this weekend',
    'I overdid it at the gym',
    'can you shoot me an email',
    "lol I'm dead 😂",
    'cut myself shaving',
    'I want to die my hair pink',
    'I want to end it with my boyfriend',
    "I can't go on the bus today",
    'like banging my head against a brick wall',
    "my mum will kill me if I'm late",
    "I'd rather die than eat that again, not literally",
    // housing and benefits talk that reuses violence verbs
    "they're kicking me out of the hostel on friday",
    'my landlord is threatening me with eviction',
    "he's going to do my head in",
    'hit me up when you can',
  ])('%s', (text) => {
    expect(detectCrisis(text).isCrisis).toBe(false);
  });

  it('still fires on a real signal in the same message as an idiom', () => {
    expect(detectCrisis("I'm dying for a brew and honestly I want to die").isCrisis).toBe(true);
    expect(detectCrisis('this form is killing me. I want to kill myself').signals).toEqual(['suicide']);
  });

  it('masks "kick me out" and "hit me up" but not real violence with the same verbs', () => {
    expect(detectCrisis("they're going to beat me up tonight").signals).toEqual(['danger-now']);
    expect(detectCrisis("he said he'll kick my door in").signals).toEqual(['danger-now']);
    expect(detectCrisis("he's going to kick me out").isCrisis).toBe(false);
  });

  it('does not treat "my partner is killing me" as the "my feet are killing me" idiom', () => {
    // The idiom only covers things; a person as subject must reach the danger patterns.
    expect(normaliseForCrisis('my partner is killing me')).toContain('killing me');
    expect(normaliseForCrisis('my feet are killing me')).not.toContain('killing me');
  });
});

describe('detectCrisis: past events told as past do not fire', () => {
  it.each([
    'I used to self-harm years ago',
    "I tried to kill myself when I was 16 but I'm in a much better place now",
    "my ex used to hit me but I'm safe now",
    "I've been clean from self harm for 3 years",
    'Back in 2015 I was sectioned after a suicide attempt',
    'I had an overdose in 2019',
    'I was suicidal after prison in 2016 but I got help',
    'I stopped self harming after my daughter was born',
  ])('%s', (text) => {
    expect(detectCrisis(text).isCrisis).toBe(false);
  });
});

describe('detectCrisis: past and present together still fire', () => {
  it.each<[string, CrisisSignal]>([
    ["I used to self-harm and I've started again tonight", 'self-harm'],
    ["I've been clean from self harm for 3 years but tonight I want to cut", 'self-harm'],
    ['I tried to kill myself years ago and I want to die again now', 'suicide'],
    ['I self harmed again last night', 'self-harm'],
    ["he strangled me last night and he's coming back tonight", 'danger-now'],
  ])('%s', (text, signal) => {
    const result = detectCrisis(text);
    expect(result.isCrisis).toBe(true);
    expect(result.signals).toContain(signal);
  });

  it('does not treat a negated relapse as a relapse', () => {
    expect(detectCrisis("I used to self-harm years ago and I haven't started again").isCrisis).toBe(false);
  });
});

describe('detectCrisis: bereavement and other people’s past do not fire', () => {
  it.each([
    'my dad died in March',
    "since my brother killed himself last year I've struggled with the house",
    'my friend overdosed last year and died',
    'My son took his own life in 2021',
    'lost my partner to suicide 2 years ago',
    'my mum was suicidal for years before she died',
  ])('%s', (text) => {
    expect(detectCrisis(text).isCrisis).toBe(false);
  });

  it('still fires when a bereaved person signals their own risk', () => {
    expect(detectCrisis("since mum died I don't want to live anymore").isCrisis).toBe(true);
    expect(detectCrisis("since my brother died I'm suicidal").isCrisis).toBe(true);
    expect(detectCrisis('my dad died and I want to die too').isCrisis).toBe(true);
  });
});

describe('detectCrisis: negation', () => {
  it.each([
    "I'm not suicidal",
    "I don't want to hurt myself",
    'no thoughts of suicide or self harm',
    "I've never tried to kill myself",
    'I would never hurt my kids',
    "I'm not going to hurt anyone",
    "no, I'm not in any danger",
  ])('%s is not crisis', (text) => {
    expect(detectCrisis(text).isCrisis).toBe(false);
  });

  it.each([
    "I don't want to live anymore",
    "I don't want to wake up tomorrow",
    "I'm not safe at home right now",
    "I can't stop thinking about killing myself",
    'nobody would care if I killed myself',
    'not sure I want to be alive anymore',
  ])('%s IS crisis, despite the negative words', (text) => {
    expect(detectCrisis(text).isCrisis).toBe(true);
  });

  it('"dont want to live" about a place is not crisis', () => {
    expect(detectCrisis("I don't want to live in Wisbech anymore").isCrisis).toBe(false);
  });
});

describe('detectCrisis: talking about services, forms and training does not fire', () => {
  it.each([
    'does the mental health team help with suicide prevention?',
    "I'm doing a course on self-harm awareness",
    'the form asks if I have a history of self harm',
    'Where can I get a naloxone kit?',
    "my probation officer asked if I'd ever thought about hurting anyone and I said no",
    "I've taken all my meds this morning like the GP said",
  ])('%s', (text) => {
    expect(detectCrisis(text).isCrisis).toBe(false);
  });
});

describe('detectCrisis: text-speak and messy typing', () => {
  it.each(['wanna die', 'gonna kms', 'want 2 die', 'want to unalive myself', 'suicidle thoughts', 'I WANT TO DIE', 'i want to dieeee'])(
    '%s',
    (text) => {
      expect(detectCrisis(text).isCrisis).toBe(true);
    },
  );

  it('treats "kys" (said to someone else) as not crisis, as the issue asks', () => {
    expect(detectCrisis('lol kys').isCrisis).toBe(false);
  });

  it('handles curly quotes, zero-width characters and full-width letters', () => {
    expect(detectCrisis('I don’t want to live anymore').isCrisis).toBe(true);
    expect(detectCrisis('i want to d\u200Bie').isCrisis).toBe(true);
    expect(detectCrisis('ｉ ｗａｎｔ ｔｏ ｄｉｅ').isCrisis).toBe(true);
  });
});

describe('detectCrisis: long messages', () => {
  const filler =
    "I went to the council on Monday and they said I'm not priority, so I've been sofa surfing at my mate's since March. ";

  function tenThousandChars(middle = ''): string {
    const half = filler.repeat(Math.ceil(5000 / filler.length)).slice(0, 5000 - Math.ceil(middle.length / 2));
    return (half + middle + half).padEnd(10_000, ' ').slice(0, 10_000);
  }

  it('a 10,000-character message without a signal returns not crisis', () => {
    const text = tenThousandChars();
    expect(text.length).toBe(10_000);
    expect(detectCrisis(text)).toEqual({ isCrisis: false, level: 'none', signals: [] });
  });

  it('a 10,000-character message with the risk buried in the middle is detected', () => {
    const text = tenThousandChars(" To be honest I've been planning how to end my life. ");
    expect(text.length).toBe(10_000);
    expect(detectCrisis(text)).toEqual({ isCrisis: true, level: 'crisis', signals: ['suicide'] });
  });

  it.each([
    ['one long word', 'a'.repeat(10_000)],
    ['repeated pronouns', 'he '.repeat(3_333)],
    ['repeated negations', 'no '.repeat(3_333)],
    ['repeated apostrophes', "'".repeat(10_000)],
    ['unclosed quotes in a song message', ("song '" + 'x '.repeat(50)).repeat(200).slice(0, 10_000)],
    ['no punctuation at all', 'i went to the council and they said no '.repeat(260).slice(0, 10_000)],
  ])('adversarial 10,000-character input (%s) returns normally', (_label, text) => {
    expect(detectCrisis(text).isCrisis).toBe(false);
  });
});

describe('detectCrisis: robustness', () => {
  it.each(['', '   ', '\n\n', '...', '?!', '😂😂😂', '🙂 👍'])('%j is not crisis', (text) => {
    expect(detectCrisis(text)).toEqual({ isCrisis: false, level: 'none', signals: [] });
  });

  it.each([
    ['Chinese', '我今天很好，谢谢'],
    ['Arabic', 'أحتاج إلى مساعدة في السكن'],
    ['Polish', 'Potrzebuję pomocy z mieszkaniem'],
    ['Romanian', 'Am nevoie de ajutor cu locuința'],
    ['Tigrinya', 'ሰላም፣ ሓገዝ የድልየኒ'],
    ['mixed emoji', '🏠❌😭💔🆘'],
    ['lone surrogate', '\uD83D hello'],
  ])('does not throw on %s text', (_label, text) => {
    expect(() => detectCrisis(text)).not.toThrow();
    expect(detectCrisis(text).isCrisis).toBe(false);
  });

  it('detects English risk next to emoji', () => {
    expect(detectCrisis('i want to die 😭😭').isCrisis).toBe(true);
  });

  it('never throws on non-string input from untyped callers', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(detectCrisis(value as unknown as string)).toEqual({ isCrisis: false, level: 'none', signals: [] });
    }
  });

  it('gives the same answer when called repeatedly (no regex state leaks between calls)', () => {
    const text = "he's outside with a knife";
    const first = detectCrisis(text);
    for (let i = 0; i < 5; i += 1) expect(detectCrisis(text)).toEqual(first);
    expect(first.isCrisis).toBe(true);
  });

  it('returns a fresh signals array the caller can change without affecting later results', () => {
    const result = detectCrisis('hello');
    expect(() => (result.signals as CrisisSignal[]).push('suicide')).not.toThrow();
    expect(detectCrisis('hello')).toEqual({ isCrisis: false, level: 'none', signals: [] });
  });
});

describe('detectCrisis: another language can be plugged in', () => {
  it('uses the pattern set it is given', () => {
    // A toy Welsh set: only to show the engine is language-agnostic. Not for production use.
    const welsh: CrisisPatternSet = {
      ...englishPatterns,
      language: 'cy',
      idioms: [],
      // The English generalisation layers are switched off too: only the Welsh signal below may fire.
      composites: [],
      questionAnswers: [],
      concern: [],
      warningSigns: [],
      signals: [{ signal: 'suicide', strength: 'strong', pattern: /\beisiau marw\b/, why: '"I want to die" in Welsh' }],
    };
    expect(detectCrisis('Dw i eisiau marw', welsh)).toEqual({ isCrisis: true, level: 'crisis', signals: ['suicide'] });
    expect(detectCrisis('Dw i ddim eisiau marw', welsh).isCrisis).toBe(true); // no Welsh negation rules: shows the set is what decides
    expect(detectCrisis('i want to die', welsh).isCrisis).toBe(false);
  });
});
