import { describe, expect, it } from '@jest/globals';
import { loadTranslations } from '../../bot/i18n.js';
import { pageContext } from '../../bot/inbox/outcomesPages.js';
import { StaffPages } from '../../bot/inbox/pages.js';
import { computeOutcomes } from '../../domain/outcomes/outcomeFigures.js';

/** The outcomes view alone, before anything is recorded: no empty chart, a plain sentence instead. */
describe('the outcomes view with nothing recorded', () => {
  it('should say nothing has been recorded yet instead of drawing empty charts', async () => {
    const translations = await loadTranslations();
    const t = translations.forLocale('en');
    const report = computeOutcomes([], [{ id: 'a', name: 'Agency A', workingDays: 2 }], new Date('2026-11-30T00:00:00Z'));
    const html = new StaffPages(translations).html('outcomes/outcomes.njk', pageContext(report, { translations }), { locale: 'en' });
    expect(html).not.toContain('<svg');
    expect(html.split(t('outcomes.nothingYet')).length - 1).toBe(4);
    expect(html).toContain('Agency A');
  });
});
