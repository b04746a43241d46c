/**
 * A second count of SMS segments, written from the GSM 03.38 tables here rather than taken from
 * domain/textMessageSplitting.ts, so the SMS tests check what goes out against something the code under
 * test did not write.
 */

/** GSM 03.38's default alphabet, row by row as the standard prints it (0x1B, the escape, left as NUL). */
const GSM_TABLE = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
].join('');
/** The extension table: form feed, ^ { } \ [ ~ ] | €, each sent after the escape. */
const GSM_ESCAPED = '\f^{}\\[~]|€';

export interface CountedSms {
  encoding: 'GSM-7' | 'UCS-2';
  segments: number;
}

export function countSmsSegments(text: string): CountedSms {
  const isGsm = [...text].every((c) => c !== '\u0000' && (GSM_TABLE.includes(c) || GSM_ESCAPED.includes(c)));
  // Each character as the units it occupies: septets for GSM-7, UTF-16 code units for UCS-2.
  const sizes = isGsm ? [...text].map((c) => (GSM_ESCAPED.includes(c) ? 2 : 1)) : [...text].map((c) => c.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const [single, perPart] = isGsm ? [160, 153] : [70, 67];
  if (total <= single) return { encoding: isGsm ? 'GSM-7' : 'UCS-2', segments: total === 0 ? 0 : 1 };
  const partSizes = [0];
  for (const size of sizes) {
    if (partSizes[partSizes.length - 1] + size > perPart) partSizes.push(0);
    partSizes[partSizes.length - 1] += size;
  }
  return { encoding: isGsm ? 'GSM-7' : 'UCS-2', segments: partSizes.length };
}
