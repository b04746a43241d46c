import { describe, it, expect } from '@jest/globals';
import type { CrisisLevel } from '../../domain/crisis/types.js';
import { detectCrisis } from '../support/crisisRules.js';

/**
 * Unit tests for the safety net (englishPatterns.ts `safetyNet`): a broad present-danger lexicon that
 * raises at least 'concern' (the bot asks "are you safe right now?") and 'crisis' only when the
 * sentence shows the danger is immediate. These wordings are the net's own examples, written for it;
 * none is taken from the sealed batches (heldOutMessages4.ts, heldOutMessages5.ts).
 */

const level = (text: string): CrisisLevel => detectCrisis(text).level;

describe('safety net: help is offered (concern or crisis) on present danger in wordings no phrase pattern lists', () => {
  it.each([
    // weapons near, now
    "they're downstairs with knives and they know I'm in here",
    'some lads with baseball bats are outside my tent',
    "he's swinging a hammer around in the kitchen",
    // violence now, to anyone near
    'my stepdad is battering my brother upstairs',
    "he's dragging her down the street by her hair",
    "he's got her pinned on the floor",
    'my ex is hammering on the door and screaming',
    // injuries now
    'my thighs are bleeding through my jeans',
    "i'm bleeding loads, he bottled me",
    "my mate's bleeding out in the stairwell",
    'can hardly breathe, he had his hands round my neck',
    // substances now
    'the tablets are kicking in now, my heart is going weird',
    "i used way more than normal, i don't care anymore",
    "i've taken the lot, sorry",
    'i drank some bleach',
    // finality
    'no reasons left to keep going',
    "i'll be out of everyone's way soon",
    "it'll all be over by morning",
    'this is the end for me',
    'everything is set for tonight, I have sorted the letters',
    // heights and places
    "i'm on the edge of the roof at the car park",
    "i'm leaning over the railings at the river bridge",
    'sat on the tracks, the train is due at 10',
    // self-harm intent and means
    "i deserve to be punished, i've got the lighter out",
    "i've got the belt ready",
    'i need to punish myself',
    // emergencies
    "the flat is on fire and I can't get out",
  ])('%s -> help offered', (text) => {
    expect(level(text)).not.toBe('none');
  });
});

describe('safety net: clearly immediate -> crisis', () => {
  it.each([
    "they're downstairs with knives and they know I'm in here",
    'my stepdad is battering my brother upstairs',
    "he's got her pinned on the floor",
    'he put his hands round my neck tonight',
    "he said he'd make sure I end up in a wheelchair",
    'my thighs are bleeding through my jeans',
    "i'm at the top of the multi storey looking down",
    'i took double my dose on purpose',
    'the pills are starting to kick in, everything is going dark',
    "the flat is on fire and I can't get out",
  ])('%s -> crisis', (text) => {
    expect(level(text)).toBe('crisis');
  });
});

describe('safety net: stays quiet on ordinary hardship, idioms, the past, the minor, the fictional and service questions', () => {
  it.each([
    'we got a knife block for the new flat!',
    "My previous partner threatened me with a knife, that's why I left Peterborough",
    'he hit me with a bat when we were together',
    'my son plays cricket with a bat his grandad gave him',
    'my nose is bleeding again, happens every winter',
    "I'm bleeding from my gums after the dentist",
    'my head is bleeding a little from where I bumped it on the cupboard',
    'the lads are kicking a ball about outside',
    'the baby is kicking me all night, due in three weeks',
    'she is hitting her targets at work',
    "i can't breathe in this heat",
    'the painkillers are kicking in, finally',
    'the methadone is kicking in now, feel a bit better',
    'the adrenaline is kicking in before court',
    "I've had more than normal to eat this christmas",
    "i've taken everything i need to the new flat",
    'took everything to the tip today',
    'no reasons to stay in this town',
    "I'll be at peace when this court case is finished",
    'the court case will be over soon thank god',
    "we sorted my nan's funeral on monday",
    "it's all sorted for friday, the van is booked",
    "everything is planned for saturday's party",
    "I'll be gone soon, moving to Leeds in a month",
    "don't worry about me anymore, I've got a new worker",
    "i'm sat at the top of the stairs waiting for the removal men",
    "I'm on the roof fixing the gutter for my nan",
    'im on the bridge road bus stop',
    'my mouth is on fire from that curry',
    'my car is burning oil again',
    "it's the end of the road for my tenancy",
    'he had me pinned against the wall for ages last year',
    'he put his hands round my neck when we argued in 2021',
    'i fell and split my head open when i was drunk last year',
    'got stabbed in GTA lol',
    'we watched a film where he pulls a gun on his brother',
    'what should I do if someone pulls a knife on me?',
    'my mate pulled a knife on a guy in the pub, he has been arrested',
    "my cousin got a gun licence for shooting pigeons",
    'the police pulled a knife off a lad by the hostel last night',
    'I keep blacking out when I stand up too fast, GP is checking my iron',
    'my son is kicking off at school again',
    "he's after me to pay back the loan",
    'I keep having nightmares about him coming at me with a knife',
  ])('%s -> none', (text) => {
    expect(level(text)).toBe('none');
  });
});

describe('safety net: safe on long or hostile input', () => {
  const hostile = [
    'with a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a a '.repeat(300),
    'he is is is is is is still still still still hitting '.repeat(200),
    'my my my my my my arms arms arms are are bleeding '.repeat(200),
    'im at the top of the the the the the the the the '.repeat(250),
    'took took took took more more more than '.repeat(250),
    'everything everything is is planned planned for for '.repeat(200),
    `${'a'.repeat(9_000)} hes outside with a knife`,
    `${' '.repeat(5_000)}${'!?.'.repeat(1_600)}`,
  ].map((t) => t.slice(0, 10_000));

  // Speed on such input is printed by npm run bench; a test never asserts timing.
  it.each(hostile.map((t, i) => [i, t] as const))('hostile input %i: no throw', (_i, text) => {
    expect(() => detectCrisis(text)).not.toThrow();
  });

  it('a real danger at the end of a 10,000-character message is still seen', () => {
    const text = `${'I have been waiting for the council to ring me back about the flat. '.repeat(140)}they're downstairs with machetes asking for me`;
    expect(text.length).toBeGreaterThan(9_500);
    expect(level(text)).toBe('crisis');
  });
});

describe('general fixes made with batch 4 (after batch 5 was written and measured)', () => {
  it('two warning signs that are each weak alone bring the gentle question, not signposting; three still signpost', () => {
    expect(level('thanks for trying, I will sort it myself. goodbye')).toBe('concern');
    expect(level('im done. goodbye. thank you for trying')).toBe('crisis');
  });

  it('a story on screen is the story, not the person, unless the person speaks for themselves in it', () => {
    expect(level('the film ended with him walking into the river, so sad')).toBe('none');
    expect(level('I watched a film and now I want to walk into the river')).toBe('crisis');
  });

  it('hiding from a landlord or the bailiffs is not hiding from danger', () => {
    expect(level("I'm hiding from the bailiffs, not answering the door lol")).toBe('none');
    expect(level("I'm hiding in the wardrobe, he's looking for me")).toBe('crisis');
  });

  it('command hallucinations, an unnamed act just done, and threats to finish the job', () => {
    expect(level('the voices keep telling me to jump')).toBe('crisis');
    expect(level("I've done something stupid")).toBe('concern');
    expect(level("I did something stupid at work and got a warning")).toBe('none');
    expect(level("he's coming back tonight to finish the job")).toBe('crisis');
    expect(level('I need to finish the job on the kitchen before the inspection')).toBe('none');
  });
});
