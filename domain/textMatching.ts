/**
 * Forgiving matching of what a person typed against words we know (commands, choice labels).
 * People type on small phones, in distress, in a hurry: "skpi", "Help!", "  Menu. " all count.
 */

/** Short texts seen again and again (labels, synonyms, commands): normalised once, in a bounded memo. */
const MEMO_LIMIT = 5_000;
const MEMO_MAX_LENGTH = 120;
const memo = new Map<string, string>();

/**
 * Lower-case, Unicode-normalised, punctuation and extra spaces removed; letters of every script kept, and
 * accents and other marks taken off, since phones often type without them: `jezyk` is `język`, `inapoi` is
 * `înapoi`, an Arabic word with or without its vowel marks or hamza is the same word.
 */
export function normaliseForMatching(text: string): string {
  if (text.length > MEMO_MAX_LENGTH) return normalise(text);
  let normalised = memo.get(text);
  if (normalised === undefined) {
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, (normalised = normalise(text)));
  }
  return normalised;
}

/** Letters that are not a base letter plus a mark, so taking marks off does not reach them. */
const UNMARKED: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i', ħ: 'h' };

function normalise(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łđøßæœıħ]/g, (letter) => UNMARKED[letter] ?? letter)
    // Arabic-Indic and Persian/Urdu digits are the numbers of a numbered list too ("٢" is 2).
    .replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (digit) => String((digit.codePointAt(0)! - 0x0660) % 0x90))
    .normalize('NFC')
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The three rolling rows of editDistance, kept between calls: it runs for every known phrase against
 * every short message, and a fresh set of arrays per call was a tenth of what a turn allocated.
 */
let rows = new Int32Array(3 * 64);

/** Optimal string alignment distance (edits, with adjacent swaps counting as one), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rolling rows (the one before last is needed for swaps), side by side in one reused array.
  const width = b.length + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  let beforeLast = 0;
  let last = width;
  let current = 2 * width;
  for (let j = 0; j < width; j++) rows[last + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[last + j] + 1, rows[current + j - 1] + 1, rows[last + j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, rows[beforeLast + j - 2] + 1);
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const oldest = beforeLast;
    beforeLast = last;
    last = current;
    current = oldest;
  }
  return rows[last + b.length];
}

/**
 * How many typing slips we forgive for a word of this length. Short words get none but a swapped pair
 * of letters, so that "men" is never read as "menu" and "bank" never as "back".
 */
export function allowedSlips(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/** True when `typed` (already normalised) is `known` (normalised), allowing for small slips. */
export function isCloseMatch(typed: string, known: string): boolean {
  if (typed === known) return true;
  if (typed.length < 3 || known.length < 3) return false;
  const slips = allowedSlips(known.length);
  if (slips === 0) return typed.length === known.length && isOneAdjacentSwap(typed, known);
  return editDistance(typed, known, slips) <= slips;
}

function isOneAdjacentSwap(a: string, b: string): boolean {
  const differences: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differences.push(i);
  return (
    differences.length === 2 &&
    differences[1] === differences[0] + 1 &&
    a[differences[0]] === b[differences[1]] &&
    a[differences[1]] === b[differences[0]]
  );
}
