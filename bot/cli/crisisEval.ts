import { basename } from 'node:path';
import { CrisisClassifier } from '../../domain/crisis/crisisClassifier.js';
import { CrisisDetector } from '../../domain/crisis/crisisDetector.js';
import { figuresBy, figuresTable, type Judged } from '../../domain/crisis/crisisEvaluation.js';
import { DEFAULT_TRAINING, crossValidate } from '../../domain/crisis/crisisTraining.js';
import { CORPUS_DIR, SEALED_DIR, corpusFiles, loadCrisisModel, loadCrisisRules, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { operatorCopy } from '../i18n.js';
import { languageIdentifier } from '../languageIdentification.js';
import { figureColumns, levelWithRules } from './crisisFigures.js';

/**
 * `npm run crisis:eval [-- --no-cv]`: the crisis check's figures, per language and per kind.
 * 1. Each sealed batch (data/crisis/sealed/<lang>.<batch>.tsv), read by the detector exactly as the bot
 *    runs it (language identified from the text, classifier and rules). The last batch is the honest figure.
 * 2. Cross-validated on the training corpus (each message scored by a model that never saw it).
 */
function main(args: string[]): void {
  const t = operatorCopy();
  const columns = figureColumns(t);
  const rules = loadCrisisRules();
  const model = loadCrisisModel();
  const classifier = new CrisisClassifier(model);
  const detector = new CrisisDetector(classifier, rules, languageIdentifier());
  const thresholds = { signpost: model.signpost.threshold, help: model.help.threshold };
  process.stdout.write(`${t('operator.crisis.modelTrainedOn', { messages: model.trainedOn.messages, at: model.trainedOn.at, ...thresholds })}\n\n`);

  const batches = new Map<string, string[]>();
  for (const file of corpusFiles(SEALED_DIR)) {
    const batch = /^[^.]+\.(\d+)/.exec(basename(file))?.[1] ?? '?';
    batches.set(batch, [...(batches.get(batch) ?? []), file]);
  }
  for (const [batch, files] of [...batches].sort(([a], [b]) => Number(a) - Number(b))) {
    const judged: Judged[] = readCorpus(files).map((message) => ({ message, level: detector.assess(message.text).level }));
    const byLanguage = t('operator.crisis.sealedByLanguage', { batch, messages: judged.length });
    process.stdout.write(figuresTable(byLanguage, figuresBy(judged, (m) => m.lang), columns) + '\n\n');
    process.stdout.write(figuresTable(t('operator.crisis.sealedByKind', { batch }), figuresBy(judged, (m) => `${m.label} ${m.kind}`), columns) + '\n\n');
  }
  if (args.includes('--no-cv')) return;
  const messages = readCorpus(corpusFiles(CORPUS_DIR));
  const judged = crossValidate(messages, DEFAULT_TRAINING).map((s) => ({ message: s.message, level: levelWithRules(classifier.level(s), s.message, rules) }));
  const byLanguage = t('operator.crisis.corpusByLanguage', { folds: DEFAULT_TRAINING.folds, messages: messages.length });
  process.stdout.write(figuresTable(byLanguage, figuresBy(judged, (m) => m.lang), columns) + '\n\n');
  process.stdout.write(figuresTable(t('operator.crisis.corpusByKind'), figuresBy(judged, (m) => `${m.label} ${m.kind}`), columns) + '\n');
}

main(process.argv.slice(2));
