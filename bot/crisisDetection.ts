import { CrisisClassifier } from '../domain/crisis/crisisClassifier.js';
import { CrisisDetector } from '../domain/crisis/crisisDetector.js';
import { loadCrisisModel, loadCrisisRules } from '../data/crisis/crisisDataLoader.js';
import { languageIdentifier } from './languageIdentification.js';

/**
 * The crisis check as the bot runs it: the committed model, every language's cues and the language
 * identifier, read and validated once (a mistake stops start-up with the file and the place).
 */
export function loadCrisisDetector(): CrisisDetector {
  return new CrisisDetector(new CrisisClassifier(loadCrisisModel()), loadCrisisRules(), languageIdentifier());
}
