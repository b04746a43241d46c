import type { z } from 'zod';
import { META_FILE, localeMetaSchema, type LocaleMeta } from './localeMeta.js';
import { SMS_MAX_SEGMENTS, fitsOneTextMessage, sentencesOf, smsSegments, splitForTextMessages, type SmsEncoding } from './textMessageSplitting.js';

/**
 * Checking every language's copy against English (`npm run i18n:check`): the same keys, the same
 * placeholders, the plural forms the language needs (CLDR, as `Intl.PluralRules` knows them), arrays of
 * sentences as long as English's, word lists not empty, a valid meta.json, and how many SMS segments each
 * text a person can receive takes. Pure: the folders are read by data/localeFiles.ts and the findings are
 * put into words by the command, from locales/en/operator.json.
 */

export const SOURCE_LOCALE = 'en';
/** Copy only English is ever read in (API clients and the operator), so other folders do not need it. */
export const ENGLISH_ONLY_FILES: readonly string[] = ['api.json', 'operator.json', 'outcomes.json'];
/**
 * Web Chat's own words (`{"webChat": {"TEXT_INPUT_PLACEHOLDER": "…"}}`, Web Chat's key names), for a language
 * Web Chat ships none for. Optional in every folder, English too, so never compared with English: only
 * checked to hold texts.
 */
export const WEB_CHAT_FILE = 'webchat.json';
/** A language with only these copy files has crisis signposting and the words for help, nothing more yet. */
export const SIGNPOSTING_FILES: readonly string[] = ['crisis.json'];
/** Keys under these are read on a screen (the web page, the agency's page, the terminal), never by text. */
const SCREEN_ONLY_PREFIXES = ['web.', 'agencyPage.', 'console.', 'inboxAdmin.'];
/** Each placeholder other than the service's name is counted as this many plain letters in SMS sizes. */
export const PLACEHOLDER_STAND_IN_LETTERS = 10;

/** CLDR's plural categories, in CLDR's order. */
const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'];
const PLURAL_FORM = new RegExp(`^(.*)_(${PLURAL_CATEGORIES.join('|')})$`);
/** Plural forms in which the number is plain from the word itself, so `{{count}}` may be left out. */
const COUNT_OPTIONAL_IN = new Set(['zero', 'one', 'two']);

export type Coverage = 'source' | 'full' | 'signposting';
export type Severity = 'error' | 'warning';
export type FindingKind =
  | 'notJson'
  | 'webChatNotText'
  | 'missingMeta'
  | 'badMeta'
  | 'englishOnlyFile'
  | 'missingFile'
  | 'missingKey'
  | 'extraKey'
  | 'listExpected'
  | 'textExpected'
  | 'placeholders'
  | 'pluralMissing'
  | 'pluralExtra'
  | 'arrayLength'
  | 'emptyWordList'
  | 'sentenceTooLongForSms';

export interface Finding {
  severity: Severity;
  kind: FindingKind;
  /** What the finding's sentence names: keys, files, counts, lists of placeholders or plural forms. */
  values: Record<string, string | number | readonly string[]>;
  /** For `badMeta`: what the schema found wrong. */
  issue?: z.core.$ZodIssue;
}

/** The SMS size of one text a person can receive (an array's lines each on their own: `key.0`, `key.1`). */
export interface TextSmsSize {
  key: string;
  encoding: SmsEncoding;
  segments: number;
  /** How many messages it is sent as (more than one when it needs more than `SMS_MAX_SEGMENTS` segments). */
  messages: number;
}

export interface LocaleReport {
  locale: string;
  coverage: Coverage;
  /** meta.json, when it is valid. */
  meta?: LocaleMeta;
  findings: Finding[];
  sms: TextSmsSize[];
}

/** One language folder's JSON files, parsed (data/localeFiles.ts reads them). */
export interface LocaleFiles {
  code: string;
  files: ReadonlyMap<string, unknown>;
  notJson: readonly string[];
}

interface Entry {
  value: unknown;
  file: string;
}
type Flat = Map<string, Entry>;

