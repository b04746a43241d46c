import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/**
 * The password strength checker: zxcvbn with its common and English dictionaries (about 6 MB of
 * JavaScript, and a third of a second of CPU to build its lookups). Loaded and built at the first password
 * someone chooses, not whenever the server or a command line starts, then kept: it keeps nothing between
 * checks.
 */
let checker: Promise<ZxcvbnFactory> | undefined;

/** How much of a password the strength check reads. */
export const STRENGTH_CHECKED_LENGTH = 64;

export function strengthChecker(): Promise<ZxcvbnFactory> {
  checker ??= buildStrengthChecker().catch((error: unknown) => {
    checker = undefined;
    throw error;
  });
  return checker;
}

async function buildStrengthChecker(): Promise<ZxcvbnFactory> {
  const [{ ZxcvbnFactory }, common, english] = await Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]);
  // zxcvbn judges the first STRENGTH_CHECKED_LENGTH characters: its cost grows fast with length (a password of
  // 256 took seconds of CPU, with the server waiting), and judging less of a password can only be stricter.
  return new ZxcvbnFactory({ dictionary: { ...common.dictionary, ...english.dictionary }, graphs: common.adjacencyGraphs, maxLength: STRENGTH_CHECKED_LENGTH });
}
