import type { CrisisAssessment, CrisisPatternSet } from './types.js';

/**
 * Short follow-ups that only mean danger after distress has been shown: "I've already taken them",
 * "I'm going to do it tonight", "it'll all be over soon". On their own they are ordinary words; within a
 * while after a message that signalled crisis or distress (or after "I'm not safe"), they are read as
 * crisis. Single-message detection cannot know what "it" means; the conversation can.
 * The phrases are each language's data (`followUps` in data/crisis/<lang>/rules.json).
 */
export const DISTRESS_CONTEXT_MS = 60 * 60 * 1000;

/** Past this length a message is a story of its own, not a follow-up. */
const FOLLOW_UP_MAX_CHARS = 500;

export function escalateInContext(
  text: string,
  assessment: CrisisAssessment,
  distressSeenRecently: boolean,
  rules: Pick<CrisisPatternSet, 'followUps' | 'followUpNegation'>,
): CrisisAssessment {
  if (!distressSeenRecently || assessment.level === 'crisis' || text.length > FOLLOW_UP_MAX_CHARS) return assessment;
  const typed = text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'");
  const followUp = (rules.followUps ?? []).find((pattern) => pattern.test(typed));
  if (!followUp) return assessment;
  const before = typed.slice(0, typed.search(followUp));
  if (rules.followUpNegation?.test(before.split(/[.!?؟۔]/).at(-1) ?? '')) return assessment;
  return { isCrisis: true, level: 'crisis', signals: assessment.signals.length > 0 ? assessment.signals : ['distress'] };
}
