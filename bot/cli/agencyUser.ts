import 'dotenv/config';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import type { Stores } from '../../data/stores.js';
import type { StaffRole } from '../../domain/staff/staffRoles.js';
import type { SetupInvitation, StaffChangeRefusal } from '../../useCases/staff/staffAccounts.js';
import { StaffAccountService } from '../../useCases/staff/staffAccountService.js';
import { StaffSessionStore } from '../../useCases/staff/staffSessionStore.js';
import { ConfigurationError, publicUrl, type OneStoryConfig } from '../config.js';
import { withOperatorStores } from './operatorStores.js';
import { operatorCopy } from '../i18n.js';

/** What this command tells the operator (locales/en/operator.json). */
const t = operatorCopy();
const OPERATOR = { kind: 'operator' } as const;
const ROLE_FLAGS: Record<string, StaffRole> = { '--admin': 'agency-admin', '--worker': 'worker', '--partnership': 'partnership' };

/**
 * `npm run agency-user`: agency staff accounts from the server's command line. `create` prints a one-time
 * setup link (24 hours); `list` shows an agency's staff; `remove` ends an account and its sessions;
 * `new-link` replaces an invited account's link (the old one stops working). Every change is audited.
 */
async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  const flags = rest.filter((arg) => arg.startsWith('--'));
  const words = rest.filter((arg) => !arg.startsWith('--'));
  const valid =
    (command === 'create' && words.length === 2 && flags.length === 1 && ROLE_FLAGS[flags[0]] !== undefined) ||
    (['list', 'remove', 'new-link'].includes(command) && words.length === 1 && flags.length === 0);
  if (!valid) {
    process.stderr.write(`${t('operator.agencyUser.usage')}\n`);
    return 1;
  }
  // The same store as the server's (PostgreSQL with DATABASE_URL), safe while servers run.
  return withOperatorStores((stores, config) => run(command, words, flags[0], config, stores));
}

async function run(command: string, words: string[], flag: string | undefined, config: OneStoryConfig, stores: Stores): Promise<number> {
  const bank = await loadQuestionBank();
  const directory = await loadAgencyDirectory(config.AGENCIES_PATH ?? DEFAULT_AGENCIES_PATH, {
    topicIds: bank.topics.map((topic) => topic.id),
    allowPlainHttpWebhooks: config.NODE_ENV !== 'production',
  });
  const known = new Set(directory.agencies.map((agency) => agency.id));
  const clock = () => new Date();
  const sessions = new StaffSessionStore({ documents: stores.documents, audit: stores.audit, clock, idleMinutes: config.STAFF_IDLE_MINUTES });
  const accounts = new StaffAccountService({ documents: stores.documents, coordination: stores.coordination, audit: stores.audit, clock, sessions, agencyExists: (id) => known.has(id) });
  sessions.useAccounts(accounts);
  const link = (invitation: SetupInvitation) => `${publicUrl(config)}/inbox/setup/${invitation.setupToken}`;
  const noSuchAgency = (agencyId: string) => {
    process.stderr.write(`${t('operator.agencyUser.noSuchAgency', { agencyId, known: [...known].join(', ') })}\n`);
    return 1;
  };

  if (command === 'create') {
    const [target, email] = words;
    const role = ROLE_FLAGS[flag!];
    if ((role === 'partnership') !== (target === 'partnership')) {
      process.stderr.write(`${t('operator.agencyUser.partnershipOnly')}\n`);
      return 1;
    }
    if (role !== 'partnership' && !known.has(target)) return noSuchAgency(target);
    const invited = await accounts.invite(OPERATOR, { agencyId: role === 'partnership' ? null : target, email, role });
    if ('refused' in invited) return refused(invited.refused, email);
    process.stdout.write(
      `${t('operator.agencyUser.created', { email: invited.staff.email, role, agencyId: target, staffId: invited.staff.staffId })}\n\n  ${link(invited)}\n\n` +
        `${t('operator.agencyUser.linkNote', { expiresAt: invited.expiresAt })}\n`,
    );
    return 0;
  }
  if (command === 'list') {
    const [target] = words;
    if (target !== 'partnership' && !known.has(target)) return noSuchAgency(target);
    const staff = target === 'partnership' ? await accounts.listPartnership() : await accounts.list(target);
    if (staff.length === 0) process.stdout.write(`${t('operator.agencyUser.noneYet', { agencyId: target })}\n`);
    for (const member of staff) {
      process.stdout.write(`${t('operator.agencyUser.listed', { email: member.email, role: member.role, status: member.status, staffId: member.staffId, createdAt: member.createdAt })}\n`);
    }
    return 0;
  }
  const [email] = words;
  const member = await accounts.findByEmail(email);
  if (!member || member.status === 'removed') {
    process.stderr.write(`${t('operator.agencyUser.noSuchAccount', { email })}\n`);
    return 1;
  }
  if (command === 'remove') {
    const removed = await accounts.remove(OPERATOR, member.staffId);
    if ('refused' in removed) return refused(removed.refused, email);
    process.stdout.write(`${t('operator.agencyUser.removed', { email: removed.email })}\n`);
    return 0;
  }
  const renewed = await accounts.renewSetupLink(OPERATOR, member.staffId);
  if ('refused' in renewed) return refused(renewed.refused === 'invalid' ? 'already_set_up' : renewed.refused, email);
  process.stdout.write(`${t('operator.agencyUser.newLink', { email: renewed.staff.email })}\n\n  ${link(renewed)}\n\n${t('operator.agencyUser.linkNote', { expiresAt: renewed.expiresAt })}\n`);
  return 0;
}

function refused(reason: StaffChangeRefusal | 'already_set_up', email: string): number {
  process.stderr.write(`${t(`operator.agencyUser.refused.${reason}`, { email })}\n`);
  return 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigurationError) process.stderr.write(error.message + '\n');
    else process.stderr.write(`${t('operator.agencyUser.failed', { error: error instanceof Error ? error.message : t('operator.unknownError') })}\n`);
    process.exit(1);
  },
);
