import { z } from 'zod';

/** Standard Webhooks secrets are `whsec_` and base64 of 24 to 64 random bytes. */
const WHSEC = /^whsec_[A-Za-z0-9+/]+={0,2}$/;
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

export function isWebhookSecret(value: string): boolean {
  if (!WHSEC.test(value)) return false;
  const bytes = Buffer.from(value.slice('whsec_'.length), 'base64').length;
  return bytes >= MIN_SECRET_BYTES && bytes <= MAX_SECRET_BYTES;
}

/**
 * AGENCY_WEBHOOK_SECRETS: a JSON object from agency id to that agency's `whsec_…` secret. Messages name
 * the rule, never the value (it is a secret); they are keys of the operator's copy (locales/en/operator.json).
 */
export const AgencyWebhookSecretsSchema = z
  .string()
  .optional()
  .transform((value, ctx): Record<string, string> => {
    if (!value || value.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'operator.config.webhookSecretsJson' });
      return z.NEVER;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'operator.config.webhookSecretsJson' });
      return z.NEVER;
    }
    const secrets: Record<string, string> = {};
    for (const [agencyId, secret] of Object.entries(parsed as Record<string, unknown>)) {
      if (typeof secret !== 'string' || !isWebhookSecret(secret)) {
        ctx.addIssue({
          code: 'custom',
          message: 'operator.config.webhookSecretFormat',
          params: { agencyId, minBytes: MIN_SECRET_BYTES, maxBytes: MAX_SECRET_BYTES },
        });
        return z.NEVER;
      }
      secrets[agencyId] = secret;
    }
    return secrets;
  });
