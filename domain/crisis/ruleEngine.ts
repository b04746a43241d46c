import type { CrisisAssessment, CrisisPatternSet, CrisisSignal, SignalStrength, CompositeRule, QuestionAnswerRule, SignalPattern } from './types.js';

/**
 * The rule engine of the crisis check: a pure function that reads a message with one language's cues
 * (data/crisis/<lang>/rules.json, validated by ruleSchema.ts) and decides whether it signals risk to life
 * or immediate danger. It is the precise floor under the learned classifier (crisisClassifier.ts); the
 * detector (crisisDetector.ts) combines the two.
 *
 * Why a pure function with no framework imports: it runs on every message in every state; keeping
 * it free of botbuilder/restify/lowdb makes it cheap, testable in isolation, and reusable (for
 * example by a web form).
 *
 * How it works, in order:
 *  1. Normalise: Unicode NFKC, lower case, straight quotes, in-word apostrophes removed ("im",
 *     "dont"), text-speak expanded ("kms" -> "kill myself"), whitespace collapsed.
 *  2. Mask idioms ("this form is killing me") and quoted lyrics, so they cannot match a signal.
 *  3. Split into sentences, and sentences into clauses.
 *  4. Find signal patterns in each sentence. Each match is then judged in its own clause:
 *     negated ("Im not suicidal"), clearly past ("used to ... years ago"), reported screening question,
 *     non-literal harm ("in court I mean"), medication compliance, and, for 'mention' signals only,
 *     bereavement or informational context. A match that survives fires its signal.
 *  5. Resumption: a past-framed match plus "started again tonight" fires after all.
 *  6. Generalisation layers (all optional in a pattern set):
 *     - question + answer: "Any thoughts of harming yourself? Yes every day" (looked for across the "?");
 *     - compositional rules: a harm term fires when the NEAREST subject before it is the right person,
 *       an intent/present frame sits between them (or just after), and no negator sits between; then
 *       the same judge as step 4 applies (past, negation, reported question, non-literal);
 *     - warning signs (giving things away, a farewell, "won't need them"): one is 'concern', two
 *       different ones are 'crisis';
 *     - concern patterns ("I can't cope anymore", "I'm scared of him"): level 'concern';
 *     - a hypothetical or service frame ("what happens if I tell my key worker I feel suicidal?")
 *       lowers a crisis match in that sentence to 'concern'.
 *     - the safety net: a broad present-danger lexicon (weapons near, violence now, injuries now,
 *       substances taking effect, finality, heights) raises at least 'concern', and 'crisis' only when
 *       the same sentence shows it is immediate. Same judge as above, plus its own suppressors (films,
 *       games, news, dreams, "what should I do if") and per-pattern benign contexts.
 *  7. Level: 'crisis' if any crisis signal fired, else 'concern' if any concern signal fired, else 'none'.
 *
 * Honest limits (measured on sealed batches nobody tuned for; see test/crisis/heldOutMessages4.ts and
 * heldOutMessages5.ts, and helpOfferedEvaluation.test.ts): on fresh wordings, 'crisis' recall has been
 * 30-67% and help offered at all ('crisis' or 'concern') about 74% after the safety net, with crisis
 * false alarms of 2-15% on hard negatives. Pattern matching cannot reach the 95% / 5% target on
 * unseen language; treat this as a first net, never as the only one.
 *
 * The language-specific parts are data: a CrisisPatternSet per language, read from
 * data/crisis/<lang>/rules.json. This engine knows no language.
 */


/** Signals are reported in this order so results are stable and easy to compare in tests and logs. */
const SIGNAL_ORDER: readonly CrisisSignal[] = ['suicide', 'self-harm', 'overdose', 'danger-now', 'harm-others', 'distress'];

/** Signals that can come back after being told as past ("I used to cut and Ive started again"). */
const RESUMABLE: ReadonlySet<CrisisSignal> = new Set<CrisisSignal>(['suicide', 'self-harm', 'overdose']);

/**
 * Hard cap on characters examined. Messages are expected to be at most 10,000 characters; every
 * pattern is linear, but a cap keeps the worst case bounded if a channel ever sends something huge.
 */
const MAX_CHARS = 100_000;

/** How much clause text before a match is examined for negation / self-subject. */
const PREFIX_WINDOW = 80;

/** Composite rules: how far back the subject may be, and how far after the harm term a frame may be. */
const COMPOSITE_BEFORE = 70;
const COMPOSITE_AFTER = 40;

