import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TFunction } from 'i18next';
import { LOCALES_DIR, loadTranslationsSync, operatorCopy } from '../../bot/i18n.js';
import { findingLine, runI18nCheck, type I18nCheckResult } from '../../bot/cli/i18nCheckReport.js';
import { countSmsSegments } from '../sms/independentSmsCount.js';

/**
 * `npm run i18n:check`, through the module the command runs: on the real locales/ (which it keeps in
 * parity with English), and on small language folders written for each kind of finding. What is asserted
 * is the lines an operator reads, in the operator's copy.
 */
let t: TFunction;
beforeAll(() => {
  t = operatorCopy();
});

/** The line the check prints for a finding, built from the operator's copy. */
function line(locale: string, severity: 'error' | 'warning', kind: string, values: Record<string, unknown> = {}): string {
  return t('operator.i18nCheck.line', { locale, severity: t(`operator.i18nCheck.severity.${severity}`), finding: t(`operator.i18nCheck.finding.${kind}`, values) });
}

function errorLines(result: I18nCheckResult): string[] {
  return result.reports.flatMap((report) => report.findings.filter((finding) => finding.severity === 'error').map((finding) => findingLine(report.locale, finding, t)));
}

describe('i18n:check on the real locales/', () => {
  let result: I18nCheckResult;
  beforeAll(() => {
    result = runI18nCheck(LOCALES_DIR, t);
  });

  it('finds no error: every language is in parity with English (warnings are allowed)', () => {
    expect(errorLines(result)).toEqual([]);
    expect(result.errors).toBe(0);
    expect(result.lines.at(-1)).toBe(t('operator.i18nCheck.total', { locales: result.reports.length, errors: 0, warnings: result.warnings }));
  });

  it('checks every language folder, each in full parity with English (the partial case is shown with fixtures below)', () => {
    expect(result.reports.map((report) => report.locale)).toEqual(['en', 'ar', 'lt', 'lv', 'pl', 'pt', 'ro', 'ur']);
    const polish = result.lines.find((text) => text.startsWith('pl ('));
    expect(polish).toContain('Polski');
    expect(polish).not.toContain(t('operator.i18nCheck.coverage.signposting'));
    expect(result.reports.flatMap((report) => report.findings.filter((finding) => finding.severity === 'error'))).toEqual([]);
  });

  it("prints each text's SMS segments with its encoding, and how many messages a long one is sent as", () => {
    expect(result.lines).toContain(t('operator.i18nCheck.sms', { locale: 'en', key: 'crisis.areYouSafe', count: 1, encoding: 'GSM-7' }));
    // Polish signposting is UCS-2 and longer than one message can carry (counted here independently).
    const polishSignposting = (loadTranslationsSync().forLocale('pl')('crisis.lines', { returnObjects: true }) as string[])[1];
    const { segments } = countSmsSegments(polishSignposting);
    expect(segments).toBeGreaterThan(3);
    expect(result.lines).toContain(t('operator.i18nCheck.smsSplit', { locale: 'pl', key: 'crisis.lines.1', count: segments, encoding: 'UCS-2', messages: 2 }));
    // Screens and word lists are never texted.
    expect(result.lines.some((text) => / SMS (web|agencyPage|console)\.|SMS crisis\.safeWords/.test(text))).toBe(false);
    expect(result.lines.join('\n')).not.toContain('operator.i18nCheck');
  });
});

/** A locales folder written to a temporary directory: language → file name → content. */
function writeLocales(languages: Record<string, Record<string, unknown>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'one-story-locales-'));
  for (const [language, files] of Object.entries(languages)) {
    mkdirSync(join(dir, language));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, language, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return dir;
}

function meta(name: string, dir: 'ltr' | 'rtl' = 'ltr'): Record<string, unknown> {
  return { name, englishName: name, dir, formOfAddress: 'Plain you.', review: { status: 'machine-drafted', checkedBy: null, checkedAt: null } };
}

