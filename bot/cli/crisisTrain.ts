import { writeFileSync } from 'node:fs';
import { CrisisClassifier } from '../../domain/crisis/crisisClassifier.js';
import { figuresBy, figuresTable } from '../../domain/crisis/crisisEvaluation.js';
import { DEFAULT_TRAINING, trainCrisisModel } from '../../domain/crisis/crisisTraining.js';
import { CORPUS_DIR, CRISIS_MODEL_PATH, corpusFiles, loadCrisisRules, readCorpus } from '../../data/crisis/crisisDataLoader.js';
import { levelWithRules } from './crisisFigures.js';

/**
 * `npm run crisis:train`: trains the crisis classifier on every training batch (data/crisis/corpus/*.tsv),
 * chooses its thresholds by cross-validation for recall, writes data/crisis/model.json (committed; the bot
 * loads it at start-up) and prints the out-of-fold figures. Sealed batches are never read here.
 */
function main(): void {
  const files = corpusFiles(CORPUS_DIR);
  const messages = readCorpus(files);
  process.stdout.write(`Training on ${messages.length} messages from ${files.length} files (${DEFAULT_TRAINING.folds}-fold cross-validation for thresholds)...\n`);
  const { model, outOfFold } = trainCrisisModel(messages);
  model.trainedOn.at = new Date().toISOString();
  writeFileSync(CRISIS_MODEL_PATH, JSON.stringify(model) + '\n');
  const classifier = new CrisisClassifier(model);
  const rules = loadCrisisRules();
  const byClassifier = outOfFold.map((s) => ({ message: s.message, level: classifier.level(s) }));
  const combined = outOfFold.map((s) => ({ message: s.message, level: levelWithRules(classifier.level(s), s.message, rules) }));
  process.stdout.write(`Model: ${model.features.length} features; thresholds signpost ${model.signpost.threshold}, help ${model.help.threshold}\n\n`);
  process.stdout.write(figuresTable('Out of fold, classifier alone, by language', figuresBy(byClassifier, (m) => m.lang)) + '\n\n');
  process.stdout.write(figuresTable('Out of fold, classifier and rules, by language', figuresBy(combined, (m) => m.lang)) + '\n\n');
  process.stdout.write(figuresTable('Out of fold, classifier and rules, by kind', figuresBy(combined, (m) => `${m.label} ${m.kind}`)) + '\n');
  process.stdout.write(`\nWrote ${CRISIS_MODEL_PATH}\n`);
}

main();
