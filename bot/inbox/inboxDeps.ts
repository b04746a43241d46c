import type { AgencyDirectory } from '../../domain/sharing/agency.js';
import type { QuestionBank } from '../../domain/questionBank.js';
import type { AgencyKeyStore } from '../../data/sharing/agencyKeyStore.js';
import type { AgencySharing } from '../../useCases/sharing/agencySharing.js';
import type { AuditLog, OutcomeFacts, RateLimit } from '../../useCases/ports.js';
import type { StaffAccounts, StaffSessions } from '../../useCases/staff/staffAccounts.js';
import type { Translations } from '../i18n.js';
import type { Logger } from '../logger.js';
import type { StaffPages } from './pages.js';
import type { StaffGuard } from './staffGuard.js';
import type { AgencySingleSignOn } from './singleSignOnSettings.js';
import type { StaffAccountService } from '../../useCases/staff/staffAccountService.js';
import type { StaffSessionStore } from '../../useCases/staff/staffSessionStore.js';
import type { StaffAccess } from './staffAccess.js';
import type { ShownOnceNotices } from '../../data/staff/shownOnceNotices.js';
import type { WebhookSigningSecrets } from '../webhooks/webhookSigningSecrets.js';
import type { AdminNotice } from './adminNotice.js';

/**
 * What the staff pages (sign-in, inbox, agency admin, single sign-on, outcomes) are built from: made once
 * in the composition root (bot/app.ts) and handed to each part's `register…` function.
 */
export interface InboxDeps {
  pages: StaffPages;
  guard: StaffGuard;
  accounts: StaffAccounts;
  sessions: StaffSessions;
  agencySharing: AgencySharing;
  agencyKeys: AgencyKeyStore;
  directory: AgencyDirectory;
  bank: QuestionBank;
  translations: Translations;
  audit: AuditLog;
  log: Logger;
  clock: () => Date;
  /** The language an agency's staff read (the directory's `language`); English for the partnership. */
  agencyLanguage: (agencyId: string | null) => string;
  /** Sign-in attempts per account and per address (README: Rate limits). */
  signInLimits?: { perAccount: RateLimit; perAddress: RateLimit };
  /** The base URL setup links and single sign-on redirects are built on (PUBLIC_URL). */
  publicUrl: string;
  /** Agencies that sign in with their own OpenID Connect provider (AGENCY_SSO); none when absent. */
  singleSignOn?: AgencySingleSignOn;
  /** How many proxies may say who the client is (TRUST_PROXY), for counting sign-in attempts per address. */
  trustedProxies?: number;
  /** The partnership's outcome facts, read by the outcomes page and its API (bot/inbox/outcomesPages.ts). */
  outcomes: Pick<OutcomeFacts, 'all'>;
  /** The sign-in part's own implementations (setup, second factor, form cookies), beyond the shared contract. */
  signIn: { accounts: StaffAccountService; sessions: StaffSessionStore; access: StaffAccess };
  /** Agency admin: each agency's webhook signing secrets (rotated on the admin page, else the setting). */
  webhookSecrets: WebhookSigningSecrets;
  /** WEBHOOK_SECRET_GRACE_HOURS: how long a rotated-out webhook secret still signs deliveries. */
  webhookGraceHours: number;
  /** Agency admin: what a form's answer page shows once (success banners, setup links, new keys and secrets). */
  adminNotices: ShownOnceNotices<AdminNotice>;
  /** Whether an agency's staff can sign in with its own OpenID Connect provider (single sign-on). */
  singleSignOnConfigured?: (agencyId: string) => boolean;
}
