import { existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as EldLarge from 'eld/large';
import { FeatureTable, buildFeatureTable } from '../domain/crisis/featureTable.js';
import { readPackedArrays, sha256OfFile, writePackedArrays } from '../data/packedArrays.js';

/**
 * The language identifier's n-grams compiled for start-up. `eld/large` is 4.5 MB of JavaScript: one object
 * literal of 245,000 n-grams, each an object of language scores. Compiling and running it takes over a
 * second of CPU and 140 MB of heap at every start. `npm run build` writes the same data as flat arrays
 * (`dist/bot/eld-large.lookup`, data/packedArrays.ts): the n-grams in the hash table of
 * domain/crisis/featureTable.ts, and each one's language scores. The server gives eld's own detector
 * (the package's, unchanged) those n-grams through a lookup that reads the arrays, so it reads every
 * message exactly as `eld/large` does.
 *
 * It records the SHA-256 of the package's n-gram file: after an update of `eld` it is not used (and
 * `eld/large` is loaded as before) until the next build. A damaged one stops start-up, naming the file.
 */

export const COMPILED_LANGUAGE_DATA_PATH = join(dirname(fileURLToPath(import.meta.url)), 'eld-large.lookup');

const FORMAT = 'one-story-eld-lookup/1';

type Eld = typeof EldLarge.eld;

interface NgramsData {
  type: string;
  languages: Record<string, string>;
  ngrams: Record<string, Record<string, number>>;
}

/** eld's own files, beside its `eld/large` entry (the package exports only its entries). */
function eldFile(relativePath: string): URL {
  return new URL(relativePath, import.meta.resolve('eld/large'));
}
const NGRAMS_FILE = () => eldFile('../ngrams/large.js');
const DETECTOR_FILE = () => eldFile('../languageDetector.js');

/**
 * What the compiled data was made for: eld's n-gram file and the internal detector it is handed to (an eld
 * update that changes either is not trusted with an old compilation).
 */
function sourceFingerprint(): string {
  return `${sha256OfFile(fileURLToPath(NGRAMS_FILE()))}:${sha256OfFile(fileURLToPath(DETECTOR_FILE()))}`;
}

/** Messages whose language any working detector tells: checked before the compiled data is trusted. */
const KNOWN_MESSAGES: ReadonlyArray<[string, string]> = [
  ['I have nowhere to sleep tonight and I am scared', 'en'],
  ['Nie mam gdzie dziś spać i bardzo się boję', 'pl'],
  ['Nu am unde să dorm în noaptea asta și mi-e frică', 'ro'],
];

/**
 * Compiles eld's large n-grams to `path`. An eld whose files lie elsewhere gets none (and any old one is
 * removed): the server then loads `eld/large` as before.
 */
export async function compileLanguageData(path = COMPILED_LANGUAGE_DATA_PATH): Promise<void> {
  if (!existsSync(fileURLToPath(NGRAMS_FILE())) || !existsSync(fileURLToPath(DETECTOR_FILE()))) {
    rmSync(path, { force: true });
    return;
  }
  const { ngramsData } = (await import(NGRAMS_FILE().href)) as { ngramsData: NgramsData };
  const keys = Object.keys(ngramsData.ngrams);
  const table = buildFeatureTable(keys);
  const scoresAt = new Uint32Array(keys.length + 1);
  const languages: number[] = [];
  const scores: number[] = [];
  keys.forEach((key, i) => {
    scoresAt[i] = languages.length;
    for (const [language, score] of Object.entries(ngramsData.ngrams[key])) {
      if (!Number.isInteger(score) || score < 0 || score > 0xffff) throw new Error(`eld's n-gram ${JSON.stringify(key)} has a score the compiled form cannot hold`);
      languages.push(Number(language));
      scores.push(score);
    }
  });
  scoresAt[keys.length] = languages.length;
  const header = { format: FORMAT, sourceSha256: sourceFingerprint(), type: ngramsData.type, languages: ngramsData.languages, ngrams: keys.length, slots: table.slots.length, units: table.units.length, scores: scores.length };
  writePackedArrays(path, header, [table.offsets, table.slots, table.units, scoresAt, Uint8Array.from(languages), Uint16Array.from(scores)]);
}

/**
 * eld's detector over the compiled n-grams at `path`, when they were made from the installed package's;
 * undefined when there are none or they were made from another version. Throws when they are damaged.
 */
export async function loadCompiledLanguageData(path = COMPILED_LANGUAGE_DATA_PATH): Promise<Eld | undefined> {
  if (!existsSync(path) || !existsSync(fileURLToPath(NGRAMS_FILE())) || !existsSync(fileURLToPath(DETECTOR_FILE()))) return undefined;
  const invalid = (why: string) => new Error(`the compiled language data at ${path} is not valid (${why}): run npm run build`);
  const packed = readPackedArrays(path, invalid);
  const header = packed.header as { format: string; sourceSha256: string; type: string; languages: Record<string, string>; ngrams: number; slots: number; units: number; scores: number };
  if (header.format !== FORMAT) throw invalid('format');
  if (header.sourceSha256 !== sourceFingerprint()) return undefined;
  const views = packed.arrays();
  const expected = [(header.ngrams + 1) * 4, header.slots * 4, header.units * 2, (header.ngrams + 1) * 4, header.scores, header.scores * 2];
  if (views.length !== expected.length || views.some((view, i) => view.byteLength !== expected[i])) throw invalid('array lengths');
  const [offsets, slots, units, at, languages, scores] = views;
  const table = new FeatureTable({
    offsets: new Uint32Array(offsets.buffer, offsets.byteOffset, header.ngrams + 1),
    slots: new Int32Array(slots.buffer, slots.byteOffset, header.slots),
    units: new Uint16Array(units.buffer, units.byteOffset, header.units),
  });
  const scoresAt = new Uint32Array(at.buffer, at.byteOffset, header.ngrams + 1);
  const languageOf = new Uint8Array(languages.buffer, languages.byteOffset, header.scores);
  const scoreOf = new Uint16Array(scores.buffer, scores.byteOffset, header.scores);
  const languageCount = Object.keys(header.languages).length;
  const problems = table.problems(header.ngrams);
  if (scoresAt[0] !== 0 || scoresAt[header.ngrams] !== header.scores) problems.push('score offsets do not span the scores');
  for (let i = 0; i < header.ngrams && problems.length === 0; i += 1) if (scoresAt[i + 1] < scoresAt[i]) problems.push(`score offsets out of order at ${i}`);
  if (languageOf.some((language) => language >= languageCount)) problems.push('a score for an unknown language');
  if (problems.length > 0) throw invalid(problems.join('; '));

  // What eld reads as `ngrams[ngram]`: that n-gram's scores by language index, as in eld/large.
  const ngrams = new Proxy(Object.create(null) as Record<string, Record<number, number>>, {
    get(_target, ngram) {
      const i = typeof ngram === 'string' ? table.indexOf(ngram) : undefined;
      if (i === undefined) return undefined;
      const byLanguage: Record<number, number> = {};
      for (let j = scoresAt[i]; j < scoresAt[i + 1]; j += 1) byLanguage[languageOf[j]] = scoreOf[j];
      return byLanguage;
    },
  });
  // eld's internal hook: should it ever not work as it did, the server does without the compiled data.
  try {
    const { createEld } = (await import(DETECTOR_FILE().href)) as { createEld(): { instance: Eld; loadData(data: object): unknown } };
    const { instance, loadData } = createEld();
    loadData({ type: header.type, languages: header.languages, isSubset: false, ngrams });
    return KNOWN_MESSAGES.every(([text, language]) => instance.detect(text).language === language) ? instance : undefined;
  } catch {
    return undefined;
  }
}
