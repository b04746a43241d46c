import { Webhook } from 'standardwebhooks';
import type { AgencyDirectory } from '../../domain/sharing/agency.js';
import type { Logger } from '../logger.js';
import type { WebhookEndpoint } from './webhookDeliveryWorker.js';

/**
 * Which agencies get webhooks: those with a webhook URL in the directory and a secret in
 * AGENCY_WEBHOOK_SECRETS. In production a missing secret stops start-up; elsewhere that agency's webhook
 * is simply off (it can still pull), so the sample directory works without any setup.
 */
export function webhookEndpoints(
  directory: AgencyDirectory,
  secrets: Readonly<Record<string, string>>,
  options: { production: boolean; log: Logger },
): Map<string, WebhookEndpoint> {
  const known = new Set(directory.agencies.map((agency) => agency.id));
  const strangers = Object.keys(secrets).filter((agencyId) => !known.has(agencyId));
  if (strangers.length > 0) throw new Error(`AGENCY_WEBHOOK_SECRETS names agencies not in the directory: ${strangers.join(', ')}`);
  const endpoints = new Map<string, WebhookEndpoint>();
  for (const agency of directory.agencies) {
    const url = agency.handoff.webhookUrl;
    if (!url) continue;
    const secret = secrets[agency.id];
    if (!secret) {
      if (options.production) throw new Error(`AGENCY_WEBHOOK_SECRETS has no secret for "${agency.id}", which has a webhook URL`);
      options.log.warn('webhook.disabledNoSecret', { agencyId: agency.id });
      continue;
    }
    endpoints.set(agency.id, { url, signer: new Webhook(secret) });
  }
  return endpoints;
}
