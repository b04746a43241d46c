import { describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS_DIR, SEALED_DIR, corpusFiles, loadCrisisRules, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { figuresOf } from '../../domain/crisis/crisisEvaluation.js';
import { CORPUS_LANGUAGES, CRISIS_KINDS, DEFAULT_TRAINING, fitModel } from '../../domain/crisis/crisisTraining.js';
import { loadCrisisDetector } from '../../bot/crisisDetection.js';

/**
 * The crisis check's data, as the bot reads it at start-up, and its figures on the last sealed batch,
 * read exactly as the bot reads a message. Speed is measured by `npm run bench`, never here.
 */
const training = readCorpus(corpusFiles(CORPUS_DIR));
const sealed = readCorpus(corpusFiles(SEALED_DIR));

describe('language data', () => {
  it('every language we read has its cues, and they load', () => {
    expect([...loadCrisisRules().keys()].sort()).toEqual(expect.arrayContaining(['en', 'pl']));
  });

  it('a broken cue file stops start-up, naming the file and the exact place', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crisis-rules-'));
    await mkdir(join(dir, 'en'));
    await writeFile(join(dir, 'en', 'rules.json'), JSON.stringify({ language: 'en', signals: [{ signal: 'suicide', strength: 'strong', pattern: '(unclosed', why: 'test' }] }));
    expect(() => loadCrisisRules(dir)).toThrow(/en[\\/]rules\.json[\s\S]*signals\.0\.pattern: not a valid regular expression/);
  });

  it('a bad corpus line is reported as file:line, and nothing is half-read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'crisis-corpus-'));
    const file = join(dir, 'xx.1.tsv');
    await writeFile(file, 'label\tlang\tkind\ttext\ncrisis\ten\tsuicidal-direct\ti want to die\ncrisis\ten\tidiom\tthis form is killing me\n');
    expect(() => readCorpus([file])).toThrow(/xx\.1\.tsv:3: kind: "idiom" is not a kind of crisis/);
  });
});

describe('the corpus', () => {
  it('is big enough to generalise: 6,000+ messages, 2,500+ English, 350+ in each other language', () => {
    expect(training.length).toBeGreaterThanOrEqual(6000);
    for (const lang of CORPUS_LANGUAGES) {
      expect({ lang, enough: training.filter((m) => m.lang === lang).length >= (lang === 'en' ? 2500 : 350) }).toEqual({ lang, enough: true });
    }
  });

  it('has every crisis kind and every hard-negative kind in every language', () => {
    const missing: string[] = [];
    for (const lang of CORPUS_LANGUAGES) {
      for (const kind of [...CRISIS_KINDS.crisis, ...CRISIS_KINDS.none]) {
        if (!training.some((m) => m.lang === lang && m.kind === kind)) missing.push(`${lang} ${kind}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('never trains on a sealed message', () => {
    const fold = (text: string) => text.toLowerCase().split(/\s+/).join(' ');
    const trained = new Set(training.map((m) => fold(m.text)));
    expect(sealed.filter((m) => trained.has(fold(m.text))).map((m) => m.text)).toEqual([]);
  });
});

describe('training', () => {
  it('is deterministic: the same corpus gives the same weights', () => {
    const sample = training.filter((_, i) => i % 20 === 0);
    const options = { ...DEFAULT_TRAINING, epochs: 2 };
    expect(fitModel(sample, options).help.weights).toEqual(fitModel(sample, options).help.weights);
  });
});

describe('the committed model on the last sealed batch (never trained on), as the bot reads it', () => {
  const detector = loadCrisisDetector();
  const judged = sealed.map((message) => ({ message, level: detector.assess(message.text).level }));

  // The goal of issue 7, asserted on the last sealed batch (data/crisis/sealed/FIGURES.md records its first
  // measurement): a retrain that loses recall or raises false alarms past the goal fails here.
  it('offers help on at least 97% of crisis messages, signposts at most 3% and asks at most 10% of the rest', () => {
    const all = figuresOf(judged);
    expect(all.crisis).toBeGreaterThan(400);
    expect(all.helpOffered / all.crisis).toBeGreaterThanOrEqual(0.97);
    expect(all.falseSignposts / all.none).toBeLessThanOrEqual(0.03);
    expect(all.falseHelp / all.none).toBeLessThanOrEqual(0.1);
  });

  it.each(CORPUS_LANGUAGES.map((lang) => [lang]))('offers help on at least 90%% of crisis messages in %s', (lang) => {
    const figures = figuresOf(judged.filter((j) => j.message.lang === lang));
    expect(figures.crisis).toBeGreaterThan(30);
    expect(figures.helpOffered / figures.crisis).toBeGreaterThanOrEqual(0.9);
  });

  it('sees a risk buried in the middle of a long message', () => {
    const filler = 'I have been on the housing list since March and universal credit was cut again. ';
    const message = `${filler.repeat(6)}I took all my tablets about twenty minutes ago. ${filler.repeat(6)}`;
    expect(detector.assess(message).level).not.toBe('none');
  });
});
