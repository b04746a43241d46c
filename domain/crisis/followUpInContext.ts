import type { CrisisAssessment } from './detectCrisis.js';

/**
 * Short follow-ups that only mean danger after distress has been shown: "I've already taken them",
 * "I'm going to do it tonight", "it'll all be over soon". On their own they are ordinary words; within a
 * while after a message that signalled crisis or distress (or after "I'm not safe"), they are read as
 * crisis. Single-message detection cannot know what "it" means; the conversation can.
 */
export const DISTRESS_CONTEXT_MS = 60 * 60 * 1000;

const FOLLOW_UPS: readonly RegExp[] = [
  // Something done already: "already taken them", "just took the lot", "ive done it".
  /\b(?:already|just)\s+(?:taken|took|swallowed|had|done|cut|injected|drunk|drank)\b/,
  /\bi(?:'?ve| have)\s+(?:done|taken|swallowed)\s+(?:it|them|the lot|everything|all of (?:it|them))\b/,
  // Something about to happen: "going to do it tonight", "gonna do it", "doing it now".
  /\b(?:going to|gonna|about to|will|i'?ll)\s+(?:do|go through with|end)\s+(?:it|this|everything)\b/,
  /\bdoing it\s+(?:now|tonight|today)\b/,
  // Farewell and finality: "it'll all be over soon", "goodbye", "this is the last message".
  /\b(?:it'?ll|it will)\s+(?:all\s+)?be over\b/,
  /\b(?:goodbye|bye for good|last message|won'?t be here|not be here)\b/,
  /\b(?:too late|no way back|made my mind up|mind'?s made up)\b/,
];

/** "I won't do it", "not going to do it tonight": a follow-up that says no. */
const SAYS_NOT = /\b(?:not|never|won'?t|wouldn'?t|don'?t|didn'?t|haven'?t|isn'?t)\b/;

export function escalateInContext(text: string, assessment: CrisisAssessment, distressSeenRecently: boolean): CrisisAssessment {
  if (!distressSeenRecently || assessment.level === 'crisis' || text.length > 500) return assessment;
  const typed = text.toLowerCase().replace(/[’‘]/g, "'");
  const followUp = FOLLOW_UPS.find((pattern) => pattern.test(typed));
  if (!followUp) return assessment;
  const before = typed.slice(0, typed.search(followUp));
  if (SAYS_NOT.test(before.split(/[.!?]/).at(-1) ?? '')) return assessment;
  return { isCrisis: true, level: 'crisis', signals: assessment.signals.length > 0 ? assessment.signals : ['distress'] };
}
