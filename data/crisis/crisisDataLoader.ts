import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ZodError } from 'zod';
import { CrisisModelSchema, type CrisisModel, type CrisisWeights } from '../../domain/crisis/crisisClassifier.js';
import { LabelledMessageSchema, type LabelledMessage } from '../../domain/crisis/crisisTraining.js';
import { parseCrisisRules } from '../../domain/crisis/ruleSchema.js';
import type { CrisisPatternSet } from '../../domain/crisis/types.js';
import { projectRoot } from '../paths.js';
import { readCompiledCrisisModel, writeCompiledCrisisModel } from './compiledCrisisModel.js';

/**
 * The crisis check's data, read and validated once at start-up: each language's cues
 * (`data/crisis/<lang>/rules.json`), the trained model (`data/crisis/model.json`) and, for training and
 * evaluation only, the labelled corpus (`data/crisis/corpus/*.tsv`, `data/crisis/sealed/*.tsv`).
 * A mistake stops start-up with the file and the exact place.
 */
export const CRISIS_DATA_DIR = join(projectRoot(), 'data', 'crisis');
export const CRISIS_MODEL_PATH = join(CRISIS_DATA_DIR, 'model.json');
/**
 * The model compiled for start-up (data/crisis/compiledCrisisModel.ts), beside this module: `npm run build`
 * writes `dist/data/crisis/model.lookup` for the compiled server; run from the sources, there is none.
 */
export const COMPILED_CRISIS_MODEL_PATH = join(dirname(fileURLToPath(import.meta.url)), 'model.lookup');
export const CORPUS_DIR = join(CRISIS_DATA_DIR, 'corpus');
export const SEALED_DIR = join(CRISIS_DATA_DIR, 'sealed');

const CORPUS_HEADER = 'label\tlang\tkind\ttext';

function describe(error: ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`).join('\n  ');
}

/** Every language folder with a `rules.json`, parsed: language code → cues. */
export function loadCrisisRules(dir = CRISIS_DATA_DIR): Map<string, CrisisPatternSet> {
  const sets = new Map<string, CrisisPatternSet>();
  const folders = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory() && /^[a-z]{2,3}$/.test(entry.name));
  for (const folder of folders) {
    const path = join(dir, folder.name, 'rules.json');
    if (!existsSync(path)) continue;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new Error(`the crisis cues at ${path} are not valid JSON (${(error as Error).name})`);
    }
    try {
      sets.set(folder.name, parseCrisisRules(json));
    } catch (error) {
      throw new Error(`the crisis cues at ${path} are not valid:\n  ${describe(error as ZodError)}`);
    }
  }
  if (!sets.has('en')) throw new Error(`no English crisis cues found at ${join(dir, 'en', 'rules.json')}`);
  return sets;
}

/** The trained classifier written by `npm run crisis:train`. */
export function loadCrisisModel(path = CRISIS_MODEL_PATH): CrisisModel {
  if (!existsSync(path)) throw new Error(`the crisis model is missing at ${path}: run npm run crisis:train`);
  const parsed = CrisisModelSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`the crisis model at ${path} is not valid:\n  ${describe(parsed.error)}`);
  return parsed.data;
}

/**
 * The compiled model when it was made from model.json as it is now (validated; a damaged one stops
 * start-up); undefined when there is none or it is out of date, and model.json is to be read instead.
 */
export function loadCompiledCrisisModel(path = COMPILED_CRISIS_MODEL_PATH, sourcePath = CRISIS_MODEL_PATH): CrisisWeights | undefined {
  return readCompiledCrisisModel(path, sourcePath);
}

/** Compiles model.json (validated first) for start-up: `npm run build`, and `npm run crisis:train` after training. */
export function compileCrisisModelFile(path = COMPILED_CRISIS_MODEL_PATH, sourcePath = CRISIS_MODEL_PATH): void {
  writeCompiledCrisisModel(loadCrisisModel(sourcePath), sourcePath, path);
}

/** The `.tsv` files of a corpus folder, sorted by name. */
export function corpusFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.tsv'))
    .sort()
    .map((name) => join(dir, name));
}

/** Reads corpus files; every line is validated and a bad one is reported as `file:line`. */
export function readCorpus(files: readonly string[]): LabelledMessage[] {
  const messages: LabelledMessage[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split(/\r?\n/);
    if (lines[0] !== CORPUS_HEADER) problems.push(`${file}:1: the header must be "${CORPUS_HEADER.replace(/\t/g, '<TAB>')}"`);
    lines.slice(1).forEach((line, i) => {
      if (line.trim() === '') return;
      const fields = line.split('\t');
      const where = `${basename(file)}:${i + 2}`;
      if (fields.length !== 4) {
        problems.push(`${where}: expected 4 tab-separated fields, found ${fields.length}`);
        return;
      }
      const [label, lang, kind, text] = fields;
      const parsed = LabelledMessageSchema.safeParse({ label, lang, kind, text, source: basename(file) });
      if (parsed.success) messages.push(parsed.data);
      else problems.push(`${where}: ${describe(parsed.error)}`);
    });
  }
  if (problems.length > 0) throw new Error(`the crisis corpus has ${problems.length} bad line(s):\n  ${problems.slice(0, 20).join('\n  ')}`);
  return messages;
}
