import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR, CRISIS_MODEL_PATH, SEALED_DIR, compileCrisisModelFile, corpusFiles, loadCompiledCrisisModel, loadCrisisModel, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { writeCompiledCrisisModel } from '../../data/crisis/compiledCrisisModel.js';
import { CrisisClassifier, type CrisisModel } from '../../domain/crisis/crisisClassifier.js';

/**
 * The crisis model as the compiled server reads it at start-up (`npm run build` compiles model.json to
 * dist/data/crisis/model.lookup): it scores every message exactly as the model read from model.json does,
 * it is not used once model.json has changed, and a damaged one stops start-up, naming the file.
 */
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'crisis-lookup-'));
});

afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A model small enough to damage by hand, saved as model.json is. */
async function smallModel(): Promise<{ source: string; lookup: string }> {
  const model: CrisisModel = {
    version: 1,
    trainedOn: { messages: 2, files: ['xx.1.tsv'], at: '2026-12-01T00:00:00.000Z' },
    features: ['w help', 'c hel', 'w żyć', 'x e me'],
    signpost: { bias: -2, weights: [1.5, 0.25, 2, -0.5], threshold: 0.6 },
    help: { bias: -1, weights: [2, 0.5, 1, 0.125], threshold: 0.4 },
  };
  const source = join(folder, `model-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(source, JSON.stringify(model) + '\n');
  const lookup = `${source}.lookup`;
  compileCrisisModelFile(lookup, source);
  return { source, lookup };
}

describe('the compiled crisis model', () => {
  it('scores messages of every language and kind exactly as model.json does', async () => {
    const lookup = join(folder, 'model.lookup');
    // The committed model as read from model.json (once per jest worker: test/setup/workerShared/).
    const model = loadCrisisModel();
    writeCompiledCrisisModel(model, CRISIS_MODEL_PATH, lookup);
    const compiled = loadCompiledCrisisModel(lookup, CRISIS_MODEL_PATH);
    expect(compiled).toBeDefined();
    const fromJson = new CrisisClassifier(model);
    const fromLookup = new CrisisClassifier(compiled!);
    // Every 20th message of the corpus and the sealed batches (each file holds every kind of its language).
    const messages = readCorpus([...corpusFiles(CORPUS_DIR), ...corpusFiles(SEALED_DIR)])
      .filter((_message, i) => i % 20 === 0)
      .map((message) => message.text);
    // A long message too, scored in windows, and one with words the model has never seen.
    messages.push(messages.slice(0, 40).join('. '), 'zzqx vvkw qqpl');
    const read = (classifier: CrisisClassifier) =>
      messages.map((text) => {
        const scores = classifier.score(text);
        return { scores, level: classifier.level(scores) };
      });
    expect(read(fromLookup)).toEqual(read(fromJson));
  });

  it('is not used once model.json has changed: the model is read from model.json instead', async () => {
    const { source, lookup } = await smallModel();
    expect(loadCompiledCrisisModel(lookup, source)).toBeDefined();
    const retrained = JSON.parse(await readFile(source, 'utf8')) as CrisisModel;
    retrained.signpost.threshold = 0.7;
    await writeFile(source, JSON.stringify(retrained) + '\n');
    expect(loadCompiledCrisisModel(lookup, source)).toBeUndefined();
    expect(loadCompiledCrisisModel(join(folder, 'none.lookup'), source)).toBeUndefined();
  });

  it('finds the same features and weights as the model it came from', async () => {
    const { source, lookup } = await smallModel();
    const compiled = loadCompiledCrisisModel(lookup, source)!;
    const model = loadCrisisModel(source);
    expect(model.features.map((feature) => compiled.indexOf(feature))).toEqual([0, 1, 2, 3]);
    expect(['w hel', 'w helpp', '', 'w zyc'].map((feature) => compiled.indexOf(feature))).toEqual([undefined, undefined, undefined, undefined]);
    expect([...compiled.signpost.weights as Float64Array]).toEqual(model.signpost.weights);
    expect([...compiled.help.weights as Float64Array]).toEqual(model.help.weights);
    expect(new CrisisClassifier(compiled).score('please help me, nie chcę żyć')).toEqual(new CrisisClassifier(model).score('please help me, nie chcę żyć'));
  });

  it.each([
    ['a changed byte', (bytes: Buffer) => (bytes[bytes.length - 3] ^= 1), /model-\w+\.json\.lookup is not valid \(checksum\)/],
    ['a cut-off end', (bytes: Buffer) => bytes.subarray(0, bytes.length - 8), /is not valid \(length\)/],
    ['a broken header', (bytes: Buffer) => (bytes[5] = 0x7b), /is not valid \(header/],
    // The header's figures are covered by the checksum too: a threshold changed by one digit would change who is signposted.
    ['a changed threshold', (bytes: Buffer) => changedThreshold(bytes), /is not valid \(checksum\)/],
  ])('stops start-up when damaged (%s), naming the file', async (_what, damage, message) => {
    const { source, lookup } = await smallModel();
    const bytes = await readFile(lookup);
    const damaged = damage(bytes);
    await writeFile(lookup, Buffer.isBuffer(damaged) ? damaged : bytes);
    expect(() => loadCompiledCrisisModel(lookup, source)).toThrow(message);
  });

  /** The file with the first `"threshold":0.` in its header changed to `"threshold":0.9…` (same length). */
  function changedThreshold(bytes: Buffer): Buffer {
    const at = bytes.indexOf('"threshold":0.');
    if (at < 0) throw new Error('no threshold in the header');
    const digit = at + '"threshold":0.'.length;
    bytes[digit] = bytes[digit] === 0x39 ? 0x38 : 0x39;
    return bytes;
  }

  it('is not written from a model.json that is not valid', async () => {
    const source = join(folder, 'invalid.json');
    await writeFile(source, JSON.stringify({ version: 1, features: ['w a'], signpost: { bias: 0, weights: [], threshold: 2 } }));
    expect(() => compileCrisisModelFile(join(folder, 'invalid.lookup'), source)).toThrow(/invalid\.json is not valid/);
  });
});
