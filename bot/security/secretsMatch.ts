import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * The one way this code base compares a secret someone presented with the one it holds. Both are hashed
 * first so the comparison takes the same time whatever their lengths, and a missing or empty value never
 * matches (an empty expected secret must not let an empty header through).
 */
export function secretsMatch(presented: string | undefined, expected: string | undefined): boolean {
  if (!presented || !expected) return false;
  const a = createHash('sha256').update(presented, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
