import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { editDistance } from '../../domain/textMatching.js';

/** The textbook optimal string alignment distance: a full table, nothing reused, no early stop. */
function referenceDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('editDistance', () => {
  it.each([
    ['skip', 'skpi', 1],
    ['menu', 'menu', 0],
    ['housing', 'hosuing', 1],
    ['language', 'langauge', 1],
    ['sofa surfing', 'sofa surfng', 1],
    ['back', 'bank', 1],
  ])('%j and %j are %i apart', (a, b, distance) => {
    expect(editDistance(a, b, 2)).toBe(distance);
  });

  it('agrees with the full table for any two words, called one after another with any lengths (its rows are reused)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'é', 'ł'), maxLength: 90 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => {
        const expected = referenceDistance(a, b);
        const distance = editDistance(a, b, limit);
        // Within the limit, the exact distance; past it, anything past it (it stops early).
        if (expected <= limit) expect(distance).toBe(expected);
        else expect(distance).toBeGreaterThan(limit);
      }),
      { numRuns: 500 },
    );
  });
});
