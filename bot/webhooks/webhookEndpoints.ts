import type { TFunction } from 'i18next';
import { Webhook } from 'standardwebhooks';
import type { AgencyDirectory } from '../../domain/sharing/agency.js';
import { ConfigurationError } from '../config.js';
import type { Logger } from '../logger.js';
import type { WebhookEndpoint } from './webhookDeliveryWorker.js';

export interface WebhookEndpointOptions {
  production: boolean;
  log: Logger;
  /** The operator's copy: a stray or (in production) missing secret stops start-up, saying which. */
  t: TFunction;
}

/**
 * Which agencies get webhooks: those with a webhook URL in the directory and a secret in
 * AGENCY_WEBHOOK_SECRETS. In production a missing secret stops start-up; elsewhere that agency's webhook
 * is simply off (it can still pull), so the sample directory works without any setup.
 */
export function webhookEndpoints(
  directory: AgencyDirectory,
  secrets: Readonly<Record<string, string>>,
  options: WebhookEndpointOptions,
): Map<string, WebhookEndpoint> {
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
    const secret = secrets[agency.id];
    if (!secret) {
      if (options.production) throw new ConfigurationError([`AGENCY_WEBHOOK_SECRETS: ${t('operator.config.webhookSecretMissing', { agencyId: agency.id })}`], t);
      options.log.warn('webhook.disabledNoSecret', { agencyId: agency.id });
      continue;
    }
    endpoints.set(agency.id, { url, signer: new Webhook(secret) });
  }
  return endpoints;
}
