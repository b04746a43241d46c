import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { projectRoot } from '../data/paths.js';
import { localeCodes, readLocaleFolder, type LocaleFolder } from '../data/localeFiles.js';
import { META_FILE, localeMetaSchema, type LocaleMeta } from '../domain/localeMeta.js';
import type { z } from 'zod';
import { describeIssue } from './schemaIssues.js';

export const DEFAULT_LOCALE = 'en';
export const LOCALES_DIR = join(projectRoot(), 'locales');

export interface Translations {
  /** A translator fixed to one locale: never a global language switch, since turns interleave. */
  forLocale(locale: string | undefined): TFunction;
  /** The best supported conversation language for what a channel says (`en-GB` → `en`). */
  resolveLocale(requested: string | undefined): string;
  /** Languages the whole conversation speaks (a folder with `translation.json`). */
  readonly languages: readonly string[];
  /**
   * Every language with any copy, including those so far translated only in part (crisis signposting
   * and the words for help right now): signposting follows the language a message is written in.
   */
  readonly someCopyIn: readonly string[];
  /**
   * What a language's meta.json says about it (its name in itself and in English, `ltr` or `rtl`, the
   * review status), for the language we have some copy in that is nearest what is asked (else English).
   */
  meta(locale: string | undefined): LocaleMeta;
}

/** A locale file the app cannot use: the message names the file and what is wrong (operator copy). */
export class LocaleFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LocaleFileError';
  }
}

/**
 * Loads every JSON file in each `locales/<language>/` folder into that language's one namespace,
 * so the conversation's copy and the question bank's copy can live in separate files.
 */
export async function loadTranslations(localesDir = LOCALES_DIR): Promise<Translations> {
  return loadTranslationsSync(localesDir);
}

/**
 * English copy for the operator (start-up lines, configuration errors, the CLIs), read at once: a
 * configuration error is told before, or without, the app that loads translations. Only the English folder
 * is read, and its meta.json is not checked, so the copy is there to tell what is wrong with any other file.
 */
export function operatorCopy(localesDir = LOCALES_DIR): TFunction {
  const english = readLocaleFolder(localesDir, DEFAULT_LOCALE);
  return createI18n(resourcesOf([english]), [DEFAULT_LOCALE]).getFixedT(DEFAULT_LOCALE);
}

/**
 * The same as `loadTranslations`, at once: the resources are all in memory, so i18next needs no waiting.
 * Every folder's files must be valid JSON and its meta.json valid, or this throws a `LocaleFileError`
 * naming the file.
 */
export function loadTranslationsSync(localesDir = LOCALES_DIR): Translations {
  const someCopyIn = localeCodes(localesDir);
  const folders = someCopyIn.map((code) => readLocaleFolder(localesDir, code));
  const languages = folders.filter((folder) => folder.files.has('translation.json')).map((folder) => folder.code);
  const instance = createI18n(resourcesOf(folders), someCopyIn);
  const metas = metasOf(folders, instance.getFixedT(DEFAULT_LOCALE));
  const resolveLocale = (requested: string | undefined): string => {
    const base = (requested ?? '').toLowerCase().split(/[-_]/)[0];
    return languages.includes(base) ? base : DEFAULT_LOCALE;
  };
  const withSomeCopy = (requested: string | undefined): string => {
    const base = (requested ?? '').toLowerCase().split(/[-_]/)[0];
    return someCopyIn.includes(base) ? base : DEFAULT_LOCALE;
  };
  return {
    forLocale: (locale) => instance.getFixedT(withSomeCopy(locale)),
    resolveLocale,
    languages,
    someCopyIn,
    meta: (locale) => metas.get(withSomeCopy(locale))!,
  };
}

/** Each folder's JSON files merged into its one namespace (meta.json describes the locale; it is not copy). */
function resourcesOf(folders: readonly LocaleFolder[]): Record<string, { translation: Record<string, unknown> }> {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  for (const folder of folders) {
    const merged: Record<string, unknown> = {};
    for (const [name, content] of folder.files) if (name !== META_FILE && isPlainObject(content)) deepMerge(merged, content);
    resources[folder.code] = { translation: merged };
  }
  return resources;
}

function createI18n(resources: Record<string, { translation: Record<string, unknown> }>, someCopyIn: readonly string[]): typeof i18next {
  const instance = i18next.createInstance();
  void instance.init({
    // Resources are given inline, so with initAsync off the instance is ready when init returns.
    initAsync: false,
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...someCopyIn],
    // The service's own name is a default every sentence can use; on SMS a person may choose a neutral one.
    interpolation: { escapeValue: false, defaultVariables: { serviceName: serviceNameIn(resources[DEFAULT_LOCALE]?.translation) } },
    returnNull: false,
  });
  return instance;
}

/** Every folder's meta.json, validated; the first file that is not valid JSON or not a valid meta.json stops start-up. */
function metasOf(folders: readonly LocaleFolder[], t: TFunction): Map<string, LocaleMeta> {
  const metas = new Map<string, LocaleMeta>();
  for (const folder of folders) {
    const file = join(folder.path, META_FILE);
    if (folder.notJson.length > 0) throw new LocaleFileError(t('operator.locales.notJson', { file: join(folder.path, folder.notJson[0]) }));
    if (!folder.files.has(META_FILE)) throw new LocaleFileError(t('operator.locales.metaMissing', { file }));
    const parsed = localeMetaSchema.safeParse(folder.files.get(META_FILE));
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => metaProblem(issue, t));
      throw new LocaleFileError(`${t('operator.locales.metaInvalid', { file })}\n  ${problems.join('\n  ')}`);
    }
    metas.set(folder.code, parsed.data);
  }
  return metas;
}

/** One thing wrong in a meta.json, as `field: rule`, or the rule alone for the whole file (never the value found). */
export function metaProblem(issue: z.core.$ZodIssue, t: TFunction): string {
  const rule = issue.code === 'unrecognized_keys' ? t('operator.locales.unknownFields', { fields: issue.keys.join(', ') }) : describeIssue(issue, t);
  return issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${rule}` : rule;
}

function serviceNameIn(translation: Record<string, unknown> | undefined): string {
  const service = translation?.service as { name?: unknown } | undefined;
  return typeof service?.name === 'string' ? service.name : 'One Story';
}

function deepMerge(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) deepMerge(existing, value);
    else target[key] = value;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
