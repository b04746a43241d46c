import { z } from 'zod';
import { CRISIS_MODEL_VERSION, CrisisClassifier, featuresOf, foldForClassifier, windowsOf, type CrisisModel } from './crisisClassifier.js';
import { seededRandom, shuffleInPlace } from '../seededRandom.js';

/**
 * Training and evaluation of the crisis classifier, with no I/O: `npm run crisis:train` reads the corpus,
 * calls `trainCrisisModel` and writes the result; `npm run crisis:eval` and the tests use
 * `crossValidate` and `evaluate`. Deterministic: the same corpus and options give the same model.
 */

/** What a kind person would do: signpost now (`crisis`), ask "are you safe right now?" (`concern`), or carry on. */
export const CRISIS_KINDS = {
  crisis: ['suicidal-direct', 'suicidal-indirect', 'suicidal-plan', 'farewell', 'overdose-self', 'overdose-other', 'self-harm-now', 'attacked-now', 'domestic-abuse-now', 'harm-others', 'held-against-will'],
  concern: ['distress', 'fear', 'passive-thoughts'],
  none: ['idiom', 'past-event', 'bereavement', 'negation', 'routine-medication', 'someone-elses-past', 'media', 'everyday', 'information'],
} as const;
/** `unsorted`: the first hand-written English sets, written before kinds were recorded. */
const UNSORTED = 'unsorted';
export const CORPUS_LANGUAGES = ['en', 'en-broken', 'pl', 'ro', 'lt', 'lv', 'pt', 'ar', 'ur'] as const;

export const CrisisLabelSchema = z.enum(['crisis', 'concern', 'none']);
export type CrisisLabel = z.infer<typeof CrisisLabelSchema>;

/** One corpus line (label, lang, kind, text), validated when the corpus is read. */
export const LabelledMessageSchema = z
  .object({
    label: CrisisLabelSchema,
    lang: z.enum(CORPUS_LANGUAGES),
    kind: z.string(),
    text: z.string().trim().min(1, 'a message cannot be empty'),
    /** The corpus file it came from, for reports. */
    source: z.string(),
  })
  .superRefine((row, ctx) => {
    const kinds: readonly string[] = CRISIS_KINDS[row.label];
    if (row.kind !== UNSORTED && !kinds.includes(row.kind)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: `"${row.kind}" is not a kind of ${row.label}: ${kinds.join(', ')}` });
    }
  });
export type LabelledMessage = z.infer<typeof LabelledMessageSchema>;

export interface TrainingOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty per update, scaled by the learning rate. */
  l2: number;
  /** A feature must appear in at least this many training messages to be kept. */
  minMessages: number;
  /** Also train on each sentence window of a `none` message, as `none`: the detector scores windows. */
  negativeWindows: boolean;
  seed: number;
  /** Recall to keep, out of fold, for the help head on crisis messages (overall)... */
  helpRecall: number;
  /** ...unless that would ask "are you safe?" of more than this share of `none` messages: then this share. */
  helpFalseAlarmsCap: number;
  /** Largest share of `none` messages the signpost head may fire on, out of fold. */
  signpostFalseAlarms: number;
  folds: number;
  /**
   * Corpus files trained on but left out when thresholds are chosen: the bot's own button labels and
   * greetings are easy negatives, and counting them would let the thresholds drop on the hard ones.
   */
  notForThresholds: readonly string[];
}

export const DEFAULT_TRAINING: TrainingOptions = {
  epochs: 12,
  learningRate: 0.5,
  l2: 3e-3,
  minMessages: 2,
  negativeWindows: true,
  seed: 20261201,
  helpRecall: 0.97,
  helpFalseAlarmsCap: 0.1,
  signpostFalseAlarms: 0.02,
  folds: 5,
  notForThresholds: ['ui.0.tsv'],
};

interface Example {
  features: number[];
  signpost: 0 | 1;
  help: 0 | 1;
}

interface Head {
  bias: number;
  weights: Float64Array;
}

function examplesFor(messages: readonly LabelledMessage[], options: TrainingOptions): { vocabulary: string[]; examples: Example[] } {
  const pieces: Array<{ features: Set<string>; label: CrisisLabel }> = [];
  // In how many messages (not windows) each feature appears: rarer ones are left out.
  const messagesWith = new Map<string, number>();
  for (const message of messages) {
    const folded = foldForClassifier(message.text);
    const features = featuresOf(folded);
    for (const feature of features) messagesWith.set(feature, (messagesWith.get(feature) ?? 0) + 1);
    pieces.push({ features, label: message.label });
    if (options.negativeWindows && message.label === 'none') {
      const windows = windowsOf(folded);
      if (windows.length > 1) for (const window of windows) pieces.push({ features: featuresOf(window), label: 'none' });
    }
  }
  const vocabulary = [...messagesWith].filter(([, count]) => count >= options.minMessages).map(([feature]) => feature).sort();
  const index = new Map(vocabulary.map((feature, i) => [feature, i]));
  const examples = pieces.map(({ features, label }) => ({
    features: [...features].map((feature) => index.get(feature)).filter((i): i is number => i !== undefined),
    signpost: label === 'crisis' ? 1 : 0,
    help: label === 'none' ? 0 : 1,
  })) satisfies Example[];
  return { vocabulary, examples };
}

