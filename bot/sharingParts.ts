import type { Stores } from '../data/stores.js';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../data/agencyDirectoryLoader.js';
import { PersonStore } from '../data/personStore.js';
import { loadQuestionBank } from '../data/questionBankLoader.js';
import { ResumeCodeStore } from '../data/resumeCodeStore.js';
import { WebhookOutbox } from '../data/sharing/webhookOutbox.js';
import { WebhookSecretStore } from '../data/sharing/webhookSecretStore.js';
import type { QuestionBank } from '../domain/questionBank.js';
import type { NewsNoticeSender } from '../useCases/ports.js';
import { OutcomeRecorder } from '../useCases/outcomes/outcomeRecorder.js';
import { describeErrorSafely } from './logger.js';
import { createSharing, type Sharing } from '../useCases/sharing/sharing.js';
import type { OneStoryConfig } from './config.js';
import { serverLimits } from './http/rateLimiting.js';
import type { Translations } from './i18n.js';
import type { Logger } from './logger.js';
import { webhookEndpoints } from './webhooks/webhookEndpoints.js';
import { WebhookSigningSecrets } from './webhooks/webhookSigningSecrets.js';

/** What the server and `npm run purge` both build over the stores. */
export interface SharingParts {
  bank: QuestionBank;
  directory: Awaited<ReturnType<typeof loadAgencyDirectory>>;
  endpoints: Awaited<ReturnType<typeof webhookEndpoints>>;
  /** Each agency's webhook signing secrets (rotated on the agency admin page, else the setting). */
  webhookSecrets: WebhookSigningSecrets;
  outbox: WebhookOutbox;
  people: PersonStore;
  limits: ReturnType<typeof serverLimits>;
  resumeCodes: ResumeCodeStore;
  sharing: Sharing;
  /** Writes the partnership's outcome facts; a failure is logged by name and never fails the work. */
  outcomes: OutcomeRecorder;
}

/**
 * The question bank, the agency directory, the webhook queue, people, rate limits, resume codes and both
 * sides of sharing, over the given stores. The server builds them here, and so does `npm run purge`
 * beside it, so the CLI works on exactly what the server does.
 */
export async function composeSharingParts(
  config: OneStoryConfig,
  stores: Stores,
  parts: { translations: Translations; log: Logger; clock: () => Date; questionBank?: QuestionBank; onQueued?: () => void; newsSender?: NewsNoticeSender },
): Promise<SharingParts> {
  const { documents, coordination } = stores;
  const { translations, log, clock } = parts;
  const english = translations.forLocale('en');
  const people = new PersonStore(documents);
  // Rate limits (README: Rate limits): in memory with the embedded store, in PostgreSQL across instances.
  const limits = serverLimits(config, stores.rateLimits);
  const bank = parts.questionBank ?? (await loadQuestionBank());
  // Sharing with agencies: the directory, consent and handoffs, the audit log and webhooks.
  // Webhooks run on real time whatever the clock: receivers check signature timestamps against theirs.
  const directory = await loadAgencyDirectory(config.AGENCIES_PATH ?? DEFAULT_AGENCIES_PATH, {
    topicIds: bank.topics.map((topic) => topic.id),
    allowPlainHttpWebhooks: config.NODE_ENV !== 'production',
    describedInLocales: (agencyId) => {
      const key = `agencyDirectory.${agencyId}.description`;
      return english(key) !== key;
    },
  });
  // A rotation's grace period runs on the app's clock (tests move it); signatures carry real time.
  const webhookSecrets = new WebhookSigningSecrets({
    settings: config.AGENCY_WEBHOOK_SECRETS,
    store: new WebhookSecretStore(documents),
    clock,
    graceMs: config.WEBHOOK_SECRET_GRACE_HOURS * 60 * 60_000,
  });
  const endpoints = await webhookEndpoints(directory, config.AGENCY_WEBHOOK_SECRETS, { production: config.NODE_ENV === 'production', log, t: english, signing: webhookSecrets });
  const outbox = new WebhookOutbox(documents, {
    pushesTo: async (agencyId) => endpoints.has(agencyId) && (await webhookSecrets.secretsFor(agencyId)).length > 0,
    clock: () => new Date(),
    onQueued: parts.onQueued,
  });
  const outcomes = new OutcomeRecorder(stores.outcomes, (error) => log.warn('outcomes.factNotRecorded', describeErrorSafely(error)));
  const sharing = createSharing({
    documents,
    directory,
    bank,
    audit: stores.audit,
    notifier: outbox,
    clock,
    consentMonths: config.CONSENT_MONTHS,
    coordination,
    questionText: (key, locale) => String(translations.forLocale(locale)(key)),
    people,
    newsSender: parts.newsSender,
    log,
    outcomes,
  });
  const resumeCodes = new ResumeCodeStore(documents, stores.audit, config.RESUME_CODE_DAYS, { perUser: limits.resumeCodePerUser, everyone: limits.resumeCodeEveryone });
  return { bank, directory, endpoints, webhookSecrets, outbox, people, limits, resumeCodes, sharing, outcomes };
}
