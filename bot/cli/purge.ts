import 'dotenv/config';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openStores } from '../../data/stores.js';
import { resolveEncryptionKeys } from '../../data/storage/encryptionKey.js';
import type { RetentionReport } from '../../useCases/retention.js';
import { ConfigurationError, loadConfig } from '../config.js';
import { loadTranslations, operatorCopy } from '../i18n.js';
import { createLogger } from '../logger.js';
import { retentionSweep } from '../retention/retention.js';
import { composeSharingParts } from '../sharingParts.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/** The longest period `--inactive-days` takes (as RETENTION_DAYS). */
const MAX_DAYS = 3650;

/**
 * `npm run purge [-- --dry-run] [-- --inactive-days N]`: the retention sweep the server runs daily, run now
 * (see useCases/retention.ts). Safe while servers run, on either store: it works under the same locks, and
 * a sweep running elsewhere makes it stop at once. Exits 0 when done, 1 on a bad argument, 3 when another
 * sweep is running.
 */
async function main(args: string[]): Promise<number> {
  let flags: { 'dry-run'?: boolean; 'inactive-days'?: string };
  try {
    flags = parseArgs({ args, options: { 'dry-run': { type: 'boolean' }, 'inactive-days': { type: 'string' } }, strict: true, allowPositionals: false }).values;
  } catch {
    process.stderr.write(`${t('operator.purge.usage')}\n`);
    return 1;
  }
  const config = loadConfig(process.env);
  const given = flags['inactive-days'];
  const inactiveDays = given === undefined ? config.RETENTION_DAYS : /^\d+$/.test(given) ? Number(given) : Number.NaN;
  if (!Number.isInteger(inactiveDays) || inactiveDays < 1 || inactiveDays > MAX_DAYS) {
    process.stderr.write(`${t('operator.purge.badDays')}\n${t('operator.purge.usage')}\n`);
    return 1;
  }
  const dryRun = flags['dry-run'] === true;

  const dataDir = resolve(config.DATA_DIR);
  const key = await resolveEncryptionKeys(config, dataDir, config.NODE_ENV === 'production');
  // The same store as the server's (PostgreSQL with DATABASE_URL), beside it: the server keeps the data folder.
  const stores = await openStores({ databaseUrl: config.DATABASE_URL, dataDir, keys: key.keys, poolSize: 2, owner: false });
  try {
    const report = await sweep(config, stores, { inactiveDays, dryRun });
    if (!report) {
      process.stderr.write(`${t('operator.purge.busy')}\n`);
      return 3;
    }
    process.stdout.write(`${t(dryRun ? 'operator.purge.dryRun' : 'operator.purge.done', { days: inactiveDays })}\n${t(dryRun ? 'operator.purge.countsDry' : 'operator.purge.counts', { ...report })}\n`);
    return 0;
  } finally {
    await stores.close();
  }
}

async function sweep(
  config: ReturnType<typeof loadConfig>,
  stores: Awaited<ReturnType<typeof openStores>>,
  run: { inactiveDays: number; dryRun: boolean },
): Promise<RetentionReport | undefined> {
  // Built as the server builds them; messages to agencies (an erasure asked for, a consent expired) are
  // queued for the server to send.
  const { people, resumeCodes, sharing, outcomes } = await composeSharingParts(config, stores, {
    translations: await loadTranslations(),
    log: createLogger(config.LOG_LEVEL),
    clock: () => new Date(),
  });
  return retentionSweep({ stores, people, resumeCodes, sharing: sharing.person, outcomes })({ now: new Date(), ...run });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`${t('operator.purge.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(2);
  },
);
