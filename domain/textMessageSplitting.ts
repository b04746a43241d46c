/**
 * Splitting a long message into text-message-sized parts. A basic phone shows each part on its own,
 * so parts break between paragraphs, list lines or sentences; only a single sentence longer than the
 * limit is broken inside, at a comma or a space, and never inside a word.
 */
export const SMS_PART_LIMIT = 320;

export function splitForTextMessages(text: string, limit = SMS_PART_LIMIT): string[] {
  const trimmed = text.trim();
  if (trimmed.length <= limit) return trimmed ? [trimmed] : [];
  const parts: string[] = [];
  let current = '';
  for (const piece of pieces(trimmed, limit)) {
    const joined = current ? `${current}${piece.separator}${piece.text}` : piece.text;
    if (joined.length <= limit) {
      current = joined;
    } else {
      if (current) parts.push(current);
      current = piece.text;
    }
  }
  if (current) parts.push(current);
  return parts;
}

interface Piece {
  text: string;
  /** What stood before this piece in the original: kept when pieces share a part. */
  separator: string;
}

/** Paragraphs, then lines, then sentences, then clauses, then words: the largest units that fit. */
function pieces(text: string, limit: number): Piece[] {
  const levels: Array<{ pattern: RegExp; separator: string }> = [
    { pattern: /\n\s*\n/, separator: '\n\n' },
    { pattern: /\n/, separator: '\n' },
    { pattern: /(?<=[.!?…])\s+/, separator: ' ' },
    { pattern: /(?<=[,;:])\s+/, separator: ' ' },
    { pattern: /\s+/, separator: ' ' },
  ];
  return splitAt(text, levels, limit, '');
}

function splitAt(text: string, levels: Array<{ pattern: RegExp; separator: string }>, limit: number, separator: string): Piece[] {
  if (text.length <= limit || levels.length === 0) return text.length <= limit ? [{ text, separator }] : hardSplit(text, limit, separator);
  const [level, ...finer] = levels;
  const chunks = text.split(level.pattern).map((chunk) => chunk.trim()).filter(Boolean);
  if (chunks.length === 1) return splitAt(text, finer, limit, separator);
  return chunks.flatMap((chunk, index) => splitAt(chunk, finer, limit, index === 0 ? separator : level.separator));
}

/** A single "word" longer than a whole message (a pasted link): cut it, as nothing else can be done. */
function hardSplit(text: string, limit: number, separator: string): Piece[] {
  const result: Piece[] = [];
  for (let start = 0; start < text.length; start += limit) result.push({ text: text.slice(start, start + limit), separator: start === 0 ? separator : '' });
  return result;
}
