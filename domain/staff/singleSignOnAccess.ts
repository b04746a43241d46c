/**
 * Who may sign in with an agency's own OpenID Connect provider: the provider vouches for an email address;
 * One Story decides whether that address belongs to someone with an account at that agency. Nobody is ever
 * created here: an unknown address is refused, and so is an account of another agency or a removed one.
 */

/** Why a single sign-on ended without a session (audited as the entry's `status`; the page explains it kindly). */
export type SingleSignOnRefusal =
  /** The provider gave no email claim. */
  | 'no-email'
  /** The provider did not say the email is verified, and this agency requires it. */
  | 'email-unverified'
  /** No account has this email. */
  | 'no-account'
  /** The account belongs to another agency (or to the partnership). */
  | 'other-agency'
  | 'removed'
  /** Invited to set a password, not to use single sign-on: the setup link is the way in. */
  | 'password-invitation'
  /** The sealed state cookie was missing, altered, for another agency, or too old. */
  | 'state-invalid'
  /** The provider answered with an error (the person cancelled, or it refused them). */
  | 'provider-error'
  /** The exchange with the provider failed its checks (state, nonce, PKCE, signature, issuer). */
  | 'exchange-failed';

/** What single sign-on needs to know of an account (StaffSummary has it). */
export interface SingleSignOnAccount {
  agencyId: string | null;
  status: 'invited' | 'active' | 'removed';
  singleSignOn: boolean;
}

export type SingleSignOnDecision = 'sign-in' | 'activate-then-sign-in' | { refused: SingleSignOnRefusal };

export function singleSignOnAccess(account: SingleSignOnAccount | undefined, agencyId: string): SingleSignOnDecision {
  if (!account) return { refused: 'no-account' };
  if (account.agencyId !== agencyId) return { refused: 'other-agency' };
  if (account.status === 'removed') return { refused: 'removed' };
  if (account.status === 'active') return 'sign-in';
  return account.singleSignOn ? 'activate-then-sign-in' : { refused: 'password-invitation' };
}

/** What a provider's claims say about the email, under this agency's rule on verification. */
export function emailFromClaims(
  claims: { email?: unknown; email_verified?: unknown },
  requireVerifiedEmail: boolean,
): { email: string } | { refused: 'no-email' | 'email-unverified' } {
  if (typeof claims.email !== 'string' || !claims.email.includes('@')) return { refused: 'no-email' };
  if (requireVerifiedEmail && claims.email_verified !== true) return { refused: 'email-unverified' };
  return { email: claims.email.trim().toLowerCase() };
}