const ENGLISH = {
  'meta.json': meta('English'),
  'translation.json': {
    service: { name: 'One Story' },
    greeting: 'Hello {{name}}, this is {{serviceName}}.',
    welcome: { lines: ['Hello {{name}}.', 'You can skip anything.'] },
    delete: { alsoServices_one: 'You shared with {{count}} service.', alsoServices_other: 'You shared with {{count}} services.' },
    words: { help: ['help', 'help me'] },
    choice: { yes: 'Yes', yes_synonyms: ['yeah', 'yep'] },
    farewell: 'Goodbye.',
  },
  'crisis.json': { crisis: { areYouSafe: 'Are you safe right now?', safeWords: ['yes'] } },
  'web.json': { web: { languageName: 'English' } },
  'api.json': { api: { notFound: 'Not found.' } },
  'operator.json': { operator: { hello: 'Hello operator.' } },
};

/** Romanian, complete and correct (its plural forms are one, few and other). */
const ROMANIAN = {
  'meta.json': meta('Română'),
  'translation.json': {
    service: { name: 'One Story' },
    greeting: 'Bună, {{name}}, aici e {{serviceName}}.',
    welcome: { lines: ['Bună, {{name}}.', 'Poți sări peste orice.'] },
    delete: { alsoServices_one: 'Ai trimis unui serviciu.', alsoServices_few: 'Ai trimis la {{count}} servicii.', alsoServices_other: 'Ai trimis la {{count}} de servicii.' },
    words: { help: ['ajutor', 'ajutor', 'ajuta-ma'] },
    choice: { yes: 'Da', yes_synonyms: ['da'] },
    farewell: 'La revedere.',
  },
  'crisis.json': { crisis: { areYouSafe: 'Ești în siguranță acum?', safeWords: ['da'] } },
  'web.json': { web: { languageName: 'Română' } },
};

