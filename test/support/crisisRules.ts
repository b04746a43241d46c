import { loadCrisisRules } from '../../data/crisis/crisisDataLoader.js';
import { assessWithRules, normaliseForRules } from '../../domain/crisis/ruleEngine.js';
import type { CrisisAssessment, CrisisPatternSet } from '../../domain/crisis/types.js';

/** The English cues as the bot loads them (data/crisis/en/rules.json), for the rule engine's own tests. */
export const crisisRules = loadCrisisRules();
export const englishPatterns: CrisisPatternSet = crisisRules.get('en')!;

/** The rule engine with one language's cues (English unless given). */
export function detectCrisis(text: string, patterns: CrisisPatternSet = englishPatterns): CrisisAssessment {
  return assessWithRules(text, patterns);
}

export function normaliseForCrisis(text: string, patterns: CrisisPatternSet = englishPatterns): string {
  return normaliseForRules(text, patterns);
}