/** Checks every folder, English first: it is the reference, and is itself checked too. */
export function checkLocales(folders: readonly LocaleFiles[]): LocaleReport[] {
  const english = folders.find((folder) => folder.code === SOURCE_LOCALE);
  if (!english) throw new Error(`No ${SOURCE_LOCALE} folder among the locales: nothing to compare with.`);
  return [english, ...folders.filter((folder) => folder !== english)].map((folder) => checkLocale(english, folder));
}

export function checkLocale(english: LocaleFiles, locale: LocaleFiles): LocaleReport {
  const findings: Finding[] = locale.notJson.map((file) => error('notJson', { file }));
  const meta = checkMeta(locale, findings);
  findings.push(...checkWebChatFile(locale));
  const englishFlat = flatten(copyFiles(english));
  const localeFlat = flatten(copyFiles(locale));
  const parsed = [...copyFiles(locale).keys()];
  const unreadable = locale.notJson.filter(isCopyFile);
  const coverage = coverageOf(locale.code === english.code, [...parsed, ...unreadable]);
  if (coverage !== 'source') {
    for (const file of ENGLISH_ONLY_FILES.filter((name) => locale.files.has(name))) findings.push(warning('englishOnlyFile', { file }));
    const compared = coverage === 'signposting' ? SIGNPOSTING_FILES : [...copyFiles(english).keys()];
    findings.push(...compareWithEnglish(englishFlat, localeFlat, { locale: locale.code, compared, parsed, unreadable }));
  }
  const texts = textsToSend(localeFlat, serviceName(localeFlat) ?? serviceName(englishFlat) ?? '');
  findings.push(...texts.flatMap(sentencesTooLong));
  return { locale: locale.code, coverage, meta, findings, sms: texts.map(smsSize) };
}

function coverageOf(isSource: boolean, copy: readonly string[]): Coverage {
  if (isSource) return 'source';
  const signpostingOnly = copy.length === SIGNPOSTING_FILES.length && SIGNPOSTING_FILES.every((file) => copy.includes(file));
  return signpostingOnly ? 'signposting' : 'full';
}

function checkMeta(locale: LocaleFiles, findings: Finding[]): LocaleMeta | undefined {
  if (!locale.files.has(META_FILE)) {
    if (!locale.notJson.includes(META_FILE)) findings.push(error('missingMeta', { file: META_FILE }));
    return undefined;
  }
  const parsed = localeMetaSchema.safeParse(locale.files.get(META_FILE));
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) findings.push({ ...error('badMeta', { file: META_FILE }), issue });
  return undefined;
}

/** webchat.json holds `webChat` and in it only texts; each thing that is not is told by its key. */
function checkWebChatFile(locale: LocaleFiles): Finding[] {
  if (!locale.files.has(WEB_CHAT_FILE)) return [];
  const content = locale.files.get(WEB_CHAT_FILE);
  const notText = (key: string) => error('webChatNotText', { key, file: WEB_CHAT_FILE });
  if (!isPlainObject(content) || !isPlainObject(content.webChat)) return [notText('webChat')];
  return [
    ...Object.keys(content).filter((key) => key !== 'webChat').map(notText),
    ...Object.entries(content.webChat).filter(([, text]) => typeof text !== 'string').map(([name]) => notText(`webChat.${name}`)),
  ];
}

function isCopyFile(name: string): boolean {
  return name !== META_FILE && name !== WEB_CHAT_FILE && !ENGLISH_ONLY_FILES.includes(name);
}

function copyFiles(folder: LocaleFiles): Map<string, unknown> {
  return new Map([...folder.files].filter(([name]) => isCopyFile(name)));
}

interface ComparisonScope {
  locale: string;
  /** English's files this language is compared with. */
  compared: readonly string[];
  /** The language's copy files that were read, and those that are not valid JSON (already reported). */
  parsed: readonly string[];
  unreadable: readonly string[];
}

