import 'dotenv/config';
import { resolve } from 'node:path';
import { verifyAuditChain } from '../../domain/audit/auditChain.js';
import { AUDIT_LOG_FILE, readLines } from '../../data/audit/auditLog.js';
import { ConfigurationError, loadConfig } from '../config.js';
import { operatorCopy } from '../i18n.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/**
 * `npm run audit-verify [-- <path>]`: walks the audit log's hash chain and reports the first broken link.
 * Exits 0 when the chain is whole, 1 when it is broken.
 */
async function main(args: string[]): Promise<number> {
  const path = args[0] ? resolve(args[0]) : resolve(loadConfig(process.env).DATA_DIR, AUDIT_LOG_FILE);
  const result = verifyAuditChain(await readLines(path));
  if (result.ok) {
    process.stdout.write(`${t('operator.auditVerify.intact', { entries: result.entries, lastHash: result.lastHash })}\n${path}\n`);
    return 0;
  }
  process.stdout.write(`${t('operator.auditVerify.broken', { line: result.brokenAtLine, reason: result.reason, entries: result.entries })}\n${path}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`${t('operator.auditVerify.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(2);
  },
);
