import { describeErrorSafely, type Logger } from '../logger.js';

/**
 * What restify is given as its logger instead of its default pino, which writes whole requests (headers
 * with the Authorization token and cookies, the parsed body) and any value it is handed. restify calls a
 * pino-shaped object: `log.warn(fields, message, ...args)`, `log.trace()` to ask whether tracing is on,
 * `log.child()`. Here every call becomes one of our events (bot/logger.ts): which restify message it was,
 * from a fixed list, and an error's name and stack frames; the fields, the message's arguments and any
 * message not on the list are dropped unread.
 */

/** restify 11's own messages at warn and above, as event names; anything else is `http.framework`. */
const KNOWN_MESSAGES: ReadonlyArray<[RegExp, string]> = [
  [/^Discarded returned value from async handler/, 'http.handlerReturnedValue'],
  [/formatter|formatting/, 'http.responseNotWritten'],
  [/deprecat/i, 'http.deprecated'],
];

type Level = 'debug' | 'info' | 'warn' | 'error';

export interface FrameworkLogger {
  trace(...args: unknown[]): boolean | undefined;
  debug(...args: unknown[]): boolean | undefined;
  info(...args: unknown[]): boolean | undefined;
  warn(...args: unknown[]): boolean | undefined;
  error(...args: unknown[]): boolean | undefined;
  fatal(...args: unknown[]): boolean | undefined;
  child(): FrameworkLogger;
}

export function frameworkLogger(log: Logger): FrameworkLogger {
  const emit =
    (level: Level | undefined) =>
    (...args: unknown[]): boolean | undefined => {
      // pino's `log.trace()` with no arguments asks whether that level is on: restify then builds a
      // record of the whole request, so the answer for trace (and debug) is always no.
      if (args.length === 0) return level === 'warn' || level === 'error';
      if (level === undefined || level === 'debug' || level === 'info') return undefined;
      const [first, second] = args;
      const message = typeof first === 'string' ? first : typeof second === 'string' ? second : '';
      const event = KNOWN_MESSAGES.find(([pattern]) => pattern.test(message))?.[1] ?? 'http.framework';
      const error = firstError(first);
      log[level](event, error ? describeErrorSafely(error) : {});
      return undefined;
    };
  const logger: FrameworkLogger = {
    trace: emit(undefined),
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    fatal: emit('error'),
    child: () => logger,
  };
  return logger;
}

/** An error restify passed in its fields (`{ err }`), or as the first argument. */
function firstError(first: unknown): Error | undefined {
  if (first instanceof Error) return first;
  if (typeof first !== 'object' || first === null) return undefined;
  const err = (first as { err?: unknown }).err;
  return err instanceof Error ? err : undefined;
}
