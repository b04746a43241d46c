import 'dotenv/config';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resolveEncryptionKeys } from '../../data/storage/encryptionKey.js';
import { RekeyRunningError, rekeyRecords, withRekeyMarker, type RekeyCounts } from '../../data/storage/rekey.js';
import { DATA_DIR_LOCK, openStores } from '../../data/stores.js';
import { ConfigurationError, loadConfig } from '../config.js';
import { operatorCopy } from '../i18n.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/** How long a server's writes begun before the rekey marker appeared are given to finish (embedded store). */
const SETTLE_MS = 2_000;

/**
 * `npm run rekey [-- --batch-size N] [-- --limit N]`: re-encrypts every stored record under the current key
 * (the first of ONESTORY_ENCRYPTION_KEYS), safe while servers run on the same store. Stopped at any point,
 * it carries on where it was when run again. Audited. Exits 0 when every record is under the current key
 * (or `--limit` stopped it), 1 when some could not be moved to it.
 */
async function main(args: string[]): Promise<number> {
  let options: { batchSize: number; limit?: number };
  try {
    const { values } = parseArgs({ args, options: { 'batch-size': { type: 'string' }, limit: { type: 'string' } }, strict: true });
    options = { batchSize: positive(values['batch-size'] ?? '200'), limit: values.limit === undefined ? undefined : positive(values.limit) };
  } catch {
    process.stderr.write(`${t('operator.rekey.usage')}\n`);
    return 1;
  }
  const config = loadConfig(process.env);
  const dataDir = resolve(config.DATA_DIR);
  const { keys } = await resolveEncryptionKeys(config, dataDir, config.NODE_ENV === 'production');
  // The same store as the server's (PostgreSQL with DATABASE_URL), opened beside the servers that run on it.
  const stores = await openStores({ databaseUrl: config.DATABASE_URL, dataDir, keys, owner: false });
  try {
    const keyId = keys.current.id;
    process.stdout.write(`${t('operator.rekey.starting', { keyId, store: stores.kind })}\n`);
    const run = () =>
      rekeyRecords(stores.records, stores.cipher, {
        ...options,
        onBatch: (counts) => process.stdout.write(`${t('operator.rekey.progress', { examined: counts.examined, rewritten: counts.rewritten })}\n`),
      });
    const counts =
      stores.kind === 'embedded' ? await withRekeyMarker(dataDir, existsSync(join(dataDir, DATA_DIR_LOCK)) ? SETTLE_MS : 0, run) : await run();
    const complete = counts.unknownKey === 0 && counts.boundToId === 0;
    await stores.audit.record({ event: 'records.rekeyed', keyId, status: complete ? 'complete' : 'incomplete', counts: { ...counts } });
    report(counts, keyId, options.limit);
    return complete ? 0 : 1;
  } finally {
    await stores.close();
  }
}

function report(counts: RekeyCounts, keyId: string, limit: number | undefined): void {
  const lines = [t('operator.rekey.done', { ...counts, keyId })];
  if (limit !== undefined && counts.rewritten >= limit) lines.push(t('operator.rekey.limited', { limit }));
  if (counts.unknownKey > 0) lines.push(t('operator.rekey.unknownKey', { count: counts.unknownKey }));
  if (counts.boundToId > 0) lines.push(t('operator.rekey.boundToId', { count: counts.boundToId }));
  if (counts.unknownKey === 0 && counts.boundToId === 0 && (limit === undefined || counts.rewritten < limit)) lines.push(t('operator.rekey.complete'));
  process.stdout.write(`${lines.join('\n')}\n`);
}

function positive(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error('not a positive whole number');
  return value;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else if (error instanceof RekeyRunningError) process.stderr.write(`${t('operator.rekey.running', { pid: error.pid })}\n`);
    else process.stderr.write(`${t('operator.rekey.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(1);
  },
);
