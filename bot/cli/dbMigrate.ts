import 'dotenv/config';
import { migrate } from '../../data/postgres/migrate.js';
import { createPool } from '../../data/postgres/pool.js';
import { ConfigurationError, loadConfig } from '../config.js';
import { operatorCopy } from '../i18n.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/**
 * `npm run db:migrate`: applies the migrations in data/postgres/migrations that DATABASE_URL's database has
 * not had yet (the server also does this at start-up, under the same lock). Exits 0 when up to date.
 */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  if (!config.DATABASE_URL) {
    process.stderr.write(`${t('operator.dbMigrate.noDatabase')}\n`);
    return 1;
  }
  const pool = createPool(config.DATABASE_URL, 2);
  try {
    const applied = await migrate(pool);
    process.stdout.write(`${applied.length > 0 ? t('operator.dbMigrate.applied', { versions: applied.join(', ') }) : t('operator.dbMigrate.upToDate')}\n`);
    return 0;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`${t('operator.dbMigrate.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(2);
  },
);