/** A first-person word: used so fiction context only suppresses matches that are not about the person. */
const FIRST_PERSON = /\b(?:i|im|ive|ill|id|me|my|myself|mine)\b/;

/** A fresh object every time: a shared one could be mutated by a caller and poison every later result. */
function notCrisis(): CrisisAssessment {
  return { isCrisis: false, level: 'none', signals: [] };
}

/**
 * Decide whether a message signals crisis.
 *
 * Never throws and always returns quickly. If something unexpected goes wrong inside (a bug, not
 * a property of the input), it returns "not crisis" so the conversation can continue; the caller
 * cannot tell the difference, which is why the evaluation tests matter.
 */
export function assessWithRules(text: string, patterns: CrisisPatternSet): CrisisAssessment {
  try {
    return assess(text, compile(patterns));
  } catch {
    return notCrisis();
  }
}

// ---------------------------------------------------------------------------------------------
// Compilation: regexes are prepared once per pattern set, not on every message.
// ---------------------------------------------------------------------------------------------

interface CompiledSignal extends SignalPattern {
  global: RegExp;
}

interface CompiledComposite extends CompositeRule {
  global: RegExp;
  frameTest: RegExp;
  afterTest?: RegExp;
}

/** The cues only ever used with `.test`, compiled once without the global flag. */
type TestedCues =
  | 'mediaCue'
  | 'negationBefore'
  | 'negationExceptions'
  | 'pastMarkers'
  | 'immediacyMarkers'
  | 'bereavementCues'
  | 'informationalCues'
  | 'selfSubjectBefore'
  | 'reportedQuestionCues'
  | 'affirmativeAnswer'
  | 'nonLiteralCues'
  | 'explicitlyFigurativeCues'
  | 'complianceCues'
  | 'fictionCues';

interface CompiledSet {
  source: CrisisPatternSet;
  signals: CompiledSignal[];
  composites: CompiledComposite[];
  subjectTokens?: RegExp;
  selfSubject?: RegExp;
  otherSubject?: RegExp;
  compositeNegation?: RegExp;
  questionAnswers: Array<QuestionAnswerRule & { global: RegExp; yesTest: RegExp }>;
  hypotheticalCues?: RegExp;
  concern: CompiledSignal[];
  warningSigns: CompiledSignal[];
  safetyNet: Array<CompiledSignal & { promoteTest?: RegExp; unlessTest?: RegExp }>;
  netSuppressors?: RegExp;
  idioms: RegExp[];
  quotedSpan: RegExp;
  relapseCues: RegExp;
  sentenceBreak: RegExp;
  clauseBreak: RegExp;
  /** Non-global copies for `.test`, so no lastIndex state leaks between calls. */
  test: Pick<CrisisPatternSet, TestedCues>;
}

const compiledCache = new WeakMap<CrisisPatternSet, CompiledSet>();

function withFlags(re: RegExp, global: boolean): RegExp {
  const kept = re.flags.replace(/[gy]/g, '');
  return new RegExp(re.source, global ? `${kept}g` : kept);
}

