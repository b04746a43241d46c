import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as EldLarge from 'eld/large';
import type * as CompiledLanguageData from '../../bot/compiledLanguageData.js';
import { CORPUS_DIR, SEALED_DIR, corpusFiles, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { projectRoot } from '../../data/paths.js';
import { ensureServerCompiled } from '../crash/compiledServer.js';
import { worker } from '../setup/workerShared/worker.js';

/**
 * The language identifier as the compiled server runs it: eld's own detector over the n-grams `npm run
 * build` compiled (dist/bot/eld-large.lookup, bot/compiledLanguageData.ts). It reads every message as
 * `eld/large` does; after an update of eld it is not used; a damaged one stops start-up.
 * The compiled module is imported by Node itself, as the server imports it.
 */
let compiled: typeof CompiledLanguageData;
/** The package's own, imported by Node itself (not test/setup/workerShared/eldLarge.ts, which may be the compiled one). */
let eld: typeof EldLarge.eld;
let folder: string;

beforeAll(async () => {
  await ensureServerCompiled();
  compiled = await worker.importOnce<typeof CompiledLanguageData>(pathToFileURL(join(projectRoot(), 'dist', 'bot', 'compiledLanguageData.js')).href);
  ({ eld } = await worker.importOnce<typeof EldLarge>('eld/large'));
  folder = await mkdtemp(join(tmpdir(), 'eld-lookup-'));
}, 240_000);

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the compiled language data', () => {
  it('reads messages of every language as eld/large does: the same language, reliability and scores', async () => {
    const fromLookup = (await compiled.loadCompiledLanguageData())!;
    expect(fromLookup).toBeDefined();
    // Every 10th message of the corpus and the sealed batches, and short and odd ones.
    const texts = readCorpus([...corpusFiles(CORPUS_DIR), ...corpusFiles(SEALED_DIR)])
      .filter((_message, i) => i % 10 === 0)
      .map((message) => message.text);
    texts.push('yes', 'tak', 'taip', 'jā', 'نعم', 'ہاں', '', '   ', '12345', 'ok ok ok', 'Ça va? Très bien, merci!', '東京に行きたい', 'constructor __proto__ toString');
    const read = (detector: typeof eld) =>
      texts.map((text) => {
        const result = detector.detect(text);
        return { text, language: result.language, reliable: result.isReliable(), scores: result.getScores() };
      });
    expect(fromLookup).not.toBe(eld);
    expect(read(fromLookup)).toEqual(read(eld));
  });

  it('is not used when made from another version of eld, and a damaged one stops start-up, naming the file', async () => {
    const bytes = await readFile(compiled.COMPILED_LANGUAGE_DATA_PATH);
    const headerEnd = 4 + bytes.readUInt32LE(0);
    const header = bytes.subarray(4, headerEnd).toString('utf8');
    const sourceSha256 = (JSON.parse(header) as { sourceSha256: string }).sourceSha256;

    // Made from other n-grams, or for another version of eld's detector (the same n-grams): not used.
    const [ngramsSha256, detectorSha256] = sourceSha256.split(':');
    for (const other of [`${'0'.repeat(64)}:${detectorSha256}`, `${ngramsSha256}:${'0'.repeat(64)}`]) {
      const otherVersion = join(folder, 'other-version.lookup');
      await writeFile(otherVersion, Buffer.concat([bytes.subarray(0, 4), Buffer.from(header.replace(sourceSha256, other)), bytes.subarray(headerEnd)]));
      expect(await compiled.loadCompiledLanguageData(otherVersion)).toBeUndefined();
    }

    const damaged = join(folder, 'damaged.lookup');
    const changed = Buffer.from(bytes);
    changed[headerEnd + 64] ^= 1;
    await writeFile(damaged, changed);
    await expect(compiled.loadCompiledLanguageData(damaged)).rejects.toThrow(/damaged\.lookup is not valid \(checksum\)/);
    expect(await compiled.loadCompiledLanguageData(join(folder, 'none.lookup'))).toBeUndefined();
  });
});
