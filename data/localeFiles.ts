import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One `locales/<language>/` folder as read from disk: every JSON file in it, parsed. */
export interface LocaleFolder {
  /** The folder's name: the language code (`pl`). */
  code: string;
  path: string;
  /** Each JSON file that parsed, by file name, in name order (the order they are merged in). */
  files: ReadonlyMap<string, unknown>;
  /** JSON files that could not be parsed, by name. */
  notJson: readonly string[];
}

/** The language folders under `localesDir`, in name order. */
export function localeCodes(localesDir: string): string[] {
  return readdirSync(localesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function readLocaleFolder(localesDir: string, code: string): LocaleFolder {
  const path = join(localesDir, code);
  const files = new Map<string, unknown>();
  const notJson: string[] = [];
  for (const name of readdirSync(path).filter((file) => file.endsWith('.json')).sort()) {
    try {
      files.set(name, JSON.parse(readFileSync(join(path, name), 'utf8')) as unknown);
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      notJson.push(name);
    }
  }
  return { code, path, files, notJson };
}

export function readLocaleFolders(localesDir: string, codes = localeCodes(localesDir)): LocaleFolder[] {
  return codes.map((code) => readLocaleFolder(localesDir, code));
}
