import { basename } from 'node:path';
import { CrisisClassifier } from '../../domain/crisis/crisisClassifier.js';
import { CrisisDetector } from '../../domain/crisis/crisisDetector.js';
import { figuresBy, figuresTable, type Judged } from '../../domain/crisis/crisisEvaluation.js';
import { DEFAULT_TRAINING, crossValidate } from '../../domain/crisis/crisisTraining.js';
import { CORPUS_DIR, SEALED_DIR, corpusFiles, loadCrisisModel, loadCrisisRules, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { languageIdentifier } from '../languageIdentification.js';
import { levelWithRules } from './crisisFigures.js';

/**
 * `npm run crisis:eval [-- --no-cv]`: the crisis check's figures, per language and per kind.
 * 1. Each sealed batch (data/crisis/sealed/<lang>.<batch>.tsv), read by the detector exactly as the bot
 *    runs it (language identified from the text, classifier and rules). The last batch is the honest figure.
 * 2. Cross-validated on the training corpus (each message scored by a model that never saw it).
 */
function main(args: string[]): void {
  const rules = loadCrisisRules();
  const model = loadCrisisModel();
  const classifier = new CrisisClassifier(model);
  const detector = new CrisisDetector(classifier, rules, languageIdentifier());
  process.stdout.write(`Model trained on ${model.trainedOn.messages} messages at ${model.trainedOn.at}; thresholds signpost ${model.signpost.threshold}, help ${model.help.threshold}\n\n`);

  const batches = new Map<string, string[]>();
  for (const file of corpusFiles(SEALED_DIR)) {
    const batch = /^[^.]+\.(\d+)/.exec(basename(file))?.[1] ?? '?';
    batches.set(batch, [...(batches.get(batch) ?? []), file]);
  }
  for (const [batch, files] of [...batches].sort(([a], [b]) => Number(a) - Number(b))) {
    const judged: Judged[] = readCorpus(files).map((message) => ({ message, level: detector.assess(message.text).level }));
    process.stdout.write(figuresTable(`Sealed batch ${batch} (${judged.length} messages), by language`, figuresBy(judged, (m) => m.lang)) + '\n\n');
    process.stdout.write(figuresTable(`Sealed batch ${batch}, by kind`, figuresBy(judged, (m) => `${m.label} ${m.kind}`)) + '\n\n');
  }
  if (args.includes('--no-cv')) return;
  const messages = readCorpus(corpusFiles(CORPUS_DIR));
  const judged = crossValidate(messages, DEFAULT_TRAINING).map((s) => ({ message: s.message, level: levelWithRules(classifier.level(s), s.message, rules) }));
  process.stdout.write(figuresTable(`Training corpus, ${DEFAULT_TRAINING.folds}-fold cross-validated (${messages.length} messages), by language`, figuresBy(judged, (m) => m.lang)) + '\n\n');
  process.stdout.write(figuresTable('Training corpus, cross-validated, by kind', figuresBy(judged, (m) => `${m.label} ${m.kind}`)) + '\n');
}

main(process.argv.slice(2));
