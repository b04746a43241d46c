import type { TFunction } from 'i18next';
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_RETENTION_DAYS } from '../domain/retention.js';
import { operatorCopy } from './i18n.js';
import { describeIssue } from './schemaIssues.js';
import { AgencyWebhookSecretsSchema } from './webhooks/webhookSecrets.js';
import { parseKeyList } from '../data/storage/encryptionKey.js';
import { isLoopbackHost, parseHostList } from './channelCalls.js';

/**
 * Configuration, read once at start-up and validated. A bad value stops start-up with a message that
 * names the variable and never prints its value (values can be secrets). The rules' own messages here
 * are keys of the operator's copy (locales/en/operator.json).
 */

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

/** A DNS host name (letters, digits, hyphens, dots): no scheme, path or port. */
const HOST_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

/** Where production listens unless HOST says otherwise: every interface (behind Azure's front door). */
export const DEFAULT_PRODUCTION_HOST = '0.0.0.0';

/** Where One Story listens: HOST, else this machine only, else (production) every interface. */
export function listenHost(config: Pick<OneStoryConfig, 'HOST' | 'NODE_ENV'>): string {
  return config.HOST ?? (config.NODE_ENV === 'production' ? DEFAULT_PRODUCTION_HOST : '127.0.0.1');
}

/** How many proxies in front of this server may say who the client is (X-Forwarded-For): `0` (or `false`) trusts none. */
const ProxyHops = z.union([
  z.literal('true').transform(() => 1),
  z.literal('false').transform(() => 0),
  z.coerce.number().int().min(0).max(10),
]);

const RateLimitSettings = {
  TRUST_PROXY: ProxyHops.default(0),
  /** Live local web conversations in memory; at the cap, the longest idle one makes room. */
  DIRECTLINE_MAX_CONVERSATIONS: z.coerce.number().int().min(1).max(1_000_000).default(10_000),
  /** Local web conversations (and tokens) one client address may start in 10 minutes. */
  DIRECTLINE_STARTS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
  /** Messages one conversation may send in a minute (local web chat; /api/messages when authentication is off). */
  MESSAGES_PER_CONVERSATION: z.coerce.number().int().min(1).default(60),
  /** Agency API requests one key may make in a minute. */
  AGENCY_API_REQUESTS_PER_KEY: z.coerce.number().int().min(1).default(300),
  /** Resume codes one channel user may try in an hour. */
  RESUME_CODE_ATTEMPTS_PER_USER: z.coerce.number().int().min(1).default(5),
  /** Resume codes everyone together may try in 10 minutes; then none for RESUME_CODE_BLOCK_SECONDS, doubling each time (a day's memory), up to RESUME_CODE_MAX_BLOCK_SECONDS. */
  RESUME_CODE_ATTEMPTS_ALL_USERS: z.coerce.number().int().min(1).default(100),
  RESUME_CODE_BLOCK_SECONDS: z.coerce.number().int().min(1).default(60),
  RESUME_CODE_MAX_BLOCK_SECONDS: z.coerce.number().int().min(1).default(60 * 60),
  /** Agency staff sign-in: attempts one account (by email, known or not) may make in 15 minutes; then it waits, longer each time. */
  STAFF_SIGN_IN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  /** Agency staff sign-in: attempts from one address in 15 minutes, whatever the account. */
  STAFF_SIGN_IN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(30),
};

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** Where to listen: this machine only by default; all interfaces in production (behind Azure's front door). */
    HOST: optionalText,
    DATA_DIR: z.string().min(1).default('./var'),
    /** PostgreSQL (`postgres://user:password@host:5432/db`): everything is kept there, and several instances can run. */
    DATABASE_URL: optionalText.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), 'operator.config.databaseUrl'),
    /** Connections each instance keeps open to PostgreSQL. */
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional(),
    MicrosoftAppTenantId: optionalText,
    ONESTORY_ENCRYPTION_KEY: optionalText.refine(
      (value) => value === undefined || Buffer.from(value, 'base64').length === 32,
      'operator.config.encryptionKeyFormat',
    ),
    /** The data keys by id, the current one first, older ones (still read, never written) after: `id:base64,id:base64`. */
    ONESTORY_ENCRYPTION_KEYS: optionalText.superRefine((value, ctx) => {
      const parsed = value === undefined ? undefined : parseKeyList(value);
      if (parsed && 'problem' in parsed) ctx.addIssue({ code: 'custom', message: `operator.config.encryptionKeys.${parsed.problem}` });
    }),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
    /** A conversation silent for this long is a new session: welcome back, ask again who is present. */
    SESSION_GAP_MINUTES: z.coerce.number().int().positive().default(360),
    /** Retention: a person who has not written for this many days has their story erased (by the daily sweep, `npm run purge`). */
    RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(DEFAULT_RETENTION_DAYS),
    /** How long a "continue on another device" code lasts. */
    RESUME_CODE_DAYS: z.coerce.number().int().min(1).max(90).default(7),
    /** Local web chat: where "Exit this page" goes (a neutral site), and when an idle conversation leaves memory. */
    EXIT_URL: z
      .string()
      .url()
      .refine((value) => /^https?:\/\//i.test(value), 'operator.config.httpUrl')
      .default('https://www.bbc.co.uk/weather'),
    DIRECTLINE_IDLE_MINUTES: z.coerce.number().int().positive().max(24 * 60).default(30),
    /** The address people reach this server at (https://… in production): setup links and single sign-on are built on it. */
    PUBLIC_URL: z
      .string()
      .url()
      .refine((value) => /^https?:\/\/[^/]+\/?$/i.test(value), 'operator.config.publicUrl')
      .transform((value) => value.replace(/\/$/, ''))
      .optional(),
    /** Agency staff are signed out after this long without a request. */
    STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
    /** Sharing with agencies: how long a consent lasts, where the directory is, how webhooks are signed and retried. */
    CONSENT_MONTHS: z.coerce.number().int().min(1).max(36).default(12),
    AGENCIES_PATH: optionalText,
    AGENCY_WEBHOOK_SECRETS: AgencyWebhookSecretsSchema,
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(1).default(30_000),
    WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(1).default(6 * 60 * 60_000),
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(5_000),
    /** How long one turn's replies (or one proactive text) may take to reach the channel, in all. */
    CHANNEL_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5_000),
    /** With authentication off: hosts besides this machine that replies may be posted to (`serviceUrl`). */
    ALLOWED_SERVICE_URL_HOSTS: z
      .string()
      .optional()
      .transform(parseHostList)
      .refine((hosts) => hosts.every((host) => isIP(host) !== 0 || HOST_NAME.test(host)), 'operator.config.hostList'),
    /** Rate limits (README: Rate limits): they hold across instances with DATABASE_URL. */
    ...RateLimitSettings,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId) {
      ctx.addIssue({
        code: 'custom',
        path: ['MicrosoftAppId'],
        message: 'operator.config.appIdInProduction',
      });
    }
    // Without authentication anyone who reaches the port can drive a turn: production listens on this machine only.
    if (env.NODE_ENV === 'production' && !env.MicrosoftAppId && !isLoopbackHost(env.HOST ?? DEFAULT_PRODUCTION_HOST)) {
      ctx.addIssue({ code: 'custom', path: ['HOST'], message: 'operator.config.hostWithoutAuthentication' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'operator.config.passwordWithAppId' });
    }
    if (env.MicrosoftAppType === 'SingleTenant' && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'operator.config.tenantForSingleTenant' });
    }
    if (env.NODE_ENV === 'production' && env.PUBLIC_URL && env.PUBLIC_URL.startsWith('http:') && !isLoopbackHost(new URL(env.PUBLIC_URL).hostname)) {
      ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'operator.config.publicUrlHttps' });
    }
    if (env.ONESTORY_ENCRYPTION_KEYS && env.ONESTORY_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['ONESTORY_ENCRYPTION_KEYS'], message: 'operator.config.encryptionKeys.notBoth' });
    }
    if (env.NODE_ENV === 'production' && !env.ONESTORY_ENCRYPTION_KEY && !env.ONESTORY_ENCRYPTION_KEYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['ONESTORY_ENCRYPTION_KEY'],
        message: 'operator.config.encryptionKeyInProduction',
      });
    }
  });

