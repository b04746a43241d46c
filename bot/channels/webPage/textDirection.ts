import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES_DIR } from '../../i18n.js';

export type TextDirection = 'ltr' | 'rtl';

/**
 * Which way a language is written: the `dir` of its `locales/<language>/meta.json`. Read once per
 * language at start-up. English, the source language, has no meta.json and is left to right. Any other
 * value stops start-up rather than lay a page out the wrong way round.
 */
export function textDirection(language: string, localesDir = LOCALES_DIR): TextDirection {
  const file = join(localesDir, language, 'meta.json');
  if (!existsSync(file)) return 'ltr';
  const dir = (JSON.parse(readFileSync(file, 'utf8')) as { dir?: unknown }).dir;
  if (dir !== 'ltr' && dir !== 'rtl') throw new Error(`${file}: "dir" must be "ltr" or "rtl"`);
  return dir;
}
