import { combineLevels } from '../../domain/crisis/crisisDetector.js';
import type { LabelledMessage } from '../../domain/crisis/crisisTraining.js';
import { assessWithRules } from '../../domain/crisis/ruleEngine.js';
import type { CrisisLevel, CrisisPatternSet } from '../../domain/crisis/types.js';

const RANK: Record<CrisisLevel, number> = { none: 0, concern: 1, crisis: 2 };

/** The classifier's level combined with the rules of the message's language and English, as the detector does. */
export function levelWithRules(level: CrisisLevel, message: LabelledMessage, rules: ReadonlyMap<string, CrisisPatternSet>): CrisisLevel {
  let best: CrisisLevel = 'none';
  const language = message.lang === 'en-broken' ? 'en' : message.lang;
  for (const code of new Set([language, 'en'])) {
    const set = rules.get(code);
    if (!set) continue;
    const byRules = assessWithRules(message.text, set).level;
    if (RANK[byRules] > RANK[best]) best = byRules;
  }
  return combineLevels(level, best);
}
