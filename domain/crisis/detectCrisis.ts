import { englishPatterns } from './englishPatterns.js';

/**
 * Crisis detection: a pure function that decides whether a message signals risk to life or
 * immediate danger, so a middleware can reply calmly with crisis signposting BEFORE any dialog runs.
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
 *
 * The language-specific parts live in a CrisisPatternSet (englishPatterns.ts); another language
 * can be added by writing another set and passing it as the second argument.
 */

export type CrisisSignal = 'suicide' | 'self-harm' | 'overdose' | 'danger-now' | 'harm-others';

export interface CrisisAssessment {
  isCrisis: boolean;
  /** Distinct signals found, in a fixed order (see SIGNAL_ORDER). Empty when isCrisis is false. */
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
}

/** Signals are reported in this order so results are stable and easy to compare in tests and logs. */
const SIGNAL_ORDER: readonly CrisisSignal[] = ['suicide', 'self-harm', 'overdose', 'danger-now', 'harm-others'];

/** Signals that can come back after being told as past ("I used to cut and Ive started again"). */
const RESUMABLE: ReadonlySet<CrisisSignal> = new Set<CrisisSignal>(['suicide', 'self-harm', 'overdose']);

/**
 * Hard cap on characters examined. Messages are expected to be at most 10,000 characters; every
 * pattern is linear, but a cap keeps the worst case bounded if a channel ever sends something huge.
 */
const MAX_CHARS = 100_000;

/** How much clause text before a match is examined for negation / self-subject. */
const PREFIX_WINDOW = 80;

/** A fresh object every time: a shared one could be mutated by a caller and poison every later result. */
function notCrisis(): CrisisAssessment {
  return { isCrisis: false, signals: [] };
}

/**
 * Decide whether a message signals crisis.
 *
 * Never throws and always returns quickly. If something unexpected goes wrong inside (a bug, not
 * a property of the input), it returns "not crisis" so the conversation can continue; the caller
 * cannot tell the difference, which is why the evaluation tests matter.
 */
export function detectCrisis(text: string, patterns: CrisisPatternSet = englishPatterns): CrisisAssessment {
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

interface CompiledSet {
  source: CrisisPatternSet;
  signals: CompiledSignal[];
  idioms: RegExp[];
  quotedSpan: RegExp;
  relapseCues: RegExp;
  sentenceBreak: RegExp;
  clauseBreak: RegExp;
  /** Non-global copies for `.test`, so no lastIndex state leaks between calls. */
  test: {
    mediaCue: RegExp;
    negationBefore: RegExp;
    negationExceptions: RegExp;
    pastMarkers: RegExp;
    immediacyMarkers: RegExp;
    bereavementCues: RegExp;
    informationalCues: RegExp;
    selfSubjectBefore: RegExp;
    reportedQuestionCues: RegExp;
    affirmativeAnswer: RegExp;
    nonLiteralCues: RegExp;
    explicitlyFigurativeCues: RegExp;
    complianceCues: RegExp;
  };
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
    },
  };
  compiledCache.set(set, compiled);
  return compiled;
}

// ---------------------------------------------------------------------------------------------
// Normalisation.
// ---------------------------------------------------------------------------------------------

/** Exported for tests and debugging: shows what the patterns actually see. */
export function normaliseForCrisis(text: string, patterns: CrisisPatternSet = englishPatterns): string {
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
  text = text.replace(/([a-z0-9])'([a-z])/g, '$1$2').replace(/'/g, ' ');
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
  if (!/[a-z0-9]/.test(normalised)) return notCrisis();

  const found = new Set<CrisisSignal>();
  const pastOnly = new Set<CrisisSignal>();

  for (const rawSentence of normalised.split(set.sentenceBreak)) {
    const sentence = rawSentence.trim();
    if (sentence.length === 0) continue;
    const spans = clauseSpans(sentence, set.clauseBreak);

    for (const signal of set.signals) {
      if (found.has(signal.signal)) continue; // already firing: no need to look again
      for (const match of sentence.matchAll(signal.global)) {
        const start = match.index ?? 0;
        const clause = clauseAt(spans, start);
        const verdict = judge(signal, sentence, clause, start, set);
        if (verdict === 'fire') {
          found.add(signal.signal);
          break;
        }
        if (verdict === 'past') pastOnly.add(signal.signal);
      }
    }
  }

  // Resumption: "I used to self-harm and Ive started again tonight".
  if (pastOnly.size > 0 && hasUnnegatedRelapse(normalised, set)) {
    for (const signal of pastOnly) if (RESUMABLE.has(signal)) found.add(signal);
  }

  if (found.size === 0) return notCrisis();
  return { isCrisis: true, signals: SIGNAL_ORDER.filter((s) => found.has(s)) };
}

function judge(signal: CompiledSignal, sentence: string, clause: Span, start: number, set: CompiledSet): Verdict {
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
  if (signal.signal === 'harm-others' && cue.nonLiteralCues.test(sentence)) return 'suppressed';

  // "Ive taken all my meds this morning like the GP said": a dose check-in, not an overdose.
  if (signal.signal === 'overdose' && cue.complianceCues.test(clauseText)) return 'suppressed';

  if (signal.strength === 'mention') {
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
