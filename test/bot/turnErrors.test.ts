import { describe, expect, it } from '@jest/globals';
import { TestAdapter } from 'botbuilder';
import { createAdapter } from '../../bot/adapter.js';
import { loadConfig } from '../../bot/config.js';
import { loadTranslations } from '../../bot/i18n.js';
import { createLogger } from '../../bot/logger.js';

describe('when a turn fails', () => {
  it('tells the person kindly that their story is safe, and logs no personal text', async () => {
    const lines: string[] = [];
    const translations = await loadTranslations();
    const adapter = createAdapter(loadConfig({}), translations, createLogger('debug', (line) => lines.push(line)));
    const personal = 'my address is 14 Mill Road and my ex must not know';
    const test = new TestAdapter(async (context) => {
      await adapter.onTurnError(context, new Error(`could not save "${personal}"`));
    });
    await test.send(personal).assertReply(translations.forLocale('en')('error.somethingWentWrong')).startTest();
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'error', event: 'turn.failed', errorName: 'Error' });
    expect(lines.join('\n')).not.toContain('Mill Road');
  });
});