export type OneStoryConfig = z.infer<typeof ConfigSchema>;

/** A setting the operator must fix before One Story can start: told to the operator, so its words are copy. */
export class ConfigurationError extends Error {
  /** `problems`: one line a setting, `VARIABLE: rule`, never the value given. */
  constructor(
    public readonly problems: string[],
    t: TFunction,
  ) {
    super(`${t('operator.config.cannotStart')}\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigurationError';
  }
}

/** Validates the environment. Messages name the variable and the rule, never the value given. */
export function loadConfig(env: NodeJS.ProcessEnv): OneStoryConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  // This runs before the app has loaded any copy, so the operator's copy is read here, at once.
  const t = operatorCopy();
  const problems = parsed.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    return `${name}: ${describeIssue(issue, t)}`;
  });
  throw new ConfigurationError(problems, t);
}

/** The address setup links are built on: PUBLIC_URL, else this machine on PORT (development). */
export function publicUrl(config: Pick<OneStoryConfig, 'PUBLIC_URL' | 'PORT'>): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

/** Bot Framework's own reader of the standard MicrosoftApp* variables wants plain strings. */
export function botFrameworkSettings(config: OneStoryConfig): Record<string, string> {
  return {
    MicrosoftAppId: config.MicrosoftAppId ?? '',
    MicrosoftAppPassword: config.MicrosoftAppPassword ?? '',
    MicrosoftAppType: config.MicrosoftAppType ?? (config.MicrosoftAppId ? 'MultiTenant' : ''),
    MicrosoftAppTenantId: config.MicrosoftAppTenantId ?? '',
  };
}
