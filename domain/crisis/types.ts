/**
 * The crisis check's types, in a module of their own so the rule engine, the classifier, the detector
 * that combines them and the zod schema of the language files can all import them without a circle.
 */

export type CrisisSignal = 'suicide' | 'self-harm' | 'overdose' | 'danger-now' | 'harm-others' | 'distress';

/**
 * 'crisis': risk to life or immediate danger: signpost 999, Samaritans, Shout, NHS 111 before anything else.
 * 'concern': distress that is not clearly immediate danger, but where a kind human would ask "are you
 *   safe right now?" ("I can't cope anymore", "I'm scared of him"). The bot gently asks.
 * 'none': carry on with the conversation.
 */
export type CrisisLevel = 'crisis' | 'concern' | 'none';

export interface CrisisAssessment {
  /** True only when level is 'crisis' (kept so callers written before the concern tier still work). */
  isCrisis: boolean;
  level: CrisisLevel;
  /**
   * Distinct signals found, in a fixed order (see SIGNAL_ORDER). For 'crisis', only the crisis-level
   * signals; for 'concern', the concern-level ones; empty for 'none'.
   */
  signals: CrisisSignal[];
}

/**
 * 'strong': first-person or unmistakable present danger.
 * 'mention': a risk word that is also used about services, forms or other people ("suicidal",
 * "self-harm"), so it is also suppressed by bereavement and informational context.
 */
export type SignalStrength = 'strong' | 'mention';

export interface SignalPattern {
  signal: CrisisSignal;
  strength: SignalStrength;
  /** Tested against normalised text. Flags are ignored except `u`; the engine adds `g`. */
  pattern: RegExp;
  /** Why this pattern exists: shown to nobody, kept for the next person who edits it. */
  why: string;
  /** Warning signs only: true when this sign ALONE should not raise concern (it only adds up with others). */
  weakAlone?: boolean;
  /**
   * Safety net only: when this also matches the SENTENCE, the match is clearly immediate and raises
   * 'crisis' instead of 'concern' ("hes got a machete" + "outside"). Lowered back to 'concern' by a
   * hypothetical or service frame, like every crisis match.
   */
  promoteWhen?: RegExp;
  /** Safety net only: when this matches the SENTENCE, the match is an ordinary, benign use ("bleeding a bit from the tattoo"). */
  unless?: RegExp;
}

/**
 * A compositional rule: a harm term, anchored by a regex, that fires only when the NEAREST subject
 * before it (in the same sentence, within a bounded window) is of the right kind, and an intent or
 * present-time frame sits between that subject and the harm term (or just after it).
 * Why: phrase patterns only catch wordings someone thought of; people say "im honestly so ready to
 * just go and end it" or "he keeps saying tonight hes going to stab me". Subject + frame + harm word
 * generalises over the words in between, and the usual suppressors (negation, past, questions,
 * bereavement) still apply.
 */
export interface CompositeRule {
  signal: CrisisSignal;
  /** Which tier a surviving match raises. */
  level: 'crisis' | 'concern';
  /** The harm term. Flags are ignored except `u`; the engine adds `g`. */
  harm: RegExp;
  /** Which kind of nearest subject the rule needs: the person themselves, or another person. */
  subject: 'self' | 'other';
  /** Intent or present-time frame, tested between the subject and the harm term, and just after the harm term. */
  frame: RegExp;
  /** Optional: must match the text just after the harm term (e.g. the victim "me", "him"). Anchored at start (`^`). */
  after?: RegExp;
  why: string;
}

/**
 * A question someone else asked (a form, a worker) followed by the person's answer in the same
 * message: "Any thoughts of harming yourself? Yes every day". Fires when the answer is affirmative.
 */
export interface QuestionAnswerRule {
  signal: CrisisSignal;
  question: RegExp;
  /** Tested against the text just after the question (up to 40 characters); anchored at start (`^`). */
  yes: RegExp;
  why: string;
}

/** A text rewrite applied during normalisation (same arguments as String.prototype.replace). */
export type Rewrite = readonly [RegExp, string];

/**
 * Everything language-specific. All regexes are applied to normalised text. Cue regexes used with
 * `.test` may be written with or without `g`; the engine strips stateful flags before using them.
 */
