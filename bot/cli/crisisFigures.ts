import { combineLevels, readWithRules, ruleSetsFor } from '../../domain/crisis/crisisDetector.js';
import type { LabelledMessage } from '../../domain/crisis/crisisTraining.js';
import type { CrisisLevel, CrisisPatternSet } from '../../domain/crisis/types.js';

/** The classifier's level combined with the rules of the message's labelled language, as the detector does. */
export function levelWithRules(level: CrisisLevel, message: LabelledMessage, rules: ReadonlyMap<string, CrisisPatternSet>): CrisisLevel {
  const language = message.lang === 'en-broken' ? 'en' : message.lang;
  return combineLevels(level, readWithRules(message.text, ruleSetsFor(language, rules)).level);
}
