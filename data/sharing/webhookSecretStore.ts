import { randomBytes } from 'node:crypto';
import type { DocumentStore } from '../../useCases/ports.js';

const SECRETS = 'agency-webhook-secrets';
/** Standard Webhooks secrets: `whsec_` and base64 of random bytes (32 here; the setting accepts 24 to 64). */
const SECRET_BYTES = 32;

/** One agency's stored signing secret, and the one it replaced while that one is still honoured. */
export interface StoredWebhookSecret {
  agencyId: string;
  secret: string;
  rotatedAt: string;
  /** The secret before the last rotation, and until when deliveries are also signed with it. */
  previous: { secret: string; validUntil: string } | null;
}

/**
 * Webhook signing secrets an agency admin has rotated (issue 13): one encrypted document per agency, which
 * takes precedence over AGENCY_WEBHOOK_SECRETS. A rotation keeps the secret it replaces for a grace period,
 * so the agency can switch its receiver over without losing a message.
 */
export class WebhookSecretStore {
  constructor(private readonly documents: DocumentStore) {}

  read(agencyId: string): Promise<StoredWebhookSecret | undefined> {
    return this.documents.read<StoredWebhookSecret>(SECRETS, agencyId);
  }

  /**
   * Makes a new secret for the agency. The one in use until now (the stored one, else `fallback`, the
   * setting's) stays valid until `now + graceMs`; one older than that is dropped at once.
   */
  rotate(agencyId: string, options: { now: Date; graceMs: number; fallback?: string }): Promise<StoredWebhookSecret> {
    const secret = `whsec_${randomBytes(SECRET_BYTES).toString('base64')}`;
    return this.documents.update<StoredWebhookSecret>(SECRETS, agencyId, (current) => {
      const replaced = current?.secret ?? options.fallback;
      const validUntil = new Date(options.now.getTime() + options.graceMs).toISOString();
      return {
        agencyId,
        secret,
        rotatedAt: options.now.toISOString(),
        previous: replaced && options.graceMs > 0 ? { secret: replaced, validUntil } : null,
      };
    });
  }
}
