import { writeFileSync } from 'node:fs';
import { CrisisClassifier } from '../../domain/crisis/crisisClassifier.js';
import { figuresBy, figuresTable } from '../../domain/crisis/crisisEvaluation.js';
import { DEFAULT_TRAINING, trainCrisisModel } from '../../domain/crisis/crisisTraining.js';
import { CORPUS_DIR, CRISIS_MODEL_PATH, compileCrisisModelFile, corpusFiles, loadCrisisRules, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { operatorCopy } from '../i18n.js';
import { figureColumns, levelWithRules } from './crisisFigures.js';

/**
 * `npm run crisis:train`: trains the crisis classifier on every training batch (data/crisis/corpus/*.tsv),
 * chooses its thresholds by cross-validation for recall, writes data/crisis/model.json (committed; the bot
 * loads it at start-up, compiled by `npm run build`) and prints the out-of-fold figures. Sealed batches are never read here.
 */
function main(): void {
  const t = operatorCopy();
  const columns = figureColumns(t);
  const files = corpusFiles(CORPUS_DIR);
  const messages = readCorpus(files);
  process.stdout.write(`${t('operator.crisis.training', { messages: messages.length, files: files.length, folds: DEFAULT_TRAINING.folds })}\n`);
  const { model, outOfFold } = trainCrisisModel(messages);
  model.trainedOn.at = new Date().toISOString();
  writeFileSync(CRISIS_MODEL_PATH, JSON.stringify(model) + '\n');
  // The form the server starts from (as `npm run build` makes it), so it reads the new model at once.
  compileCrisisModelFile();
  const classifier = new CrisisClassifier(model);
  const rules = loadCrisisRules();
  const byClassifier = outOfFold.map((s) => ({ message: s.message, level: classifier.level(s) }));
  const combined = outOfFold.map((s) => ({ message: s.message, level: levelWithRules(classifier.level(s), s.message, rules) }));
  process.stdout.write(`${t('operator.crisis.model', { features: model.features.length, signpost: model.signpost.threshold, help: model.help.threshold })}\n\n`);
  process.stdout.write(figuresTable(t('operator.crisis.classifierAloneByLanguage'), figuresBy(byClassifier, (m) => m.lang), columns) + '\n\n');
  process.stdout.write(figuresTable(t('operator.crisis.withRulesByLanguage'), figuresBy(combined, (m) => m.lang), columns) + '\n\n');
  process.stdout.write(figuresTable(t('operator.crisis.withRulesByKind'), figuresBy(combined, (m) => `${m.label} ${m.kind}`), columns) + '\n');
  process.stdout.write(`\n${t('operator.wrote', { path: CRISIS_MODEL_PATH })}\n`);
}

main();
