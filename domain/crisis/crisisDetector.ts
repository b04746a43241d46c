import type { ClassifierScores, CrisisClassifier } from './crisisClassifier.js';
import { escalateInContext } from './followUpInContext.js';
import { assessWithRules } from './ruleEngine.js';
import type { CrisisAssessment, CrisisLevel, CrisisPatternSet } from './types.js';

/**
 * The crisis check: the learned classifier (every language at once) and each language's rules (a precise
 * floor), read in the language the message is written in, then in the light of the conversation (short
 * follow-ups after distress). The two are combined by `combineLevels`: recall comes first.
 */

/** Names the language of a piece of text (ISO 639-1, e.g. "pl"), or undefined when unsure. */
export type IdentifyLanguage = (text: string) => string | undefined;

export interface CrisisReading extends CrisisAssessment {
  /** The language the message was read in: identified from the text, else the conversation's. */
  language: string;
  /** What each half said, for evaluation and tests; never logged with the message. */
  byRules: CrisisLevel;
  byClassifier: CrisisLevel;
  scores: ClassifierScores;
}

export interface ReadingContext {
  /** Distress or crisis was shown in this sitting within the last hour. */
  distressSeenRecently?: boolean;
  /** The conversation's language, used when the message's own cannot be told. */
  conversationLanguage?: string;
  /**
   * The message is exactly one of the choices the person was offered (a tapped button sends its label)
   * or a word that works anywhere: only the rules read it. The classifier was trained on what people
   * write, not on our own button labels, and must not ask "are you safe?" of "No, just me".
   */
  chosenFromOffer?: boolean;
}

const RANK: Record<CrisisLevel, number> = { none: 0, concern: 1, crisis: 2 };

/**
 * How the two halves agree. The rules are hand-written and were tuned on English sets, so alone they
 * over-fire on the corpus's hard negatives (out of fold they doubled English false signposts). A rule's
 * 'crisis' therefore signposts when the classifier sees at least distress too, and otherwise asks "are you
 * safe right now?": no rule hit is ever dropped, it only asks first.
 */
export function combineLevels(byClassifier: CrisisLevel, byRules: CrisisLevel): CrisisLevel {
  if (byRules === 'crisis') return byClassifier === 'none' ? 'concern' : 'crisis';
  return RANK[byRules] > RANK[byClassifier] ? byRules : byClassifier;
}

function higher(a: CrisisAssessment, b: CrisisAssessment): CrisisAssessment {
  return RANK[b.level] > RANK[a.level] ? b : a;
}

/**
 * The cue sets a message in this language is read with. English rules always run too: people mix English
 * into every language, and broken English is English. A language we hold no cues for (or a short Arabic
 * message taken for Persian) is read with every set.
 */
export function ruleSetsFor(language: string, rules: ReadonlyMap<string, CrisisPatternSet>): CrisisPatternSet[] {
  const codes = rules.has(language) ? new Set([language, 'en']) : new Set(rules.keys());
  return [...codes].map((code) => rules.get(code)).filter((set): set is CrisisPatternSet => set !== undefined);
}

/** The highest reading of a message by the given cue sets. */
export function readWithRules(text: string, sets: readonly CrisisPatternSet[]): CrisisAssessment {
  let reading: CrisisAssessment = { isCrisis: false, level: 'none', signals: [] };
  for (const set of sets) reading = higher(reading, assessWithRules(text, set));
  return reading;
}

/** Short messages come back again and again ("yes", "skip", a tapped label): their reading is kept (bounded). */
const REMEMBERED_MAX_LENGTH = 64;
const REMEMBERED_LIMIT = 10_000;

export class CrisisDetector {
  private readonly remembered = new Map<string, CrisisReading>();

  constructor(
    private readonly classifier: CrisisClassifier,
    private readonly rules: ReadonlyMap<string, CrisisPatternSet>,
    private readonly identifyLanguage: IdentifyLanguage,
  ) {}

  /**
   * Never throws: an unexpected fault inside one half leaves the other half's reading. A reading depends
   * only on the text and the context, so a short message's is remembered and reused.
   */
  assess(text: string, context: ReadingContext = {}): CrisisReading {
    if (text.length > REMEMBERED_MAX_LENGTH) return this.read(text, context);
    const key = `${context.conversationLanguage ?? ''}\u0000${context.distressSeenRecently ? 1 : 0}${context.chosenFromOffer ? 1 : 0}\u0000${text}`;
    let reading = this.remembered.get(key);
    if (!reading) {
      if (this.remembered.size >= REMEMBERED_LIMIT) this.remembered.clear();
      this.remembered.set(key, (reading = this.read(text, context)));
    }
    return reading;
  }

  private read(text: string, context: ReadingContext): CrisisReading {
    const language = this.languageOf(text, context.conversationLanguage);
    const ruleSets = ruleSetsFor(language, this.rules);
    const byRules = readWithRules(text, ruleSets);

    let scores: ClassifierScores = { signpost: 0, help: 0 };
    let byClassifier: CrisisLevel = 'none';
    try {
      if (!context.chosenFromOffer) {
        scores = this.classifier.score(text);
        byClassifier = this.classifier.level(scores);
      }
    } catch {
      // A fault in the classifier must not silence the rules.
    }
    const level = context.chosenFromOffer ? byRules.level : combineLevels(byClassifier, byRules.level);
    let combined: CrisisAssessment = { isCrisis: level === 'crisis', level, signals: byRules.signals };
    if (context.distressSeenRecently) {
      for (const set of ruleSets) combined = higher(combined, escalateInContext(text, combined, true, set));
    }
    return { ...combined, isCrisis: combined.level === 'crisis', language, byRules: byRules.level, byClassifier, scores };
  }

  private languageOf(text: string, conversationLanguage: string | undefined): string {
    let identified: string | undefined;
    try {
      identified = this.identifyLanguage(text);
    } catch {
      identified = undefined;
    }
    return identified ?? conversationLanguage ?? 'en';
  }
}