describe('i18n:check on small language folders', () => {
  const dirs: string[] = [];
  const check = (languages: Record<string, Record<string, unknown>>): I18nCheckResult => {
    const dir = writeLocales({ en: ENGLISH, ...languages });
    dirs.push(dir);
    return runI18nCheck(dir, t);
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('finds nothing in a complete, correct language, and does not ask it for the English-only files', () => {
    const result = check({ ro: ROMANIAN });
    expect(errorLines(result)).toEqual([]);
    expect(result.warnings).toBe(0);
    expect(result.lines).toContain(
      t('operator.i18nCheck.summary', { locale: 'ro', name: 'Română', status: t('operator.i18nCheck.status.machine-drafted'), coverage: t('operator.i18nCheck.coverage.full'), errors: 0, warnings: 0, texts: 10, multi: 0, unicode: 4 }),
    );
  });

  it('reports a missing key, an extra key, and a missing file as one line with its number of keys', () => {
    const { farewell: _gone, ...translation } = ROMANIAN['translation.json'];
    const { 'web.json': _web, ...files } = ROMANIAN;
    const result = check({ ro: { ...files, 'translation.json': { ...translation, bonus: 'În plus.' } } });
    expect(errorLines(result)).toEqual([
      line('ro', 'error', 'missingKey', { key: 'farewell', file: 'translation.json' }),
      line('ro', 'error', 'missingFile', { file: 'web.json', count: 1 }),
      line('ro', 'error', 'extraKey', { key: 'bonus', file: 'translation.json' }),
    ]);
    expect(result.errors).toBe(3);
  });

  it('reports placeholders that differ, in a string and in one line of an array of sentences', () => {
    const translation = { ...ROMANIAN['translation.json'], greeting: 'Bună, {{nume}}, aici e {{serviceName}}.', welcome: { lines: ['Bună.', 'Poți sări peste orice.'] } };
    const result = check({ ro: { ...ROMANIAN, 'translation.json': translation } });
    expect(errorLines(result)).toEqual([
      line('ro', 'error', 'placeholders', { key: 'greeting', english: 'name, serviceName', here: 'nume, serviceName' }),
      line('ro', 'error', 'placeholders', { key: 'welcome.lines.0', english: 'name', here: t('operator.i18nCheck.none') }),
    ]);
  });

  it("reports plural categories the language lacks or does not use, by CLDR's rules for it", () => {
    const delete_ = { alsoServices_one: 'Ai trimis unui serviciu.', alsoServices_two: 'Două.', alsoServices_other: 'Ai trimis la {{count}} de servicii.' };
    const result = check({ ro: { ...ROMANIAN, 'translation.json': { ...ROMANIAN['translation.json'], delete: delete_ } } });
    expect(errorLines(result)).toEqual([
      line('ro', 'error', 'pluralMissing', { key: 'delete.alsoServices', categories: 'few', needed: 'one, few, other' }),
      line('ro', 'error', 'pluralExtra', { key: 'delete.alsoServices', categories: 'two', needed: 'one, few, other' }),
    ]);
  });

  it('lets the "one" form leave out {{count}}, but not the others, nor bring a placeholder English lacks', () => {
    const delete_ = { alsoServices_one: 'Ai trimis unui serviciu.', alsoServices_few: 'Ai trimis la câteva servicii.', alsoServices_other: 'Ai trimis {{name}} la {{count}} de servicii.' };
    const result = check({ ro: { ...ROMANIAN, 'translation.json': { ...ROMANIAN['translation.json'], delete: delete_ } } });
    expect(errorLines(result)).toEqual([
      line('ro', 'error', 'placeholders', { key: 'delete.alsoServices_few', english: 'count', here: t('operator.i18nCheck.none') }),
      line('ro', 'error', 'placeholders', { key: 'delete.alsoServices_other', english: 'count', here: 'count, name' }),
    ]);
  });

  it('reports an array of sentences of another length, an empty word list, and a list where English has one text', () => {
    const translation = { ...ROMANIAN['translation.json'], welcome: { lines: ['Bună, {{name}}.'] }, words: { help: [] }, farewell: ['La revedere.'] };
    const result = check({ ro: { ...ROMANIAN, 'translation.json': translation } });
    expect(errorLines(result)).toEqual([
      line('ro', 'error', 'arrayLength', { key: 'welcome.lines', count: 2, here: 1 }),
      line('ro', 'error', 'emptyWordList', { key: 'words.help' }),
      line('ro', 'error', 'textExpected', { key: 'farewell' }),
    ]);
  });

  it('reports a meta.json that does not follow the schema, or is missing, or a file that is not JSON', () => {
    const badMeta = { ...meta('Română'), dir: 'sideways', review: { status: 'native-checked', checkedBy: 'Ana', checkedAt: 'last week' }, colour: 'blue' };
    const result = check({ ro: { ...ROMANIAN, 'meta.json': badMeta }, pt: { 'crisis.json': '{ "crisis": ' } });
    expect(errorLines(result)).toEqual([
      line('pt', 'error', 'notJson', { file: 'crisis.json' }),
      line('pt', 'error', 'missingMeta', { file: 'meta.json' }),
      line('ro', 'error', 'badMeta', { file: 'meta.json', problem: `dir: ${t('operator.config.oneOf', { values: 'ltr, rtl' })}` }),
      line('ro', 'error', 'badMeta', { file: 'meta.json', problem: `review.checkedAt: ${t('operator.config.invalid')}` }),
      line('ro', 'error', 'badMeta', { file: 'meta.json', problem: t('operator.locales.unknownFields', { fields: 'colour' }) }),
    ]);
    expect(result.lines.find((text) => text.startsWith('ro ('))).toContain(`ro (ro, ${t('operator.i18nCheck.status.unknown')})`);
  });

  it('tells a language with only crisis.json and meta.json as partial: signposting only, comparing that file alone', () => {
    const result = check({ lt: { 'meta.json': meta('Lietuvių'), 'crisis.json': { crisis: { areYouSafe: 'Ar jums dabar saugu?', safeWords: ['taip'], extra: 'Papildoma.' } } } });
    expect(errorLines(result)).toEqual([line('lt', 'error', 'extraKey', { key: 'crisis.extra', file: 'crisis.json' })]);
    expect(result.lines.find((text) => text.startsWith('lt ('))).toContain(t('operator.i18nCheck.coverage.signposting'));
  });

  it('flags a sentence too long for one text message, which the person would get cut, and warns of English-only copy', () => {
    const sentence = `${Array.from({ length: 12 }, (_, i) => `sună la numărul ${i + 1} și spune „Romanian”`).join(', ')}.`;
    const result = check({ ro: { ...ROMANIAN, 'api.json': { api: { notFound: 'Negăsit.' } }, 'crisis.json': { crisis: { ...ROMANIAN['crisis.json'].crisis, areYouSafe: `Ești în siguranță? ${sentence}` } } } });
    expect(errorLines(result)).toEqual([
      line('ro', 'error', 'sentenceTooLongForSms', { key: 'crisis.areYouSafe', segments: 8, encoding: 'UCS-2', max: 3, beginning: Array.from(sentence).slice(0, 40).join('') }),
    ]);
    expect(result.lines).toContain(line('ro', 'warning', 'englishOnlyFile', { file: 'api.json' }));
    expect(result.warnings).toBe(1);
  });

  it("takes webchat.json (Web Chat's own words) as optional in any language, English too, only checking that it holds texts", () => {
    const webChat = { webChat: { TEXT_INPUT_PLACEHOLDER: 'Scrieți mesajul', ACTIVITY_STATUS_SEND_STATUS_ALT_SENT_AT: 'Trimis la $1' } };
    const fine = check({ ro: { ...ROMANIAN, 'webchat.json': webChat } });
    // Not asked of English, not extra keys, never sent by SMS.
    expect(errorLines(fine)).toEqual([]);
    expect(fine.warnings).toBe(0);
    expect(fine.reports[1].sms).toEqual(check({ ro: ROMANIAN }).reports[1].sms);

    const wrong = check({
      en: { ...ENGLISH, 'webchat.json': ['Type your message'] },
      ro: { ...ROMANIAN, 'webchat.json': { webChat: { ...webChat.webChat, TEXT_INPUT_SEND_BUTTON_ALT: ['Trimite'] }, more: 'În plus.' } },
      pt: { 'meta.json': meta('Português'), 'crisis.json': { crisis: { areYouSafe: 'Está em segurança agora?', safeWords: ['sim'] } }, 'webchat.json': '{ "webChat": ' },
    });
    expect(errorLines(wrong)).toEqual([
      line('en', 'error', 'webChatNotText', { key: 'webChat', file: 'webchat.json' }),
      line('pt', 'error', 'notJson', { file: 'webchat.json' }),
      line('ro', 'error', 'webChatNotText', { key: 'more', file: 'webchat.json' }),
      line('ro', 'error', 'webChatNotText', { key: 'webChat.TEXT_INPUT_SEND_BUTTON_ALT', file: 'webchat.json' }),
    ]);
    // A language with signposting and Web Chat's words is still signposting only.
    expect(wrong.lines.find((text) => text.startsWith('pt ('))).toContain(t('operator.i18nCheck.coverage.signposting'));
  });

  it('has a sentence in the operator copy for every line it prints', () => {
    const result = check({ ro: { ...ROMANIAN, 'translation.json': { ...ROMANIAN['translation.json'], words: { help: [] }, bonus: 'x' } } });
    expect(result.errors).toBe(2);
    expect(result.lines.join('\n')).not.toContain('operator.');
  });
});
