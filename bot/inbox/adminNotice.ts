import type { StaffRole } from '../../domain/staff/staffRoles.js';

/** What an agency admin's form leaves for the next page to show once (see ShownOnceNotices). */
export type AdminNotice =
  | { kind: 'invited'; email: string; setupLink: string; expiresAt: string; singleSignOn: boolean }
  | { kind: 'roleChanged'; email: string; role: StaffRole }
  | { kind: 'removed'; email: string }
  | { kind: 'keyCreated'; keyId: string; key: string }
  | { kind: 'keyRevoked'; keyId: string }
  | { kind: 'secretRotated'; secret: string; previousValidUntil: string | null };

/** How long a notice waits for its page: the redirect after a form is followed at once. */
export const ADMIN_NOTICE_MAX_AGE_MS = 5 * 60_000;
