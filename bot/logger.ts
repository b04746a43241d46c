/**
 * Structured logs that can never carry what a person told us: callers pass a fixed event name and
 * metadata (ids, counts, codes); errors are reduced to their name, code and stack frames, because an
 * error's message can quote the input that caused it.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
type LogFields = Record<string, string | number | boolean | undefined>;

const LEVEL_ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stderr.write(line + '\n')): Logger {
  const emit = (at: Exclude<LogLevel, 'silent'>) => (event: string, fields: LogFields = {}) => {
    if (LEVEL_ORDER[at] < LEVEL_ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, event, ...fields }));
  };
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** What of an error is safe to log: its kind and where it happened, never its message. */
export function describeErrorSafely(error: unknown): LogFields {
  if (!(error instanceof Error)) return { errorType: typeof error };
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 6)
    .map((line) => line.trim())
    .join(' | ');
  const code = (error as { code?: unknown }).code;
  return { errorName: error.name, errorCode: typeof code === 'string' ? code : undefined, frames };
}
