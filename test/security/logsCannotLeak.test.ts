import { beforeAll, describe, expect, it } from '@jest/globals';
import { ensureServerCompiled } from '../crash/compiledServer.js';
import { abuseCompiledServer, type AbuseFigures } from '../bench/abuse.js';

/**
 * Logs that cannot leak, as an operator's log collector would see them: the compiled server
 * (`node dist/bot/index.js`) in its own process at LOG_LEVEL=debug, every line it writes to stdout and
 * stderr kept. Through every route go a personal sentence (in message texts, answers, values, query
 * strings, paths, headers) and real secrets (Direct Line tokens, an agency key, a cookie, in the
 * Authorization and Cookie headers and in bodies), in ordinary requests and in the abuse run of
 * `npm run bench` (oversized, deep, long, malformed, floods). Not one line may carry any of them; and
 * the run itself gets no 5xx and leaves the server healthy.
 *
 * Before restify's logger was replaced, 26 lines of such a run carried a token, the cookie and the
 * sentence (restify's pino logger wrote whole requests when a response could not be written).
 */

let figures: AbuseFigures & { serverStillRunning: boolean };

beforeAll(async () => {
  await ensureServerCompiled();
  figures = await abuseCompiledServer(60);
}, 600_000);

describe('the compiled server at LOG_LEVEL=debug, sent personal words and secrets through every route', () => {
  it('logged at debug level (so the check below read real log lines)', () => {
    expect(figures.logLines).toBeGreaterThan(100);
  });

  it('wrote no line carrying the personal sentence, a token, the agency key or the cookie', () => {
    const leaks = figures.leakedLines.map((entry) => `[${entry.stream}] ${entry.line.slice(0, 300)}`);
    expect(leaks).toEqual([]);
  });

  it('answered every request, none with a 5xx', () => {
    expect(figures.failedRequests).toEqual([]);
    expect(figures.serverErrors).toBe(0);
    expect(figures.unanswered).toBe(0);
  });

  it('left every abused conversation readable, and the server healthy', () => {
    expect(figures.poisonedReads).toBe(0);
    expect(figures.serverStillRunning).toBe(true);
    expect(figures.healthAfter.healthz).toBe(true);
    expect(figures.healthAfter.existingConversation).toBe(true);
  });
});
