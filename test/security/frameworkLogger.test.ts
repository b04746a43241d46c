import { describe, expect, it } from '@jest/globals';
import { frameworkLogger } from '../../bot/http/frameworkLogger.js';
import { createLogger } from '../../bot/logger.js';
import { brokenLimit, BODY_LIMITS } from '../../bot/http/inputLimits.js';
import { nestedJson } from '../bench/abuse.js';

/**
 * restify is given our logger in place of its pino: whatever restify hands it (a whole request with its
 * Authorization header and cookies, a body, a returned value, an error whose message quotes the input),
 * what reaches the log is an event name and an error's kind, nothing else. The end-to-end proof, over
 * every route of the compiled server, is test/security/logsCannotLeak.test.ts.
 */

const SECRET = 'Bearer dl-token-4f9a2c';
const WORDS = 'I sleep behind the bus station';

function capture(): { lines: string[]; log: ReturnType<typeof frameworkLogger> } {
  const lines: string[] = [];
  return { lines, log: frameworkLogger(createLogger('debug', (line) => lines.push(line))) };
}

const request = { method: 'POST', url: `/v3/directline/conversations/x/activities?text=${WORDS}`, headers: { authorization: SECRET, cookie: `session=${SECRET}` }, body: { text: WORDS } };

describe("restify's logger, replaced", () => {
  it('when restify cannot write a response, logs that it happened and the error kind, never the request', () => {
    const { lines, log } = capture();
    const error = new RangeError(`Maximum call stack size exceeded near "${WORDS}"`);
    log.warn({ req: request, err: error }, 'error in formatter (application/json) formatting response body');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(entry).toMatchObject({ level: 'warn', event: 'http.responseNotWritten', errorName: 'RangeError' });
    expect(lines[0]).not.toContain('dl-token');
    expect(lines[0]).not.toContain('bus station');
  });

  it('when an async handler returns a value, logs the event without the value', () => {
    const { lines, log } = capture();
    log.warn({ value: { text: WORDS, token: SECRET } }, 'Discarded returned value from async handler');
    expect(JSON.parse(lines[0])).toMatchObject({ event: 'http.handlerReturnedValue' });
    expect(lines[0]).not.toContain('bus station');
  });

  it('drops the message and arguments of a message it does not know', () => {
    const { lines, log } = capture();
    log.error(`something about ${WORDS}`, request);
    log.error({ req: request }, 'params: %j', request);
    expect(lines.map((line) => (JSON.parse(line) as { event: string }).event)).toEqual(['http.framework', 'http.framework']);
    expect(lines.join('\n')).not.toMatch(/bus station|dl-token/);
  });

  it('says trace and debug are off, so restify never builds its request records, and writes nothing for them', () => {
    const { lines, log } = capture();
    expect(log.trace()).toBe(false);
    expect(log.debug()).toBe(false);
    log.trace({ req: request }, 'response::send entered');
    log.debug({ req: request }, 'anything');
    log.info({ req: request }, 'handled: %d', 200);
    expect(lines).toEqual([]);
    expect(log.child()).toBe(log);
  });
});

describe('the input limits check', () => {
  it('walks a body 100,000 levels deep without overflowing its own stack', () => {
    expect(brokenLimit(JSON.parse(nestedJson(100_000)), BODY_LIMITS)).toBe('too_deep');
    expect(brokenLimit(JSON.parse(nestedJson(BODY_LIMITS.depth - 1, 'object')), BODY_LIMITS)).toBeUndefined();
    expect(brokenLimit(JSON.parse(nestedJson(BODY_LIMITS.depth + 1, 'object')), BODY_LIMITS)).toBe('too_deep');
  });
});
