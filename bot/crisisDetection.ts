import { CrisisClassifier } from '../domain/crisis/crisisClassifier.js';
import { CrisisDetector } from '../domain/crisis/crisisDetector.js';
import { loadCrisisModel, loadCrisisRules } from '../data/crisis/crisisDataLoader.js';
import { languageIdentifier } from './languageIdentification.js';

let loaded: CrisisDetector | undefined;

/**
 * The crisis check as the bot runs it: the committed model, every language's cues and the language
 * identifier, read and validated once per process (a mistake stops start-up with the file and the place).
 * The detector holds no state between messages, so every app in a process can share it.
 */
export function loadCrisisDetector(): CrisisDetector {
  loaded ??= new CrisisDetector(new CrisisClassifier(loadCrisisModel()), loadCrisisRules(), languageIdentifier());
  return loaded;
}
