import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GLOBAL_WORDS, recogniseGlobalWord, type GlobalWordVocabulary } from '../../domain/globalWords.js';
import { projectRoot } from '../../data/paths.js';

const english = JSON.parse(readFileSync(join(projectRoot(), 'locales/en/translation.json'), 'utf8')) as { words: GlobalWordVocabulary };

describe('recogniseGlobalWord', () => {
  it('has words for every global word in English', () => {
    for (const word of GLOBAL_WORDS) expect(english.words[word].length).toBeGreaterThan(0);
  });

  it.each([
    ['help', 'help'],
    ['HELP!', 'help'],
    ['hlep', 'help'],
    ['skip', 'skip'],
    ['skpi', 'skip'],
    ["I'd rather not say", 'skip'],
    ['rather not say', 'skip'],
    ['Rather not sya', 'skip'],
    ['back', 'back'],
    ['go back', 'back'],
    ['menu', 'menu'],
    ['Menu.', 'menu'],
    ['pause', 'pause'],
    ['puase', 'pause'],
    ['review', 'review'],
    ['reveiw', 'review'],
    ['start again', 'start-again'],
    ['strat again', 'start-again'],
    ['exit', 'exit'],
    ['quick exit', 'exit'],
    ['delete my story', 'delete-story'],
    ['delete my stroy', 'delete-story'],
    ['carry on', 'continue'],
    ['cmd:pause', 'pause'],
  ])('reads %j as %s', (typed, expected) => {
    expect(recogniseGlobalWord(typed, english.words)).toBe(expected);
  });

  it.each([
    'I want to go back home',
    'men',
    'bank',
    'helping my mum',
    'the menu at the hostel is awful',
    'cmd:launch-missiles',
    '',
    '🙂',
    'x'.repeat(10_000),
  ])('does not treat %j as a command', (typed) => {
    expect(recogniseGlobalWord(typed, english.words)).toBeUndefined();
  });
});
