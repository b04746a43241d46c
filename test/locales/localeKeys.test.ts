import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../data/paths.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { loadTranslations } from '../../bot/i18n.js';

/** All text a person sees comes from locales/: every key the code or the question bank uses must exist. */
const root = projectRoot();

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(root, dir, name));
}

describe('locale keys', () => {
  it('every key used in the question bank has English copy', async () => {
    const bank = await loadQuestionBank();
    const t = (await loadTranslations()).forLocale('en');
    const missing: string[] = [];
    for (const topic of bank.topics) {
      const keys = [topic.titleKey, topic.introKey, topic.contentNoteKey, ...topic.questions.flatMap((q) => [q.textKey, q.whyKey, ...(q.choices ?? []).map((c) => c.labelKey)])];
      for (const key of keys.filter((k): k is string => Boolean(k))) if (t(key) === key || t(key) === '') missing.push(key);
    }
    expect(missing).toEqual([]);
  });

  it('every literal key the conversation code uses has English copy', async () => {
    const t = (await loadTranslations()).forLocale('en');
    const used = new Set<string>();
    for (const file of [...sourceFiles('dialogs'), ...sourceFiles('bot')]) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\b(?:t|simpleChoice\(t, [^,]+,|wordList\(t,)\s*\(?\s*'([a-zA-Z]+(?:\.[a-zA-Z-]+)+)'/g)) used.add(match[1]);
    }
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter((key) => {
      // A count picks the plural forms (`_one`, `_other`) where a sentence has them.
      const value = t(key, { returnObjects: true, count: 1 }) as unknown;
      return value === key || value === '' || value === undefined;
    });
    expect(missing).toEqual([]);
  });
});
