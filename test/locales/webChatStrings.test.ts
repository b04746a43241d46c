import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES_DIR } from '../../bot/i18n.js';
import { projectRoot } from '../../data/paths.js';
import { localeCodes } from '../../data/localeFiles.js';
import { WEB_CHAT_FILE } from '../../domain/localeCheck.js';

/**
 * A language's webchat.json gives Web Chat its own words where Web Chat has none (Urdu): under Web Chat's
 * own key names, each keeping Web Chat's `$1` placeholders and the `[RETRY]` link of "Send failed", or Web
 * Chat would show the key, or lose the time or the retry link.
 */
const webChatEnglish = JSON.parse(readFileSync(join(projectRoot(), 'node_modules/botframework-webchat-api/lib/localization/en-US.json'), 'utf8')) as Record<string, string>;
const withWebChatWords = localeCodes(LOCALES_DIR).filter((code) => existsSync(join(LOCALES_DIR, code, WEB_CHAT_FILE)));

/** `$1`, `$2` … and Markdown link references in capitals (`[RETRY]`). */
const placeholders = (text: string) => [...text.matchAll(/\$\d|\[[A-Z_]+\]/g)].map(([match]) => match).sort();

describe('webchat.json', () => {
  it('is there for Urdu, which Web Chat has no words for', () => {
    expect(withWebChatWords).toContain('ur');
  });

  it.each(withWebChatWords)("in %s, uses Web Chat's key names and keeps its placeholders", (code) => {
    const { webChat } = JSON.parse(readFileSync(join(LOCALES_DIR, code, WEB_CHAT_FILE), 'utf8')) as { webChat: Record<string, string> };
    expect(Object.keys(webChat).filter((key) => !(key in webChatEnglish) || key.startsWith('_'))).toEqual([]);
    for (const [key, text] of Object.entries(webChat)) expect([key, placeholders(text)]).toEqual([key, placeholders(webChatEnglish[key])]);
  });
});
