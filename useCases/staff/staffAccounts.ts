import type { StaffRole } from '../../domain/staff/staffRoles.js';

/**
 * The contract other parts of the inbox build on (issue 13). `StaffAccountService` (this folder) implements
 * it over the DocumentStore, so it works on the embedded store and on PostgreSQL alike.
 */

/** A staff member as pages show them: never a password hash, TOTP secret or recovery code. */
export interface StaffSummary {
  staffId: string;
  /** null for the partnership role. */
  agencyId: string | null;
  email: string;
  role: StaffRole;
  /** invited: has a setup link, no password yet; active: can sign in; removed: cannot. */
  status: 'invited' | 'active' | 'removed';
  /** Signs in with the agency's own OpenID Connect provider instead of a password and TOTP. */
  singleSignOn: boolean;
  createdAt: string;
}

/** Who is doing something, for the audit log and for the rules (an admin acts only within their agency). */
export type StaffActor = { kind: 'operator' } | { kind: 'staff'; staffId: string; agencyId: string | null; role: StaffRole };

/** A one-time setup link's token (shown once; stored only as a hash) and when it stops working (24 h). */
export interface SetupInvitation {
  staff: StaffSummary;
  setupToken: string;
  expiresAt: string;
}

export type StaffChangeRefusal = 'not_found' | 'not_allowed' | 'last_admin' | 'already_exists' | 'invalid';

export interface StaffAccounts {
  /** The agency's staff (removed ones too, marked), oldest first. */
  list(agencyId: string): Promise<StaffSummary[]>;
  get(staffId: string): Promise<StaffSummary | undefined>;
  findByEmail(email: string): Promise<StaffSummary | undefined>;
  /** Creates an invited account and its setup link. Admins invite only into their own agency. */
  invite(
    by: StaffActor,
    input: { agencyId: string | null; email: string; role: StaffRole; singleSignOn?: boolean },
  ): Promise<SetupInvitation | { refused: StaffChangeRefusal }>;
  changeRole(by: StaffActor, staffId: string, role: StaffRole): Promise<StaffSummary | { refused: StaffChangeRefusal }>;
  /** Removes the account: every session ends at once; the history of what they did stays in the audit log. */
  remove(by: StaffActor, staffId: string): Promise<StaffSummary | { refused: StaffChangeRefusal }>;
  /**
   * An account invited for single sign-on becomes active on its first sign-in through its agency's provider
   * (the provider has vouched for the email; its setup link stops working). Refused with 'not_found' for an
   * unknown or removed account, 'not_allowed' unless it is invited with `singleSignOn`.
   */
  activateForSingleSignOn(staffId: string): Promise<StaffSummary | { refused: StaffChangeRefusal }>;
}

/** A signed-in staff member, as every page and action receives them. */
export interface SignedInStaff {
  staffId: string;
  agencyId: string | null;
  role: StaffRole;
  email: string;
  sessionId: string;
  /** The token every form of this session must carry (field `csrf`). */
  csrfToken: string;
}

/** Sessions: started after sign-in (password and TOTP, or single sign-on), ended by idle time, sign-out or removal. */
export interface StaffSessions {
  /** A new session for an active account; the token goes only into the cookie. */
  start(staffId: string, how: 'password-totp' | 'single-sign-on'): Promise<{ token: string; session: SignedInStaff }>;
  /** The live session this cookie token opens (refreshing its idle time), or undefined (unknown, idle too long, account removed). */
  open(token: string): Promise<SignedInStaff | undefined>;
  end(token: string): Promise<void>;
  /** Ends every session of this staff member, on every device. */
  endEverywhere(staffId: string): Promise<void>;
}