export interface CrisisPatternSet {
  /** BCP 47 tag, for logs and for choosing a set. */
  language: string;
  /** Rewrites that need apostrophes still present (e.g. "od'd" vs "odd"). */
  rewritesBeforeApostrophes: readonly Rewrite[];
  /** Text-speak and spelling rewrites, after apostrophes are removed. */
  rewritesAfterApostrophes: readonly Rewrite[];
  /** Figures of speech to mask before matching. */
  idioms: readonly RegExp[];
  /** When present, quoted spans (lyrics, film lines) are removed. */
  mediaCue: RegExp;
  quotedSpan: RegExp;
  signals: readonly SignalPattern[];
  /** Tested against the clause text just before a match; must be anchored at the end (`$`). */
  negationBefore: RegExp;
  /** If the same prefix contains one of these ("cant stop"), the negation does not apply. */
  negationExceptions: RegExp;
  pastMarkers: RegExp;
  immediacyMarkers: RegExp;
  relapseCues: RegExp;
  bereavementCues: RegExp;
  informationalCues: RegExp;
  /** Tested against the clause text just before a 'mention' match ("im", "ive been"): the person is the subject. */
  selfSubjectBefore: RegExp;
  reportedQuestionCues: RegExp;
  affirmativeAnswer: RegExp;
  nonLiteralCues: RegExp;
  /** Explicit "not literally": suppresses any signal in the same sentence. */
  explicitlyFigurativeCues: RegExp;
  complianceCues: RegExp;
  sentenceBreak: RegExp;
  clauseBreak: RegExp;

  // ----- Generalisation and the concern tier. Optional, so a minimal set still works. -----
  /** Compositional rules (subject + frame + harm term in a bounded window). */
  composites?: readonly CompositeRule[];
  /** Subject tokens, global regex; the engine looks at the LAST one before a harm term. */
  subjectTokens?: RegExp;
  /** Which subject tokens are the person themselves ("i", "im", "ive", "me"); anchored (`^...$`). */
  selfSubject?: RegExp;
  /** Which subject tokens are another PERSON ("he", "my ex", "they"); anchored (`^...$`). */
  otherSubject?: RegExp;
  /** Negators that, anywhere between the subject and a composite's harm term, suppress it. */
  compositeNegation?: RegExp;
  /** Form or worker questions with an answer in the same message. */
  questionAnswers?: readonly QuestionAnswerRule[];
  /**
   * A hypothetical or service frame around a disclosure ("what happens if I tell my key worker I feel
   * suicidal?"): a crisis match in the same sentence is lowered to 'concern' (the bot asks if they are
   * safe) rather than dropped, because the person might be talking about themselves.
   */
  hypotheticalCues?: RegExp;
  /** Concern-tier patterns ("I can't cope anymore", "I'm scared of him"). Strength works as for signals. */
  concern?: readonly SignalPattern[];
  /**
   * Suicide warning signs that are weak alone (giving things away, "sorry for everything", a farewell,
   * "theyd be fine without me", life insurance): one raises 'concern'; two DIFFERENT ones in the same
   * message raise 'crisis' (suicide). Each is judged like a 'mention' signal.
   */
  warningSigns?: readonly SignalPattern[];
  /**
   * The safety net: a broad present-danger lexicon (weapons near, violence verbs now, injuries now,
   * substances taking effect, finality and farewell, heights) that raises at least 'concern', so that
   * wordings nobody thought of still get the gentle "are you safe right now?". Each match goes through
   * the same judge as a signal (negation, past, reported question, figurative; bereavement and
   * informational context for 'mention' strength), then `netSuppressors` and the pattern's `unless`;
   * `promoteWhen` raises it to 'crisis'.
   */
  safetyNet?: readonly SignalPattern[];
  /** Sentence-level context that silences the safety net: films, games, news, dreams, training, "what should I do if". */
  netSuppressors?: RegExp;
  /**
   * Stories on screen or in print. A match whose CLAUSE has one of these and whose prefix has no
   * first-person word is the story's, not the person's: suppressed for every signal.
   */
  fictionCues?: RegExp;
  /**
   * Short follow-ups that mean danger only after distress was shown in the same sitting ("I've already
   * taken them", "going to do it tonight"). Tested against the lower-cased message.
   */
  followUps?: readonly RegExp[];
  /** A follow-up that says no ("I won't do it"): tested against the clause before the follow-up. */
  followUpNegation?: RegExp;
}
