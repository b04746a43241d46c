import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { projectRoot } from '../data/paths.js';

export const DEFAULT_LOCALE = 'en';
export const LOCALES_DIR = join(projectRoot(), 'locales');
const META_FILE = 'meta.json';

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
 * configuration error is told before, or without, the app that loads translations.
 */
export function operatorCopy(localesDir = LOCALES_DIR): TFunction {
  return loadTranslationsSync(localesDir).forLocale(DEFAULT_LOCALE);
}

/** The same as `loadTranslations`, at once: the resources are all in memory, so i18next needs no waiting. */
export function loadTranslationsSync(localesDir = LOCALES_DIR): Translations {
  const resources: Record<string, { translation: Record<string, unknown> }> = {};
  const someCopyIn = readdirSync(localesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const languages = someCopyIn.filter((language) => existsSync(join(localesDir, language, 'translation.json')));
  for (const language of someCopyIn) {
    const folder = join(localesDir, language);
    const merged: Record<string, unknown> = {};
    // meta.json describes the locale (its name, direction, review status); it is not copy.
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json') && name !== META_FILE).sort()) {
      deepMerge(merged, JSON.parse(readFileSync(join(folder, file), 'utf8')) as Record<string, unknown>);
    }
    resources[language] = { translation: merged };
  }
  const instance = i18next.createInstance();
  void instance.init({
    // Resources are given inline, so with initAsync off the instance is ready when init returns.
    initAsync: false,
    resources,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: someCopyIn,
    // The service's own name is a default every sentence can use; on SMS a person may choose a neutral one.
    interpolation: { escapeValue: false, defaultVariables: { serviceName: serviceNameIn(resources[DEFAULT_LOCALE]?.translation) } },
    returnNull: false,
  });
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
  };
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
