/**
 * Text messages, measured as a phone network measures them, and long replies split to fit.
 *
 * An SMS is sent in segments. If every character is in the GSM 03.38 alphabet the message is GSM-7: 160
 * septets in one segment, 153 in each when it needs several (the rest carries the header that joins them);
 * a character of the extension table (^ { } \ [ ~ ] | € and form feed) is an escape plus itself, two
 * septets. As soon as one character is outside it (Polish ą, Arabic, curly quotes, an en dash) the whole
 * message is UCS-2: 70 UTF-16 code units in one segment, 67 in each when several. A segment never ends
 * inside an escape pair or a surrogate pair.
 *
 * Each message the bot sends is at most `SMS_MAX_SEGMENTS` segments; longer text becomes several
 * messages. A basic phone shows each message on its own, so they break between paragraphs, list lines or
 * sentences; only a single sentence too long for one message is broken inside, at a comma or a space,
 * and never inside a word.
 */
export const SMS_MAX_SEGMENTS = 3;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Segments the text needs on its own (0 for no text). */
  segments: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
}

/** GSM 03.38's basic character set (the escape to the extension table, 0x1B, is not a character). */
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** GSM 03.38's extension table: each is sent as the escape and itself. */
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

const PER_SEGMENT: Record<SmsEncoding, { alone: number; joined: number }> = {
  'GSM-7': { alone: 160, joined: 153 },
  'UCS-2': { alone: 70, joined: 67 },
};

/** How a text would travel as one SMS: its encoding, and the segments it takes. */
export function smsSegments(text: string): SmsSize {
  const characters = Array.from(text);
  const encoding: SmsEncoding = characters.every((character) => GSM_BASIC.has(character) || GSM_EXTENSION.has(character)) ? 'GSM-7' : 'UCS-2';
  const costs = characters.map((character) => (encoding === 'UCS-2' ? character.length : GSM_EXTENSION.has(character) ? 2 : 1));
  const units = costs.reduce((sum, cost) => sum + cost, 0);
  const { alone, joined } = PER_SEGMENT[encoding];
  if (units === 0) return { encoding, segments: 0, units };
  if (units <= alone) return { encoding, segments: 1, units };
  // Several segments: a character that would straddle a boundary moves whole to the next segment.
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > joined) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { encoding, segments, units };
}

/** Whether a text can be sent as one message of at most `maxSegments` segments. */
export function fitsOneTextMessage(text: string, maxSegments = SMS_MAX_SEGMENTS): boolean {
  return smsSegments(text).segments <= maxSegments;
}

export function splitForTextMessages(text: string, maxSegments = SMS_MAX_SEGMENTS): string[] {
  const fits = (candidate: string) => fitsOneTextMessage(candidate, maxSegments);
  const trimmed = text.trim();
  if (fits(trimmed)) return trimmed ? [trimmed] : [];
  const parts: string[] = [];
  let current = '';
  for (const piece of splitAt(trimmed, LEVELS, fits, '')) {
    const joined = current ? `${current}${piece.separator}${piece.text}` : piece.text;
    if (fits(joined)) {
      current = joined;
    } else {
      if (current) parts.push(current);
      current = piece.text;
    }
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * The sentences of a text as the splitting sees them (paragraphs, then lines, then sentences): each is
 * kept whole in one message when it fits, so a sentence that does not fit is one a person would get cut.
 */
export function sentencesOf(text: string): string[] {
  return LEVELS.slice(0, SENTENCE_LEVELS).reduce(
    (chunks, level) => chunks.flatMap((chunk) => chunk.split(level.pattern)),
    [text],
  )
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}

interface Piece {
  text: string;
  /** What stood before this piece in the original: kept when pieces share a part. */
  separator: string;
}

interface Level {
  pattern: RegExp;
  separator: string;
}

/** Paragraphs, then lines, then sentences, then clauses, then words: the largest units that fit. */
const LEVELS: readonly Level[] = [
  { pattern: /\n\s*\n/, separator: '\n\n' },
  { pattern: /\n/, separator: '\n' },
  { pattern: /(?<=[.!?…؟۔])\s+/, separator: ' ' },
  { pattern: /(?<=[,;:،؛])\s+/, separator: ' ' },
  { pattern: /\s+/, separator: ' ' },
];
/** How many of the levels end a sentence (the rest break inside one). */
const SENTENCE_LEVELS = 3;

function splitAt(text: string, levels: readonly Level[], fits: (text: string) => boolean, separator: string): Piece[] {
  if (fits(text)) return [{ text, separator }];
  if (levels.length === 0) return hardSplit(text, fits, separator);
  const [level, ...finer] = levels;
  const chunks = text.split(level.pattern).map((chunk) => chunk.trim()).filter(Boolean);
  if (chunks.length === 1) return splitAt(text, finer, fits, separator);
  return chunks.flatMap((chunk, index) => splitAt(chunk, finer, fits, index === 0 ? separator : level.separator));
}

/**
 * A single "word" longer than a whole message (a pasted link): cut it, as nothing else can be done, by
 * whole characters, so a surrogate pair (an emoji) is never cut in two.
 */
function hardSplit(text: string, fits: (text: string) => boolean, separator: string): Piece[] {
  const result: Piece[] = [];
  let current = '';
  for (const character of text) {
    if (current && !fits(current + character)) {
      result.push({ text: current, separator: result.length === 0 ? separator : '' });
      current = '';
    }
    current += character;
  }
  if (current) result.push({ text: current, separator: result.length === 0 ? separator : '' });
  return result;
}