/** Logistic regression by AdaGrad over unit-length binary feature vectors, both heads at once. */
function fit(vocabularySize: number, examples: Example[], options: TrainingOptions): { signpost: Head; help: Head } {
  const random = seededRandom(options.seed);
  const heads = { signpost: newHead(vocabularySize), help: newHead(vocabularySize) };
  const squares = { signpost: new Float64Array(vocabularySize + 1).fill(1e-8), help: new Float64Array(vocabularySize + 1).fill(1e-8) };
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch += 1) {
    shuffleInPlace(order, random);
    for (const at of order) {
      const example = examples[at];
      const scale = example.features.length > 0 ? 1 / Math.sqrt(example.features.length) : 0;
      for (const name of ['signpost', 'help'] as const) {
        const head = heads[name];
        const sq = squares[name];
        let z = head.bias;
        for (const f of example.features) z += head.weights[f] * scale;
        const gradient = 1 / (1 + Math.exp(-z)) - example[name];
        sq[vocabularySize] += gradient * gradient;
        head.bias -= (options.learningRate * gradient) / Math.sqrt(sq[vocabularySize]);
        for (const f of example.features) {
          const g = gradient * scale + options.l2 * head.weights[f];
          sq[f] += g * g;
          head.weights[f] -= (options.learningRate * g) / Math.sqrt(sq[f]);
        }
      }
    }
  }
  return heads;
}

function newHead(size: number): Head {
  return { bias: 0, weights: new Float64Array(size) };
}

/** Features whose weights are all smaller than this are left out of the model file (it stays a few MB). */
const MIN_KEPT_WEIGHT = 0.02;

/** Weights rounded so the committed model file stays small and diffs stay readable. */
function rounded(weights: Float64Array): number[] {
  return Array.from(weights, (w) => Math.round(w * 10_000) / 10_000);
}

/** Trains both heads on every message given; thresholds are set by the caller (see `trainCrisisModel`). */
export function fitModel(messages: readonly LabelledMessage[], options: TrainingOptions, thresholds = { signpost: 0.5, help: 0.5 }): CrisisModel {
  const { vocabulary, examples } = examplesFor(messages, options);
  const heads = fit(vocabulary.length, examples, options);
  // Features with next to no weight carry next to nothing: leave them out of the file.
  const signpost = rounded(heads.signpost.weights);
  const help = rounded(heads.help.weights);
  const kept = vocabulary.map((_, i) => i).filter((i) => Math.abs(signpost[i]) >= MIN_KEPT_WEIGHT || Math.abs(help[i]) >= MIN_KEPT_WEIGHT);
  return {
    version: CRISIS_MODEL_VERSION,
    trainedOn: { messages: messages.length, files: [...new Set(messages.map((m) => m.source))].sort(), at: '' },
    features: kept.map((i) => vocabulary[i]),
    signpost: { bias: round(heads.signpost.bias), weights: kept.map((i) => signpost[i]), threshold: thresholds.signpost },
    help: { bias: round(heads.help.bias), weights: kept.map((i) => help[i]), threshold: thresholds.help },
  };
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export interface ScoredMessage {
  message: LabelledMessage;
  signpost: number;
  help: number;
}

/** Out-of-fold scores: each message scored by a model that never saw it. Folds are stratified by language and label. */
export function crossValidate(messages: readonly LabelledMessage[], options: TrainingOptions): ScoredMessage[] {
  const random = seededRandom(options.seed + 1);
  const groups = new Map<string, number[]>();
  messages.forEach((message, i) => {
    const key = `${message.lang} ${message.label}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const foldOf = new Array<number>(messages.length);
  for (const members of groups.values()) {
    const shuffled = shuffleInPlace([...members], random);
    shuffled.forEach((i, position) => (foldOf[i] = position % options.folds));
  }
  const scored = new Array<ScoredMessage>(messages.length);
  for (let fold = 0; fold < options.folds; fold += 1) {
    const training = messages.filter((_, i) => foldOf[i] !== fold);
    const classifier = new CrisisClassifier(fitModel(training, options));
    messages.forEach((message, i) => {
      if (foldOf[i] === fold) scored[i] = { message, ...classifier.score(message.text) };
    });
  }
  return scored;
}

/**
 * Thresholds chosen for recall: the help head keeps `helpRecall` of crisis messages out of fold; the
 * signpost head fires on at most `signpostFalseAlarms` of `none` messages out of fold.
 */
export function chooseThresholds(all: readonly ScoredMessage[], options: TrainingOptions): { signpost: number; help: number } {
  const scored = all.filter((s) => !options.notForThresholds.includes(s.message.source));
  const crisisHelp = scored.filter((s) => s.message.label === 'crisis').map((s) => s.help).sort((a, b) => a - b);
  const missable = Math.floor(crisisHelp.length * (1 - options.helpRecall));
  const forRecall = crisisHelp.length > 0 ? crisisHelp[missable] : 0.5;
  const noneHelp = scored.filter((s) => s.message.label === 'none').map((s) => s.help).sort((a, b) => b - a);
  const atCap = noneHelp.length > 0 ? noneHelp[Math.floor(noneHelp.length * options.helpFalseAlarmsCap)] + 1e-6 : 0.5;
  const help = Math.max(forRecall, atCap);
  const noneSignpost = scored.filter((s) => s.message.label === 'none').map((s) => s.signpost).sort((a, b) => b - a);
  const allowed = Math.floor(noneSignpost.length * options.signpostFalseAlarms);
  const signpost = noneSignpost.length > 0 ? Math.min(0.99, noneSignpost[allowed] + 1e-6) : 0.5;
  return { signpost: round6(signpost), help: round6(Math.min(help, signpost)) };
}

function round6(x: number): number {
  return Math.floor(x * 1e6) / 1e6;
}

/** The model the bot loads: trained on everything, with thresholds chosen out of fold. */
export function trainCrisisModel(messages: readonly LabelledMessage[], options: TrainingOptions = DEFAULT_TRAINING): { model: CrisisModel; outOfFold: ScoredMessage[] } {
  const outOfFold = crossValidate(messages, options);
  const thresholds = chooseThresholds(outOfFold, options);
  return { model: fitModel(messages, options, thresholds), outOfFold };
}