function compile(set: CrisisPatternSet): CompiledSet {
  const cached = compiledCache.get(set);
  if (cached) return cached;
  const g = (re: RegExp): RegExp => withFlags(re, true);
  const t = (re: RegExp): RegExp => withFlags(re, false);
  const compiled: CompiledSet = {
    source: set,
    signals: set.signals.map((s) => ({ ...s, global: g(s.pattern) })),
    composites: (set.composites ?? []).map((c) => ({
      ...c,
      global: g(c.harm),
      frameTest: t(c.frame),
      afterTest: c.after ? t(c.after) : undefined,
    })),
    subjectTokens: set.subjectTokens ? g(set.subjectTokens) : undefined,
    selfSubject: set.selfSubject ? t(set.selfSubject) : undefined,
    otherSubject: set.otherSubject ? t(set.otherSubject) : undefined,
    compositeNegation: set.compositeNegation ? t(set.compositeNegation) : undefined,
    questionAnswers: (set.questionAnswers ?? []).map((q) => ({ ...q, global: g(q.question), yesTest: t(q.yes) })),
    hypotheticalCues: set.hypotheticalCues ? t(set.hypotheticalCues) : undefined,
    concern: (set.concern ?? []).map((s) => ({ ...s, global: g(s.pattern) })),
    warningSigns: (set.warningSigns ?? []).map((s) => ({ ...s, global: g(s.pattern) })),
    safetyNet: (set.safetyNet ?? []).map((s) => ({
      ...s,
      global: g(s.pattern),
      promoteTest: s.promoteWhen ? t(s.promoteWhen) : undefined,
      unlessTest: s.unless ? t(s.unless) : undefined,
    })),
    netSuppressors: set.netSuppressors ? t(set.netSuppressors) : undefined,
    idioms: set.idioms.map(g),
    quotedSpan: g(set.quotedSpan),
    relapseCues: g(set.relapseCues),
    sentenceBreak: g(set.sentenceBreak),
    clauseBreak: g(set.clauseBreak),
    test: {
      mediaCue: t(set.mediaCue),
      negationBefore: t(set.negationBefore),
      negationExceptions: t(set.negationExceptions),
      pastMarkers: t(set.pastMarkers),
      immediacyMarkers: t(set.immediacyMarkers),
      bereavementCues: t(set.bereavementCues),
      informationalCues: t(set.informationalCues),
      selfSubjectBefore: t(set.selfSubjectBefore),
      reportedQuestionCues: t(set.reportedQuestionCues),
      affirmativeAnswer: t(set.affirmativeAnswer),
      nonLiteralCues: t(set.nonLiteralCues),
      explicitlyFigurativeCues: t(set.explicitlyFigurativeCues),
      complianceCues: t(set.complianceCues),
      fictionCues: set.fictionCues ? t(set.fictionCues) : undefined,
    },
  };
  compiledCache.set(set, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Normalisation.
// ---------------------------------------------------------------------------------------------

/** Exported for tests and debugging: shows what the patterns actually see. */
export function normaliseForRules(text: string, patterns: CrisisPatternSet): string {
  return normalise(text, compile(patterns));
}

function normalise(raw: string, set: CompiledSet): string {
  let text = raw.length > MAX_CHARS ? raw.slice(0, MAX_CHARS) : raw;
  text = text.normalize('NFKC').toLowerCase();
  // Curly and look-alike quotes become straight ones; zero-width characters vanish (they split words).
  text = text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '');
  // Lyrics and film quotes: only removed when the message is about music or film.
  if (set.test.mediaCue.test(text)) text = text.replace(set.quotedSpan, ' ');
  for (const [re, to] of set.source.rewritesBeforeApostrophes) text = text.replace(withFlags(re, true), to);
  // In-word apostrophes go ("i'm" -> "im"); any other apostrophe is just a quote mark.
  text = text.replace(/([\p{L}\p{N}])'(\p{L})/gu, '$1$2').replace(/'/g, ' ');
  // Drawn-out words ("pleaseeee", "nooooo"): vowels to one, consonants to two (keeps "kill").
  text = text.replace(/([aeiouy])\1{2,}/g, '$1').replace(/([b-df-hj-np-tv-z])\1{2,}/g, '$1$1');
  // Collapse horizontal whitespace but keep line breaks: they end sentences.
  text = text.replace(/[^\S\n]+/g, ' ');
  for (const [re, to] of set.source.rewritesAfterApostrophes) text = text.replace(withFlags(re, true), to);
  for (const idiom of set.idioms) text = text.replace(idiom, ' ~ ');
  return text.replace(/[^\S\n]+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Assessment.
// ---------------------------------------------------------------------------------------------

type Verdict = 'fire' | 'past' | 'suppressed';

interface Span {
  start: number;
  end: number;
}

function clauseSpans(sentence: string, clauseBreak: RegExp): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const m of sentence.matchAll(clauseBreak)) {
    const at = m.index ?? 0;
    spans.push({ start, end: at });
    start = at + m[0].length;
  }
  spans.push({ start, end: sentence.length });
  return spans;
}

function clauseAt(spans: Span[], index: number): Span {
  for (const span of spans) if (index < span.end) return span;
  return spans[spans.length - 1];
}

function assess(text: string, set: CompiledSet): CrisisAssessment {
  if (typeof text !== 'string' || text.trim() === '') return notCrisis();
  const normalised = normalise(text, set);
  if (!/[\p{L}\p{N}]/u.test(normalised)) return notCrisis();

  const found = new Set<CrisisSignal>();
  const concern = new Set<CrisisSignal>();
  const pastOnly = new Set<CrisisSignal>();
  const warnings = new Set<number>();

  // A question and its answer span a "?", so they are looked for before sentences are split.
  for (const rule of set.questionAnswers) {
    if (found.has(rule.signal)) continue;
    for (const m of normalised.matchAll(rule.global)) {
      const end = (m.index ?? 0) + m[0].length;
      if (rule.yesTest.test(normalised.slice(end, end + 40))) {
        found.add(rule.signal);
        break;
      }
    }
  }

  for (const rawSentence of normalised.split(set.sentenceBreak)) {
    const sentence = rawSentence.trim();
    if (sentence.length === 0) continue;
    const spans = clauseSpans(sentence, set.clauseBreak);
    // "what happens if I tell my key worker I feel suicidal?": lower crisis to concern in this sentence.
    const hypothetical = set.hypotheticalCues?.test(sentence) ?? false;
    const raise = (signal: CrisisSignal, level: 'crisis' | 'concern'): void => {
      if (level === 'crisis' && !hypothetical) found.add(signal);
      else concern.add(signal);
    };

    for (const signal of set.signals) {
      if (found.has(signal.signal)) continue; // already firing: no need to look again
      for (const match of sentence.matchAll(signal.global)) {
        const start = match.index ?? 0;
        const clause = clauseAt(spans, start);
        const verdict = judge(signal, sentence, clause, start, set);
        if (verdict === 'fire') {
          raise(signal.signal, 'crisis');
          if (!hypothetical) break;
        }
        if (verdict === 'past') pastOnly.add(signal.signal);
      }
    }

    for (const rule of set.composites) {
      if (found.has(rule.signal)) continue;
      for (const match of sentence.matchAll(rule.global)) {
        const start = match.index ?? 0;
        const end = start + match[0].length;
        if (!compositeHolds(rule, sentence, start, end, set)) continue;
        const verdict = judge({ signal: rule.signal, strength: 'strong' }, sentence, clauseAt(spans, start), start, set);
        if (verdict === 'fire') {
          raise(rule.signal, rule.level);
          break;
        }
        if (verdict === 'past' && rule.level === 'crisis') pastOnly.add(rule.signal);
      }
    }

    for (const cue of set.concern) {
      if (concern.has(cue.signal)) continue;
      for (const match of sentence.matchAll(cue.global)) {
        const start = match.index ?? 0;
        if (judge(cue, sentence, clauseAt(spans, start), start, set) === 'fire') {
          concern.add(cue.signal);
          break;
        }
      }
    }

    // The safety net: at least 'concern'; 'crisis' when the sentence shows it is immediate.
    // A calm story told as past anywhere in the sentence ("threatened me with a knife, thats why I left")
    // silences the net too, unless the sentence also says it is happening now.
    const netSilenced =
      (set.netSuppressors?.test(sentence) ?? false) ||
      (set.test.pastMarkers.test(sentence) && !set.test.immediacyMarkers.test(sentence));
    if (!netSilenced) {
      for (const cue of set.safetyNet) {
        if (found.has(cue.signal)) continue;
        if (concern.has(cue.signal) && !cue.promoteTest) continue;
        if (cue.unlessTest?.test(sentence)) continue;
        for (const match of sentence.matchAll(cue.global)) {
          const start = match.index ?? 0;
          if (judge(cue, sentence, clauseAt(spans, start), start, set) !== 'fire') continue;
          raise(cue.signal, cue.promoteTest?.test(sentence) ? 'crisis' : 'concern');
          break;
        }
      }
    }

    set.warningSigns.forEach((cue, i) => {
      if (warnings.has(i)) return;
      for (const match of sentence.matchAll(cue.global)) {
        const start = match.index ?? 0;
        if (judge(cue, sentence, clauseAt(spans, start), start, set) === 'fire') {
          warnings.add(i);
          return;
        }
      }
    });
  }

  // Resumption: "I used to self-harm and Ive started again tonight".
  if (pastOnly.size > 0 && hasUnnegatedRelapse(normalised, set)) {
    for (const signal of pastOnly) if (RESUMABLE.has(signal)) found.add(signal);
  }

  // Warning signs add up: one is a concern (unless it is weak alone), two different ones are a crisis,
  // unless every one of them is weak alone ("thanks for trying ... goodbye"): then it takes three
  // ("im done. goodbye. thank you for trying"), and two only bring the gentle question.
  const strongWarning = [...warnings].some((i) => !set.warningSigns[i].weakAlone);
  if ((warnings.size >= 2 && strongWarning) || warnings.size >= 3) found.add('suicide');
  else if (warnings.size >= 2) concern.add('suicide');
  else if (warnings.size === 1 && [...warnings].some((i) => !set.warningSigns[i].weakAlone)) concern.add('suicide');

  if (found.size > 0) return { isCrisis: true, level: 'crisis', signals: SIGNAL_ORDER.filter((s) => found.has(s)) };
  if (concern.size > 0) return { isCrisis: false, level: 'concern', signals: SIGNAL_ORDER.filter((s) => concern.has(s)) };
  return notCrisis();
}

/**
 * A composite rule holds when the nearest subject before the harm term is of the right kind, no
 * negator sits between that subject and the harm term, an intent/present frame sits between them
 * (or just after the harm term), and any required "after" text follows. Every window is bounded.
 */
function compositeHolds(rule: CompiledComposite, sentence: string, start: number, end: number, set: CompiledSet): boolean {
  if (!set.subjectTokens || !set.selfSubject || !set.otherSubject) return false;
  const windowStart = Math.max(0, start - COMPOSITE_BEFORE);
  const before = sentence.slice(windowStart, start);
  let subject: string | undefined;
  let subjectEnd = 0;
  for (const m of before.matchAll(set.subjectTokens)) {
    subject = m[1] ?? m[0];
    subjectEnd = (m.index ?? 0) + m[0].length;
  }
  if (subject === undefined) {
    // Dropped subject, as people type in distress: "thinking of jumping tonight", "gonna end it".
    // Only for the person's own acts, and only when the sentence really starts within the window.
    if (rule.subject !== 'self' || windowStart > 0) return false;
    subject = '';
    subjectEnd = 0;
  } else {
    const kind = rule.subject === 'self' ? set.selfSubject : set.otherSubject;
    if (!kind.test(subject.trim())) return false;
  }
  const between = before.slice(subjectEnd);
  if (set.compositeNegation?.test(between) && !set.test.negationExceptions.test(between)) return false;
  const after = sentence.slice(end, end + COMPOSITE_AFTER);
  if (rule.afterTest && !rule.afterTest.test(after)) return false;
  // The frame may include the subject itself ("ill", "im going to"), so test from the subject on.
  const fromSubject = before.slice(Math.max(0, subjectEnd - subject.length - 1));
  return rule.frameTest.test(fromSubject) || rule.frameTest.test(after);
}

function judge(signal: { signal: CrisisSignal; strength?: SignalStrength }, sentence: string, clause: Span, start: number, set: CompiledSet): Verdict {
  const cue = set.test;
  const clauseText = sentence.slice(clause.start, clause.end);
  const prefix = sentence.slice(Math.max(clause.start, start - PREFIX_WINDOW), start);

  // "Im not suicidal", "I dont want to hurt myself", "no thoughts of suicide".
  if (cue.negationBefore.test(prefix) && !cue.negationExceptions.test(prefix)) return 'suppressed';

  // "I used to self-harm years ago": told as history, unless the same clause says it is happening now.
  if (cue.pastMarkers.test(clauseText) && !cue.immediacyMarkers.test(clauseText)) return 'past';

  // "my probation officer asked if Id ever thought about hurting anyone (and I said no)".
  if (cue.reportedQuestionCues.test(clauseText) && !cue.affirmativeAnswer.test(sentence)) return 'suppressed';

  // "Id rather die than go back to him, not literally": the person tells us it is a figure of speech.
  if (cue.explicitlyFigurativeCues.test(sentence)) return 'suppressed';

  // "I want to hurt him ... in court I mean": the person tells us it is not physical.
  if ((signal.signal === 'harm-others' || signal.signal === 'danger-now') && cue.nonLiteralCues.test(sentence)) return 'suppressed';

  // "the film ended with her walking into the sea": the story's, not the person's (no "I" before the match).
  if (cue.fictionCues?.test(clauseText) && !FIRST_PERSON.test(prefix)) return 'suppressed';

  // "Ive taken all my meds this morning like the GP said": a dose check-in, not an overdose.
  if (signal.signal === 'overdose' && cue.complianceCues.test(clauseText)) return 'suppressed';

  if (signal.strength !== 'strong') {
    const personIsSubject = cue.selfSubjectBefore.test(prefix);
    // "my mum was suicidal before she died", "the form asks about self harm".
    if (!personIsSubject && (cue.bereavementCues.test(sentence) || cue.informationalCues.test(clauseText))) {
      return 'suppressed';
    }
  }
  return 'fire';
}

function hasUnnegatedRelapse(normalised: string, set: CompiledSet): boolean {
  for (const m of normalised.matchAll(set.relapseCues)) {
    const start = m.index ?? 0;
    const prefix = normalised.slice(Math.max(0, start - PREFIX_WINDOW), start);
    if (!(set.test.negationBefore.test(prefix) && !set.test.negationExceptions.test(prefix))) return true;
  }
  return false;
}
