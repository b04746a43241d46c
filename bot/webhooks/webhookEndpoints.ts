import type { TFunction } from 'i18next';
import type { AgencyDirectory } from '../../domain/sharing/agency.js';
import { ConfigurationError } from '../config.js';
import type { Logger } from '../logger.js';
import type { WebhookEndpoint } from './webhookDeliveryWorker.js';
import type { WebhookSigningSecrets } from './webhookSigningSecrets.js';

export interface WebhookEndpointOptions {
  production: boolean;
  log: Logger;
  /** The operator's copy: a stray or (in production) missing secret stops start-up, saying which. */
  t: TFunction;
  /** Each agency's secrets: rotated on the admin page (stored), else AGENCY_WEBHOOK_SECRETS. */
  signing: WebhookSigningSecrets;
}

/**
 * Which agencies get webhooks: those with a webhook URL in the directory and a secret, rotated on the agency
 * admin page or in AGENCY_WEBHOOK_SECRETS. In production a missing secret stops start-up; elsewhere that
 * agency's webhook is off (it can still pull) until an admin makes one, so the sample directory works
 * without any setup. An endpoint signs with whatever secrets the agency has at the moment it sends.
 */
export async function webhookEndpoints(
  directory: AgencyDirectory,
  secrets: Readonly<Record<string, string>>,
  options: WebhookEndpointOptions,
): Promise<Map<string, WebhookEndpoint>> {
  const known = new Set(directory.agencies.map((agency) => agency.id));
  const strangers = Object.keys(secrets).filter((agencyId) => !known.has(agencyId));
  const { t } = options;
  if (strangers.length > 0) {
    throw new ConfigurationError([`AGENCY_WEBHOOK_SECRETS: ${t('operator.config.webhookSecretsUnknownAgencies', { agencies: strangers.join(', ') })}`], t);
  }
  const endpoints = new Map<string, WebhookEndpoint>();
  for (const agency of directory.agencies) {
    const url = agency.handoff.webhookUrl;
    if (!url) continue;
    const agencyId = agency.id;
    if ((await options.signing.secretsFor(agencyId)).length === 0) {
      if (options.production) throw new ConfigurationError([`AGENCY_WEBHOOK_SECRETS: ${t('operator.config.webhookSecretMissing', { agencyId })}`], t);
      options.log.warn('webhook.disabledNoSecret', { agencyId });
    }
    endpoints.set(agencyId, { url, signers: () => options.signing.signersFor(agencyId) });
  }
  return endpoints;
}
