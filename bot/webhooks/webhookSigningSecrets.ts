import { Webhook } from 'standardwebhooks';
import type { WebhookSecretStore } from '../../data/sharing/webhookSecretStore.js';

/** Where an agency's signing secret comes from now: rotated on the admin page, the setting, or nowhere yet. */
export interface WebhookSecretState {
  source: 'rotated' | 'setting' | 'none';
  rotatedAt: string | null;
  /** Until when deliveries are also signed with the secret the last rotation replaced (null: they are not). */
  previousValidUntil: string | null;
}

/**
 * The secrets each agency's webhooks are signed with. A secret rotated on the agency admin page (stored,
 * encrypted) wins over AGENCY_WEBHOOK_SECRETS; for WEBHOOK_SECRET_GRACE_HOURS after a rotation every
 * delivery carries two signatures, the new secret's and the old one's (Standard Webhooks allows several,
 * space-separated, and receivers accept a message if any one verifies), then only the new one's.
 */
export class WebhookSigningSecrets {
  constructor(
    private readonly options: {
      settings: Readonly<Record<string, string>>;
      store: WebhookSecretStore;
      /** The grace period is measured on this clock (tests move it). */
      clock: () => Date;
      graceMs: number;
    },
  ) {}

  /** The secrets to sign with now, newest first; none when the agency has no secret at all. */
  async secretsFor(agencyId: string): Promise<string[]> {
    const stored = await this.options.store.read(agencyId);
    if (!stored) {
      const setting = this.options.settings[agencyId];
      return setting ? [setting] : [];
    }
    const previous = stored.previous && Date.parse(stored.previous.validUntil) > this.options.clock().getTime() ? [stored.previous.secret] : [];
    return [stored.secret, ...previous];
  }

  async signersFor(agencyId: string): Promise<Webhook[]> {
    return (await this.secretsFor(agencyId)).map((secret) => new Webhook(secret));
  }

  async state(agencyId: string): Promise<WebhookSecretState> {
    const stored = await this.options.store.read(agencyId);
    if (!stored) return { source: this.options.settings[agencyId] ? 'setting' : 'none', rotatedAt: null, previousValidUntil: null };
    const graceRunning = stored.previous && Date.parse(stored.previous.validUntil) > this.options.clock().getTime();
    return { source: 'rotated', rotatedAt: stored.rotatedAt, previousValidUntil: graceRunning ? stored.previous!.validUntil : null };
  }

  /** A new secret (shown once to the admin who asked), the old one honoured for the grace period. */
  async rotate(agencyId: string): Promise<{ secret: string; previousValidUntil: string | null }> {
    const stored = await this.options.store.rotate(agencyId, {
      now: this.options.clock(),
      graceMs: this.options.graceMs,
      fallback: this.options.settings[agencyId],
    });
    return { secret: stored.secret, previousValidUntil: stored.previous?.validUntil ?? null };
  }
}