function compareWithEnglish(english: Flat, locale: Flat, scope: ComparisonScope): Finding[] {
  const findings: Finding[] = [];
  const inScope = (key: string) => scope.compared.includes(english.get(key)!.file);
  const pluralBases = new Set([...english.keys()].map((key) => PLURAL_FORM.exec(key)).filter((match) => match && english.has(`${match[1]}_other`)).map((match) => match![1]));
  const isPluralForm = (key: string) => {
    const match = PLURAL_FORM.exec(key);
    return Boolean(match && pluralBases.has(match[1]));
  };
  // Keys of a file the language lacks altogether are told as that one missing file, with their number;
  // those of a file that is not valid JSON are not told again.
  const missingFromFile = new Map<string, number>();
  const missing = (key: string, file: string) => {
    if (scope.parsed.includes(file)) findings.push(error('missingKey', { key, file }));
    else if (!scope.unreadable.includes(file)) missingFromFile.set(file, (missingFromFile.get(file) ?? 0) + 1);
  };

  for (const [key, { value, file }] of english) {
    if (!inScope(key) || isPluralForm(key)) continue;
    const translated = locale.get(key);
    if (!translated) missing(key, file);
    else findings.push(...compareValues(key, value, translated.value));
  }
  const categories = new Intl.PluralRules(scope.locale).resolvedOptions().pluralCategories as readonly string[];
  const needed = PLURAL_CATEGORIES.filter((category) => categories.includes(category));
  for (const base of [...pluralBases].filter((key) => inScope(`${key}_other`)).sort()) {
    const forms = needed.filter((category) => locale.has(`${base}_${category}`));
    const superfluous = PLURAL_CATEGORIES.filter((category) => !needed.includes(category) && locale.has(`${base}_${category}`));
    if (forms.length === 0 && superfluous.length === 0) {
      missing(base, english.get(`${base}_other`)!.file);
      continue;
    }
    const lacking = needed.filter((category) => !forms.includes(category));
    if (lacking.length > 0) findings.push(error('pluralMissing', { key: base, categories: lacking, needed }));
    if (superfluous.length > 0) findings.push(error('pluralExtra', { key: base, categories: superfluous, needed }));
    findings.push(...comparePluralPlaceholders(base, english, locale, [...forms, ...superfluous]));
  }
  for (const [file, count] of missingFromFile) findings.push(error('missingFile', { file, count }));
  for (const [key, { file }] of locale) {
    if (!english.has(key) && !isPluralForm(key)) findings.push(error('extraKey', { key, file }));
  }
  return findings;
}

function compareValues(key: string, english: unknown, translated: unknown): Finding[] {
  if (Array.isArray(english)) {
    if (!Array.isArray(translated)) return [error('listExpected', { key })];
    if (isWordList(key)) return translated.length === 0 ? [error('emptyWordList', { key })] : [];
    const findings = translated.length === english.length ? [] : [error('arrayLength', { key, count: english.length, here: translated.length })];
    // Line by line, as far as both go.
    for (let index = 0; index < Math.min(english.length, translated.length); index += 1) {
      findings.push(...comparePlaceholders(`${key}.${index}`, english[index], translated[index]));
    }
    return findings;
  }
  if (typeof english === 'string') {
    if (typeof translated !== 'string') return [error('textExpected', { key })];
    return comparePlaceholders(key, english, translated);
  }
  return [];
}

function comparePlaceholders(key: string, english: unknown, translated: unknown): Finding[] {
  if (typeof english !== 'string' || typeof translated !== 'string') return [];
  const expected = placeholdersIn(english);
  const found = placeholdersIn(translated);
  return sameSet(expected, found) ? [] : [error('placeholders', { key, english: expected, here: found })];
}

/**
 * Each plural form must carry English's placeholders; `{{count}}` may be left out where the word alone says
 * the number (Polish "jeden", Arabic's dual), and no form may bring a placeholder English does not have.
 */
