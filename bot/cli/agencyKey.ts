import 'dotenv/config';
import { resolve } from 'node:path';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { AUDIT_LOG_FILE, AppendOnlyAuditLog } from '../../data/audit/auditLog.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { AgencyKeyStore } from '../../data/sharing/agencyKeyStore.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { resolveEncryptionKey } from '../../data/storage/encryptionKey.js';
import { ConfigurationError, loadConfig } from '../config.js';

const USAGE = `Usage:
  npm run agency-key -- create <agencyId>   make a key for an agency (shown once: hand it over securely)
  npm run agency-key -- revoke <keyId>      stop a key working at once
  npm run agency-key -- list <agencyId>     an agency's keys (ids and dates, never the keys)
Uses DATA_DIR and ONESTORY_ENCRYPTION_KEY from the environment or .env, like the server.`;

/** `npm run agency-key`: create, revoke and list agency API keys. Every change is audited. */
async function main(args: string[]): Promise<number> {
  const [command, target] = args;
  if (!command || !target || !['create', 'revoke', 'list'].includes(command)) {
    process.stderr.write(USAGE + '\n');
    return 1;
  }
  const config = loadConfig(process.env);
  const dataDir = resolve(config.DATA_DIR);
  const key = await resolveEncryptionKey(config.ONESTORY_ENCRYPTION_KEY, dataDir, config.NODE_ENV === 'production');
  const keys = new AgencyKeyStore(new EncryptedFileDocumentStore(dataDir, new RecordCipher(key.key)));
  const audit = new AppendOnlyAuditLog(resolve(dataDir, AUDIT_LOG_FILE));

  if (command === 'revoke') {
    const revoked = await keys.revoke(target);
    if (!revoked) {
      process.stderr.write(`No key with id ${target}.\n`);
      return 1;
    }
    if (revoked.alreadyRevoked) {
      process.stdout.write(`Key ${revoked.keyId} of ${revoked.agencyId} was already revoked on ${revoked.revokedAt}.\n`);
      return 0;
    }
    await audit.record({ event: 'agency-key.revoked', agencyId: revoked.agencyId, keyId: revoked.keyId });
    process.stdout.write(`Revoked key ${revoked.keyId} of ${revoked.agencyId}. Requests made with it now answer 401.\n`);
    return 0;
  }

  const bank = await loadQuestionBank();
  const directory = await loadAgencyDirectory(config.AGENCIES_PATH ?? DEFAULT_AGENCIES_PATH, {
    topicIds: bank.topics.map((topic) => topic.id),
    allowPlainHttpWebhooks: config.NODE_ENV !== 'production',
  });
  if (!directory.agencies.some((agency) => agency.id === target)) {
    process.stderr.write(`No agency with id ${target} in the directory. Known: ${directory.agencies.map((agency) => agency.id).join(', ')}\n`);
    return 1;
  }
  if (command === 'list') {
    for (const summary of await keys.list(target)) {
      process.stdout.write(`${summary.keyId}  created ${summary.createdAt}  ${summary.revokedAt ? `revoked ${summary.revokedAt}` : 'active'}\n`);
    }
    return 0;
  }
  const created = await keys.create(target);
  await audit.record({ event: 'agency-key.created', agencyId: target, keyId: created.keyId });
  process.stdout.write(
    `Key ${created.keyId} for ${target}. It is shown only this once; we keep only its hash:\n\n  ${created.key}\n\n` +
      `Use it as: Authorization: Bearer <key>. Revoke with: npm run agency-key -- revoke ${created.keyId}\n`,
  );
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`agency-key failed: ${error instanceof Error ? error.message : 'unknown error'}\n`);
    process.exit(1);
  },
);
