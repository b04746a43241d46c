import { z } from 'zod';
import { isLoopbackHost } from '../channelCalls.js';

/**
 * AGENCY_SSO: which agencies sign their staff in with their own OpenID Connect provider (Microsoft Entra ID,
 * Okta, Google Workspace…) instead of a password and TOTP. A JSON object from agency id to its provider:
 *
 *   {"camcouncil-housing": {"issuer": "https://login.microsoftonline.com/<tenant-id>/v2.0",
 *                            "clientId": "…", "clientSecret": "…", "emailDomains": ["cambridge.gov.uk"]}}
 *
 * Messages name the agency and the rule, never a value (the secret least of all); they are keys of the
 * operator's copy (locales/en/operator.json).
 */
export interface AgencyProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Work email domains routed to this provider from the "sign in with your organisation" page. */
  emailDomains: string[];
  /** Refuse an email the provider does not say is verified (`email_verified`); Entra ID does not send it, so false there. */
  requireVerifiedEmail: boolean;
}

export type AgencySingleSignOn = Record<string, AgencyProvider>;

/** The shortest client secret accepted: providers issue far longer ones; this catches a truncated paste. */
export const MIN_CLIENT_SECRET_LENGTH = 16;

const DOMAIN = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/;

/** Each field's rule, and the copy key a broken one is described by. */
const ProviderSchema = z.strictObject({
  issuer: z.url({ protocol: /^https?$/ }),
  clientId: z.string().trim().min(1),
  clientSecret: z.string().min(MIN_CLIENT_SECRET_LENGTH),
  emailDomains: z
    .array(z.string().trim().toLowerCase().regex(DOMAIN))
    .optional()
    .transform((domains) => domains ?? []),
  requireVerifiedEmail: z.boolean().optional().transform((value) => value ?? true),
});

const FIELD_MESSAGES: Record<string, string> = {
  issuer: 'operator.config.sso.issuer',
  clientId: 'operator.config.sso.clientId',
  clientSecret: 'operator.config.sso.clientSecret',
  emailDomains: 'operator.config.sso.emailDomains',
  requireVerifiedEmail: 'operator.config.sso.requireVerifiedEmail',
};

/** Whether an issuer may be plain http: only to this machine (a test's provider), never in production. */
export function plainHttpIssuerAllowed(issuer: string, production: boolean): boolean {
  const url = new URL(issuer);
  if (url.protocol === 'https:') return true;
  return !production && isLoopbackHost(url.hostname);
}

export const AgencySingleSignOnSchema = z
  .string()
  .optional()
  .transform((value, ctx): AgencySingleSignOn => {
    if (!value || value.trim() === '') return {};
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'operator.config.sso.json' });
      return z.NEVER;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'operator.config.sso.json' });
      return z.NEVER;
    }
    const providers: AgencySingleSignOn = {};
    for (const [agencyId, entry] of Object.entries(parsed as Record<string, unknown>)) {
      const checked = ProviderSchema.safeParse(entry);
      if (!checked.success) {
        for (const issue of checked.error.issues) {
          if (issue.code === 'unrecognized_keys') {
            ctx.addIssue({ code: 'custom', message: 'operator.config.sso.unknownField', params: { agencyId, fields: issue.keys.join(', ') } });
            continue;
          }
          const field = String(issue.path[0] ?? '');
          ctx.addIssue({ code: 'custom', message: FIELD_MESSAGES[field] ?? 'operator.config.sso.json', params: { agencyId } });
        }
        continue;
      }
      providers[agencyId] = checked.data;
    }
    // A work email's domain routes to one agency's provider: two agencies claiming it cannot both be right.
    const owners = new Map<string, string[]>();
    for (const [agencyId, provider] of Object.entries(providers)) {
      for (const domain of provider.emailDomains) owners.set(domain, [...(owners.get(domain) ?? []), agencyId]);
    }
    for (const [domain, agencies] of owners) {
      if (agencies.length > 1) ctx.addIssue({ code: 'custom', message: 'operator.config.sso.sharedDomain', params: { domain, agencies: agencies.join(', ') } });
    }
    return providers;
  });

/** Issues of AGENCY_SSO that depend on other settings (NODE_ENV), for the config's own superRefine. */
export function singleSignOnProblems(providers: AgencySingleSignOn, production: boolean): Array<{ message: string; params: Record<string, string> }> {
  return Object.entries(providers)
    .filter(([, provider]) => !plainHttpIssuerAllowed(provider.issuer, production))
    .map(([agencyId]) => ({ message: 'operator.config.sso.plainHttpIssuer', params: { agencyId } }));
}