function comparePluralPlaceholders(base: string, english: Flat, locale: Flat, categories: readonly string[]): Finding[] {
  const expected = [...new Set([...english.keys()].filter((key) => PLURAL_FORM.exec(key)?.[1] === base).flatMap((key) => placeholdersIn(String(english.get(key)!.value))))].sort();
  const findings: Finding[] = [];
  for (const category of categories) {
    const key = `${base}_${category}`;
    const value = locale.get(key)!.value;
    if (typeof value !== 'string') {
      findings.push(error('textExpected', { key }));
      continue;
    }
    const found = placeholdersIn(value);
    const required = expected.filter((name) => name !== 'count' || !COUNT_OPTIONAL_IN.has(category));
    if (!required.every((name) => found.includes(name)) || !found.every((name) => expected.includes(name))) {
      findings.push(error('placeholders', { key, english: expected, here: found }));
    }
  }
  return findings;
}

/** `{{name}}`, `{{- name}}` and `{{value, format}}` all name one placeholder. */
export function placeholdersIn(text: string): string[] {
  const names = [...text.matchAll(/\{\{\s*-?\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1]);
  return [...new Set(names)].sort();
}

/**
 * Lists of what a person might type for a thing (any length, but never empty): keys under `words.`, or
 * whose last part ends in `Words` or `_synonyms`, or is `words`.
 */
export function isWordList(key: string): boolean {
  const last = key.split('.').at(-1) ?? '';
  return key.startsWith('words.') || last === 'words' || last.endsWith('Words') || last.endsWith('_synonyms');
}

/** Everything but the web page, the agency's page, the terminal and word lists may reach a person by text. */
function canBeTexted(key: string): boolean {
  return !SCREEN_ONLY_PREFIXES.some((prefix) => key.startsWith(prefix)) && !isWordList(key);
}

interface TextToSend {
  key: string;
  text: string;
}

/** Each text a person can receive, as it would be sent: the service's name put in, other placeholders as letters. */
function textsToSend(flat: Flat, service: string): TextToSend[] {
  const texts: TextToSend[] = [];
  for (const [key, { value }] of flat) {
    if (!canBeTexted(key)) continue;
    const lines = typeof value === 'string' ? [{ key, text: value }] : Array.isArray(value) ? value.map((line, index) => ({ key: `${key}.${index}`, text: line })) : [];
    for (const line of lines) if (typeof line.text === 'string') texts.push({ key: line.key, text: asSent(line.text, service) });
  }
  return texts;
}

function asSent(text: string, service: string): string {
  return text.replace(/\{\{\s*-?\s*([^},]+?)\s*(?:,[^}]*)?\}\}/g, (_whole, name: string) => (name === 'serviceName' ? service : 'x'.repeat(PLACEHOLDER_STAND_IN_LETTERS)));
}

function smsSize({ key, text }: TextToSend): TextSmsSize {
  const { encoding, segments } = smsSegments(text);
  return { key, encoding, segments, messages: splitForTextMessages(text).length };
}

/** A sentence that alone is more than one message can carry would reach the person cut at a comma or a space. */
function sentencesTooLong({ key, text }: TextToSend): Finding[] {
  return sentencesOf(text)
    .filter((sentence) => !fitsOneTextMessage(sentence))
    .map((sentence) => {
      const { encoding, segments } = smsSegments(sentence);
      return error('sentenceTooLongForSms', { key, encoding, segments, max: SMS_MAX_SEGMENTS, beginning: Array.from(sentence).slice(0, 40).join('') });
    });
}

function serviceName(flat: Flat): string | undefined {
  const value = flat.get('service.name')?.value;
  return typeof value === 'string' ? value : undefined;
}

/** Every file's keys as dotted paths (arrays are values), merged in the files' order (by name, as bot/i18n.ts merges them). */
function flatten(files: ReadonlyMap<string, unknown>): Flat {
  const flat: Flat = new Map();
  const visit = (value: unknown, path: string, file: string): void => {
    if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, path ? `${path}.${key}` : key, file);
    } else {
      flat.set(path, { value, file });
    }
  };
  for (const [file, tree] of files) visit(tree, '', file);
  return flat;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item) => b.includes(item));
}

function error(kind: FindingKind, values: Finding['values']): Finding {
  return { severity: 'error', kind, values };
}

function warning(kind: FindingKind, values: Finding['values']): Finding {
  return { severity: 'warning', kind, values };
}
