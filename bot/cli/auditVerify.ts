import 'dotenv/config';
import { resolve } from 'node:path';
import { verifyAuditChain, type AuditVerification } from '../../domain/audit/auditChain.js';
import { Database } from '../../data/postgres/database.js';
import { PgAuditLog } from '../../data/postgres/pgAuditLog.js';
import { createPool } from '../../data/postgres/pool.js';
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
  const config = loadConfig(process.env);
  const { result, path } = args[0] || !config.DATABASE_URL ? await fromFile(args[0] ? resolve(args[0]) : resolve(config.DATA_DIR, AUDIT_LOG_FILE)) : await fromDatabase(config.DATABASE_URL);
  if (result.ok) {
    process.stdout.write(`${t('operator.auditVerify.intact', { count: result.entries, lastHash: result.lastHash })}\n${path}\n`);
    return 0;
  }
  process.stdout.write(`${t('operator.auditVerify.broken', { line: result.brokenAtLine, reason: result.reason, count: result.entries })}\n${path}\n`);
  return 1;
}

async function fromFile(path: string): Promise<{ result: AuditVerification; path: string }> {
  return { result: verifyAuditChain(await readLines(path)), path };
}

/** The chain in PostgreSQL (DATABASE_URL), read as it stands while servers run. */
async function fromDatabase(url: string): Promise<{ result: AuditVerification; path: string }> {
  const db = new Database(createPool(url, 2));
  try {
    return { result: await new PgAuditLog(db).verify(), path: redactedUrl(url) };
  } finally {
    await db.close();
  }
}

/** The database's address without its password. */
function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.password = '';
  return parsed.toString();
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`${t('operator.auditVerify.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(2);
  },
);
