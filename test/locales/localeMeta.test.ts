import { afterAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCALES_DIR, LocaleFileError, loadTranslations, operatorCopy } from '../../bot/i18n.js';

/**
 * Each language's meta.json: read and validated when the app loads its translations, so a broken one stops
 * start-up with a message naming the file; and offered to the web page and the dialogs (name, direction,
 * review status).
 */
describe("each language's meta.json", () => {
  it('gives each language its own name, its direction and its review status, and English for a language with no copy', async () => {
    const translations = await loadTranslations();
    expect(translations.meta('pl')).toMatchObject({ name: 'Polski', englishName: 'Polish', dir: 'ltr', review: { status: 'machine-drafted' } });
    expect(translations.meta('ar-SA')).toMatchObject({ name: 'العربية', dir: 'rtl' });
    expect(translations.meta('ur')).toMatchObject({ name: 'اردو', dir: 'rtl' });
    expect(translations.meta('en-GB')).toMatchObject({ name: 'English', dir: 'ltr' });
    expect(translations.meta('ku')).toEqual(translations.meta('en'));
  });

  describe('a broken one stops start-up, naming the file', () => {
    const dirs: string[] = [];
    /** A copy of the real locales/ with one file written over. */
    const localesWith = (file: string, content: string): string => {
      const dir = mkdtempSync(join(tmpdir(), 'one-story-locales-'));
      dirs.push(dir);
      cpSync(LOCALES_DIR, dir, { recursive: true });
      if (content === '') rmSync(join(dir, file));
      else writeFileSync(join(dir, file), content);
      return dir;
    };
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });
    const t = operatorCopy();

    it('a field that breaks the schema', async () => {
      const polish = JSON.stringify({ name: 'Polski', englishName: 'Polish', dir: 'down', formOfAddress: 'ty', review: { status: 'checked', checkedBy: null, checkedAt: null } });
      const dir = localesWith('pl/meta.json', polish);
      const loading = loadTranslations(dir);
      await expect(loading).rejects.toThrow(LocaleFileError);
      await expect(loading).rejects.toThrow(
        [t('operator.locales.metaInvalid', { file: join(dir, 'pl', 'meta.json') }), `dir: ${t('operator.config.oneOf', { values: 'ltr, rtl' })}`, `review.status: ${t('operator.config.oneOf', { values: 'machine-drafted, native-checked' })}`].join('\n  '),
      );
    });

    it('a missing meta.json, or a file that is not JSON', async () => {
      const withoutMeta = localesWith('ro/meta.json', '');
      await expect(loadTranslations(withoutMeta)).rejects.toThrow(t('operator.locales.metaMissing', { file: join(withoutMeta, 'ro', 'meta.json') }));
      const brokenCopy = localesWith('lt/crisis.json', '{ "crisis": ');
      await expect(loadTranslations(brokenCopy)).rejects.toThrow(t('operator.locales.notJson', { file: join(brokenCopy, 'lt', 'crisis.json') }));
    });

    it("the operator's copy is still read, so the problem can be told", () => {
      const dir = localesWith('pl/meta.json', '{}');
      expect(operatorCopy(dir)('operator.i18nCheck.severity.error')).toBe(t('operator.i18nCheck.severity.error'));
    });
  });
});
