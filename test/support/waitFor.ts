/**
 * Waits until a condition holds, checking often. The deadline is only a safety net so a broken test
 * fails rather than hangs; no test asserts how fast anything happens.
 */
export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, deadlineMs = 15_000): Promise<T> {
  const giveUpAt = Date.now() + deadlineMs;
  for (;;) {
    const result = await check();
    if (result) return result;
    if (Date.now() > giveUpAt) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
