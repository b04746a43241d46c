import { z } from 'zod';
import type { CrisisPatternSet } from './types.js';

/**
 * The schema of one language's crisis cues (`data/crisis/<lang>/rules.json`): risk phrases, idioms,
 * past-tense, negation and follow-up cues, as regular expressions written as strings. Validated and
 * compiled once at start-up; a bad pattern stops start-up with its exact path.
 *
 * Only `language` and `signals` are required, so a new language can start small (a few precise risk
 * phrases, its idioms and negation) and grow; the learned classifier carries the rest.
 */

/** Matches nothing: the default for a cue a language's file does not give. */
const NEVER = '(?!)';

/** A pattern is a string (its source) or `{ source, flags }` when it needs a flag such as `u` or `i`. */
const PatternSchema = z
  .union([z.string().min(1), z.object({ source: z.string().min(1), flags: z.string().regex(/^[imsu]*$/, 'flags may be i, m, s, u') })])
  .transform((value, ctx) => {
    const source = typeof value === 'string' ? value : value.source;
    const flags = typeof value === 'string' ? '' : value.flags;
    try {
      return new RegExp(source, flags);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).name}` });
      return z.NEVER;
    }
  });

const optionalPattern = PatternSchema.optional();
const withDefault = (schema: typeof optionalPattern) => schema.transform((re) => re ?? new RegExp(NEVER));

const SignalSchema = z.enum(['suicide', 'self-harm', 'overdose', 'danger-now', 'harm-others', 'distress']);

const SignalPatternSchema = z.object({
  signal: SignalSchema,
  strength: z.enum(['strong', 'mention']),
  pattern: PatternSchema,
  why: z.string().min(1),
  weakAlone: z.boolean().optional(),
  promoteWhen: optionalPattern,
  unless: optionalPattern,
});

const CompositeRuleSchema = z.object({
  signal: SignalSchema,
  level: z.enum(['crisis', 'concern']),
  harm: PatternSchema,
  subject: z.enum(['self', 'other']),
  frame: PatternSchema,
  after: optionalPattern,
  why: z.string().min(1),
});

const QuestionAnswerSchema = z.object({
  signal: SignalSchema,
  question: PatternSchema,
  yes: PatternSchema,
  why: z.string().min(1),
});

const RewriteSchema = z.tuple([PatternSchema, z.string()]);

export const CrisisRulesSchema = z
  .object({
    language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 tag such as "pl" or "en-GB"'),
    rewritesBeforeApostrophes: z.array(RewriteSchema).default([]),
    rewritesAfterApostrophes: z.array(RewriteSchema).default([]),
    idioms: z.array(PatternSchema).default([]),
    mediaCue: withDefault(optionalPattern),
    quotedSpan: withDefault(optionalPattern),
    signals: z.array(SignalPatternSchema),
    negationBefore: withDefault(optionalPattern),
    negationExceptions: withDefault(optionalPattern),
    pastMarkers: withDefault(optionalPattern),
    immediacyMarkers: withDefault(optionalPattern),
    relapseCues: withDefault(optionalPattern),
    bereavementCues: withDefault(optionalPattern),
    informationalCues: withDefault(optionalPattern),
    selfSubjectBefore: withDefault(optionalPattern),
    reportedQuestionCues: withDefault(optionalPattern),
    affirmativeAnswer: withDefault(optionalPattern),
    nonLiteralCues: withDefault(optionalPattern),
    explicitlyFigurativeCues: withDefault(optionalPattern),
    complianceCues: withDefault(optionalPattern),
    sentenceBreak: PatternSchema.default(/[.!?;\n؟۔]+/),
    clauseBreak: PatternSchema.default(/,|،/),
    composites: z.array(CompositeRuleSchema).optional(),
    subjectTokens: optionalPattern,
    selfSubject: optionalPattern,
    otherSubject: optionalPattern,
    compositeNegation: optionalPattern,
    questionAnswers: z.array(QuestionAnswerSchema).optional(),
    hypotheticalCues: optionalPattern,
    concern: z.array(SignalPatternSchema).optional(),
    warningSigns: z.array(SignalPatternSchema).optional(),
    safetyNet: z.array(SignalPatternSchema).optional(),
    netSuppressors: optionalPattern,
    fictionCues: optionalPattern,
    followUps: z.array(PatternSchema).optional(),
    followUpNegation: optionalPattern,
  })
  .strict();

/** Parses a language file's JSON into the engine's pattern set; throws a zod error naming the path. */
export function parseCrisisRules(json: unknown): CrisisPatternSet {
  return CrisisRulesSchema.parse(json) as CrisisPatternSet;
}
