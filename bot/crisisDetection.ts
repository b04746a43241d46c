import { CrisisClassifier } from '../domain/crisis/crisisClassifier.js';
import { CrisisDetector } from '../domain/crisis/crisisDetector.js';
import { loadCompiledCrisisModel, loadCrisisModel, loadCrisisRules } from '../data/crisis/crisisDataLoader.js';
import { languageIdentifier } from './languageIdentification.js';

let loaded: CrisisDetector | undefined;

/**
 * The crisis check as the bot runs it: the committed model, every language's cues and the language
 * identifier, read and validated once per process (a mistake stops start-up with the file and the place).
 * The compiled server reads the model in the form `npm run build` compiled it to (a file read instead of
 * a second of parsing and building); from the sources, or when model.json changed since the build, it
 * reads model.json.
 * The detector holds no state between messages, so every app in a process can share it.
 */
export function loadCrisisDetector(): CrisisDetector {
  loaded ??= new CrisisDetector(new CrisisClassifier(loadCompiledCrisisModel() ?? loadCrisisModel()), loadCrisisRules(), languageIdentifier());
  return loaded;
}
