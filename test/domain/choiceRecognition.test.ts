import { describe, expect, it } from '@jest/globals';
import { recogniseChoice, type OfferedChoice } from '../../domain/choiceRecognition.js';

const choices: OfferedChoice[] = [
  { value: 'answer:own-place', label: 'My own place' },
  { value: 'answer:sofa-surfing', label: 'Sofa surfing', synonyms: ["friend's sofa", 'couch surfing'] },
  { value: 'answer:sleeping-rough', label: 'Sleeping rough', synonyms: ['on the streets'] },
];

describe('recogniseChoice', () => {
  it.each([
    ['answer:sofa-surfing', 'answer:sofa-surfing', 'a tapped button sends its stable value'],
    ['Sofa surfing', 'answer:sofa-surfing', 'the label typed out'],
    ['sofa surfing.', 'answer:sofa-surfing', 'case and punctuation do not matter'],
    ['couch surfing', 'answer:sofa-surfing', 'a synonym'],
    ['2', 'answer:sofa-surfing', 'its number from a text list'],
    ['option 3', 'answer:sleeping-rough', 'a number said another way'],
    ['sofa surfng', 'answer:sofa-surfing', 'a slip'],
    ['٢', 'answer:sofa-surfing', 'an Arabic-Indic digit, as an Arabic phone keyboard types it'],
    ['۳', 'answer:sleeping-rough', 'an Urdu (Persian) digit'],
  ])('reads %j as %s (%s)', (typed, expected) => {
    expect(recogniseChoice(typed, choices)?.value).toBe(expected);
  });

  it.each(['4', '0', 'a caravan by the river', '', '   '])('finds nothing in %j', (typed) => {
    expect(recogniseChoice(typed, choices)).toBeUndefined();
  });
});

describe('typed without accents or vowel marks', () => {
  const polish: OfferedChoice[] = [
    { value: 'answer:yes', label: 'Tak, to bezpieczne' },
    { value: 'answer:no', label: 'Nie wiem', synonyms: ['nie jestem pewna'] },
  ];
  const arabic: OfferedChoice[] = [{ value: 'answer:yes', label: 'نَعَم' }, { value: 'answer:no', label: 'لا' }];
  it.each([
    ['tak, to bezpieczne', polish, 'answer:yes'],
    ['Nie jestem pewna', polish, 'answer:no'],
    ['nie jestem pewną', polish, 'answer:no'],
    ['نعم', arabic, 'answer:yes'],
  ])('reads %j', (typed, offered, expected) => {
    expect(recogniseChoice(typed, offered)?.value).toBe(expected);
  });
});
