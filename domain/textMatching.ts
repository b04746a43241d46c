/**
 * Forgiving matching of what a person typed against words we know (commands, choice labels).
 * People type on small phones, in distress, in a hurry: "skpi", "Help!", "  Menu. " all count.
 */

/** Lower-case, Unicode-normalised, punctuation and extra spaces removed; letters of every script kept. */
export function normaliseForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(/'/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Optimal string alignment distance (edits, with adjacent swaps counting as one), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array<number>(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, rows[i - 2][j - 2] + 1);
      }
      rows[i][j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
  }
  return rows[a.length][b.length];
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
