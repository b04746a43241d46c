import 'dotenv/config';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { AgencyKeyStore } from '../../data/sharing/agencyKeyStore.js';
import type { AuditLog } from '../../useCases/ports.js';
import { ConfigurationError, type OneStoryConfig } from '../config.js';
import { withOperatorStores } from './operatorStores.js';
import { operatorCopy } from '../i18n.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();

/** `npm run agency-key`: create, revoke and list agency API keys. Every change is audited. */
async function main(args: string[]): Promise<number> {
  const [command, target] = args;
  if (!command || !target || !['create', 'revoke', 'list'].includes(command)) {
    process.stderr.write(`${t('operator.agencyKey.usage')}\n`);
    return 1;
  }
  // The same store as the server's (PostgreSQL with DATABASE_URL), safe while servers run.
  return withOperatorStores((stores, config) => run(command, target, config, new AgencyKeyStore(stores.documents), stores.audit));
}

async function run(command: string, target: string, config: OneStoryConfig, keys: AgencyKeyStore, audit: AuditLog): Promise<number> {

  if (command === 'revoke') {
    const revoked = await keys.revoke(target);
    if (!revoked) {
      process.stderr.write(`${t('operator.agencyKey.noSuchKey', { keyId: target })}\n`);
      return 1;
    }
    if (revoked.alreadyRevoked) {
      process.stdout.write(`${t('operator.agencyKey.alreadyRevoked', { keyId: revoked.keyId, agencyId: revoked.agencyId, revokedAt: revoked.revokedAt })}\n`);
      return 0;
    }
    await audit.record({ event: 'agency-key.revoked', agencyId: revoked.agencyId, keyId: revoked.keyId });
    process.stdout.write(`${t('operator.agencyKey.revoked', { keyId: revoked.keyId, agencyId: revoked.agencyId })}\n`);
    return 0;
  }

  const bank = await loadQuestionBank();
  const directory = await loadAgencyDirectory(config.AGENCIES_PATH ?? DEFAULT_AGENCIES_PATH, {
    topicIds: bank.topics.map((topic) => topic.id),
    allowPlainHttpWebhooks: config.NODE_ENV !== 'production',
  });
  if (!directory.agencies.some((agency) => agency.id === target)) {
    const known = directory.agencies.map((agency) => agency.id).join(', ');
    process.stderr.write(`${t('operator.agencyKey.noSuchAgency', { agencyId: target, known })}\n`);
    return 1;
  }
  if (command === 'list') {
    for (const summary of await keys.list(target)) {
      const line = summary.revokedAt
        ? t('operator.agencyKey.listedRevoked', { keyId: summary.keyId, createdAt: summary.createdAt, revokedAt: summary.revokedAt })
        : t('operator.agencyKey.listedActive', { keyId: summary.keyId, createdAt: summary.createdAt });
      process.stdout.write(`${line}\n`);
    }
    return 0;
  }
  const created = await keys.create(target);
  await audit.record({ event: 'agency-key.created', agencyId: target, keyId: created.keyId });
  process.stdout.write(
    `${t('operator.agencyKey.created', { keyId: created.keyId, agencyId: target })}\n\n  ${created.key}\n\n` +
      `${t('operator.agencyKey.howToUse', { keyId: created.keyId })}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`${t('operator.agencyKey.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(1);
  },
);
