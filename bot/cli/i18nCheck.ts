import { LOCALES_DIR, operatorCopy } from '../i18n.js';
import { runI18nCheck } from './i18nCheckReport.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/**
 * `npm run i18n:check`: compares every language in locales/ with English and prints one line a finding,
 * each text's SMS size and a summary a language. Exits 0 when there is no error (warnings allowed), 1
 * otherwise.
 */
try {
  const result = runI18nCheck(LOCALES_DIR, t);
  process.stdout.write(`${result.lines.join('\n')}\n`);
  process.exitCode = result.errors > 0 ? 1 : 0;
} catch (error) {
  process.stderr.write(`${t('operator.i18nCheck.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
  process.exitCode = 1;
}
