import { z } from 'zod';

/**
 * The learned half of the crisis check: two logistic regressions over character and word n-grams, one
 * language-agnostic model for every language we read.
 *
 * Why this shape (after CMD-1, Swaminathan et al. 2023): cheap, transparent and trainable. Character
 * n-grams inside words carry Polish, Lithuanian and Latvian endings, misspellings ("suicidle", "kil
 * myself") and text without diacritics; word pairs carry short phrases ("nie chce", "not anymore").
 * Two heads, each a probability:
 * - `signpost`: the message signals risk to life or danger now (label `crisis`);
 * - `help`: a kind person would at least ask "are you safe right now?" (labels `crisis` and `concern`).
 * A message is scored whole and, when it is long, also in windows of a few sentences; the highest
 * score counts, so a risk buried mid-way in a long message is not diluted by the rest of it. (Scoring
 * every short sentence alone was tried and lost 2 points of recall at the same false alarms, out of fold.) Thresholds are chosen by cross-validation for recall
 * (`npm run crisis:train`) and stored with the weights.
 */

export const CRISIS_MODEL_VERSION = 1;

/** Longest message examined, in characters: the classifier's cost stays bounded whatever arrives. */
const MAX_CHARS = 20_000;
/** A message with more sentences than this is also scored in windows of `WINDOW_SENTENCES` sentences. */
const WHOLE_MESSAGE_SENTENCES = 6;
const WINDOW_SENTENCES = 3;
/** Windows start every this many sentences: each sentence is read with a neighbour, at half the cost of every start. */
const WINDOW_STRIDE = 2;
/** Character n-grams inside words, from this length to the next. */
const CHAR_GRAM_MIN = 3;
const CHAR_GRAM_MAX = 5;
/** Character n-grams across word boundaries ("kil mys", "nie chc"), from this length to the next. */
const SPAN_GRAM_MIN = 4;
const SPAN_GRAM_MAX = 6;

/**
 * A long list checked item by item in one loop: the same check as z.array(z.string()) or z.array(z.number()),
 * in a few milliseconds instead of a few hundred for the model's half a million features (start-up time).
 */
function listOf<T>(isItem: (item: unknown) => boolean, message: string) {
  return z.custom<T[]>((value) => Array.isArray(value) && value.every(isItem), { message });
}

const weightList = listOf<number>((item) => typeof item === 'number' && Number.isFinite(item), 'must be a list of finite numbers');

export const CrisisModelSchema = z
  .object({
    version: z.literal(CRISIS_MODEL_VERSION),
    trainedOn: z.object({ messages: z.number().int().positive(), files: z.array(z.string()), at: z.string() }),
    features: listOf<string>((item) => typeof item === 'string', 'must be a list of strings'),
    signpost: z.object({ bias: z.number(), weights: weightList, threshold: z.number().min(0).max(1) }),
    help: z.object({ bias: z.number(), weights: weightList, threshold: z.number().min(0).max(1) }),
  })
  .superRefine((model, ctx) => {
    for (const head of ['signpost', 'help'] as const) {
      if (model[head].weights.length !== model.features.length) {
        ctx.addIssue({ code: 'custom', path: [head, 'weights'], message: 'needs one weight per feature' });
      }
    }
  });
export type CrisisModel = z.infer<typeof CrisisModelSchema>;

export interface ClassifierScores {
  /** Probability that the message signals crisis now (the highest over its windows). */
  signpost: number;
  /** Probability that a kind person would ask "are you safe right now?" (the highest over its windows). */
  help: number;
}

/**
 * Folds the ways one word is typed into one form: case, compatibility forms, diacritics ("zabić" and
 * "zabic"), Arabic and Urdu letter variants (أ إ آ → ا, ى ی → ي, ک → ك, ة ۃ ہ → ه), harakat and tatweel,
 * in-word apostrophes ("i'm" → "im") and drawn-out letters ("pleaseeee" → "pleasee").
 */
export function foldForClassifier(raw: string): string {
  const text = (raw.length > MAX_CHARS ? raw.slice(0, MAX_CHARS) : raw)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u0060\u00B4\u02BC]/g, "'")
    .replace(/[\u200B-\u200F\u2060\uFEFF\u00AD\u0640]/g, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .normalize('NFC');
  return text
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/[ىی]/g, 'ي')
    .replace(/ک/g, 'ك')
    .replace(/[ةۃہ]/g, 'ه')
    .replace(/ł/g, 'l')
    .replace(/([\p{L}\p{N}])'(?=\p{L})/gu, '$1')
    .replace(/(\p{L})\1{2,}/gu, '$1$1');
}

