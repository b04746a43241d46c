import { describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeOneStory } from '../../../bot/app.js';
import { formatReply, runConsoleChat, terminalLocale } from '../../../bot/channels/console/consoleChat.js';
import { startInProcessConversation } from '../../../bot/channels/console/inProcessConversation.js';
import { loadConfig } from '../../../bot/config.js';
import { loadTranslations } from '../../../bot/i18n.js';
import { createLogger } from '../../../bot/logger.js';
import { englishConversationText } from '../../support/channelText.js';

const text = await englishConversationText();


/** The terminal chat against the real app, composed as `npm run chat` composes it (channel `console`). */
describe('console chat', () => {
  it('should hold the same conversation in text, with numbered choices a person can answer by number', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'one-story-console-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ONESTORY_ENCRYPTION_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' });
    const app = await composeOneStory(config, { log: createLogger('silent'), localChannelId: 'console' });
    const output: string[] = [];
    const t = (await loadTranslations()).forLocale('en');
    try {
      // "2" is "No, just me": the second numbered choice.
      await runConsoleChat(() => startInProcessConversation(app.localDirectLine!), { lines: ['2', 'Sam'], write: (text) => output.push(text), prompt: () => output.push('> ') }, t);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    const transcript = output.join('');
    expect(transcript).toContain(`${t('console.botName')}: ${text.welcomeFirstLine}`);
    expect(transcript).toContain(text.supporterAsk);
    expect(transcript).toMatch(new RegExp(`2\\. ${text.supporterNo}`));
    expect(transcript).toContain(text.askName);
    expect(transcript).toContain(text.nameThanks('Sam'));
    expect(transcript.indexOf(text.supporterAsk)).toBeLessThan(transcript.indexOf(text.askName));
    // The menu's numbered list comes in one reply: no reply starts in the middle of it.
    expect(transcript).toMatch(/\n\s+10\. /);
    expect(transcript).not.toMatch(new RegExp(`${t('console.botName')}: \\d+\\. `));
  });
});

describe('in the terminal\'s language', () => {
  it.each([
    [{ LANG: 'pl_PL.UTF-8' }, 'pl-PL'],
    [{ LC_ALL: 'ar_SA.UTF-8', LANG: 'en_GB.UTF-8' }, 'ar-SA'],
    [{ CHAT_LANGUAGE: 'ro', LANG: 'en_GB.UTF-8' }, 'ro'],
    [{ LANG: 'C.UTF-8' }, 'en-GB'],
    [{}, 'en-GB'],
  ])('reads %j as %s', (env, locale) => {
    expect(terminalLocale(env)).toBe(locale);
  });

  it('holds the whole conversation in Polish when the terminal is set to Polish', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'one-story-console-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, ONESTORY_ENCRYPTION_KEY: randomBytes(32).toString('base64'), LOG_LEVEL: 'silent' });
    const app = await composeOneStory(config, { log: createLogger('silent'), localChannelId: 'console' });
    const locale = terminalLocale({ LANG: 'pl_PL.UTF-8' });
    const pl = app.translations.forLocale(locale);
    const output: string[] = [];
    try {
      await runConsoleChat(() => startInProcessConversation(app.localDirectLine!, locale), { lines: ['2', 'Ola'], write: (text) => output.push(text), prompt: () => output.push('> ') }, pl);
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
    const transcript = output.join('');
    expect(transcript).toContain(pl('console.intro'));
    expect(transcript).toContain(pl('welcome.lines.0'));
    expect(transcript).toContain(`2. ${pl('supporter.no')}`);
    expect(transcript).toContain(pl('welcome.nameThanks', { name: 'Ola' }));
  });
});

describe('formatReply', () => {
  it('when a reply still carries buttons, should list them with numbers', () => {
    const text = formatReply('One Story', { text: 'Pick one', suggestedActions: { to: [], actions: [{ type: 'imBack', title: 'Yes', value: 'yes' }, { type: 'imBack', title: 'No', value: 'no' }] } });
    expect(text).toBe('One Story: Pick one\n   1. Yes\n   2. No\n');
  });
});