/** Sentences, split at full stops, question and exclamation marks (Latin, Arabic and Urdu) and line breaks. */
export function splitSentences(folded: string): string[] {
  return folded
    .split(/[.!?;\n؟۔]+|\s[-\u2013\u2014]+\s/u)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
}

function words(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** The distinct features of a piece of folded text: words, word pairs, character n-grams inside and across words. */
export function featuresOf(folded: string): Set<string> {
  const found = new Set<string>();
  const tokens = words(folded);
  for (let i = 0; i < tokens.length; i += 1) {
    const word = tokens[i];
    found.add(`w ${word}`);
    if (i + 1 < tokens.length) found.add(`b ${word} ${tokens[i + 1]}`);
    const padded = ` ${word} `;
    for (let n = CHAR_GRAM_MIN; n <= CHAR_GRAM_MAX; n += 1) {
      for (let start = 0; start + n <= padded.length; start += 1) found.add(`c ${padded.slice(start, start + n)}`);
    }
  }
  const spanned = ` ${tokens.join(' ')} `;
  for (let n = SPAN_GRAM_MIN; n <= SPAN_GRAM_MAX; n += 1) {
    for (let start = 0; start + n <= spanned.length; start += 1) found.add(`x ${spanned.slice(start, start + n)}`);
  }
  return found;
}

/** The pieces of a message that are scored: the whole, and windows of a few sentences when it is long. */
export function windowsOf(folded: string): string[] {
  const sentences = splitSentences(folded);
  if (sentences.length === 0) return [];
  const windows = [sentences.join(' . ')];
  if (sentences.length > WHOLE_MESSAGE_SENTENCES) {
    for (let i = 0; i < sentences.length - 1; i += WINDOW_STRIDE) windows.push(sentences.slice(i, i + WINDOW_SENTENCES).join(' . '));
  }
  return windows;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** One head as scoring reads it: a weight per feature (by the feature's index), its bias and threshold. */
export interface HeadWeights {
  readonly bias: number;
  readonly weights: ArrayLike<number>;
  readonly threshold: number;
}

/**
 * What scoring reads of a model: both heads, and where a feature's weights are. A `CrisisModel` as
 * trained, or its compiled form (data/crisis/compiledCrisisModel.ts: typed arrays read from disk).
 */
export interface CrisisWeights {
  readonly signpost: HeadWeights;
  readonly help: HeadWeights;
  /** The feature's index in the heads' weights, or undefined when the model does not know it. */
  indexOf(feature: string): number | undefined;
}

/** A trained model's weights, its feature list turned into a lookup. */
function weightsOf(model: CrisisModel): CrisisWeights {
  const index = new Map(model.features.map((feature, i) => [feature, i]));
  return { signpost: model.signpost, help: model.help, indexOf: (feature) => index.get(feature) };
}

/** A model ready to score: a trained model's feature list turned into a lookup once, or its compiled form. */
export class CrisisClassifier {
  private readonly weights: CrisisWeights;

  constructor(model: CrisisModel | CrisisWeights) {
    this.weights = 'features' in model ? weightsOf(model) : model;
  }

  /** Scores one piece of folded text: both heads' probabilities. */
  scoreWindow(folded: string): ClassifierScores {
    const found = featuresOf(folded);
    if (found.size === 0) return { signpost: 0, help: 0 };
    // Each present feature counts 1, scaled so long and short pieces are comparable (unit length).
    const scale = 1 / Math.sqrt(found.size);
    const model = this.weights;
    let signpost = model.signpost.bias;
    let help = model.help.bias;
    for (const feature of found) {
      const i = model.indexOf(feature);
      if (i === undefined) continue;
      signpost += model.signpost.weights[i] * scale;
      help += model.help.weights[i] * scale;
    }
    return { signpost: sigmoid(signpost), help: sigmoid(help) };
  }

  /** Scores a whole message: the highest of its windows, head by head. */
  score(text: string): ClassifierScores {
    const best: ClassifierScores = { signpost: 0, help: 0 };
    for (const window of windowsOf(foldForClassifier(text))) {
      const scores = this.scoreWindow(window);
      best.signpost = Math.max(best.signpost, scores.signpost);
      best.help = Math.max(best.help, scores.help);
    }
    return best;
  }

  /** The band a message falls in, by the thresholds chosen at training. */
  level(scores: ClassifierScores): 'crisis' | 'concern' | 'none' {
    if (scores.signpost >= this.weights.signpost.threshold) return 'crisis';
    if (scores.help >= this.weights.help.threshold) return 'concern';
    return 'none';
  }
}
