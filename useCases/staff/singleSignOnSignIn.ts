import { singleSignOnAccess, type SingleSignOnRefusal } from '../../domain/staff/singleSignOnAccess.js';
import type { AuditLog } from '../ports.js';
import type { SignedInStaff, StaffAccounts, StaffSessions } from './staffAccounts.js';

export interface SingleSignOnSignInDeps {
  accounts: Pick<StaffAccounts, 'findByEmail' | 'activateForSingleSignOn'>;
  sessions: Pick<StaffSessions, 'start'>;
  audit: AuditLog;
}

export type SingleSignOnOutcome = { token: string; session: SignedInStaff } | { refused: SingleSignOnRefusal };

/**
 * After the agency's provider has vouched for `email`: a session for the account with that email at that
 * agency, activating an account invited for single sign-on on its first sign-in. Audited with ids only:
 * refusals as staff.sign-in-refused with status `single-sign-on:<reason>`.
 */
export async function signInWithSingleSignOn(deps: SingleSignOnSignInDeps, agencyId: string, email: string): Promise<SingleSignOnOutcome> {
  const account = await deps.accounts.findByEmail(email);
  const decision = singleSignOnAccess(account, agencyId);
  if (!account || typeof decision === 'object') {
    const refused = typeof decision === 'object' ? decision.refused : 'no-account';
    // Another agency's account is not this agency's business: its id stays out of this agency's refusal.
    await recordSingleSignOnRefusal(deps.audit, agencyId, refused, refused === 'other-agency' ? undefined : account?.staffId);
    return { refused };
  }
  if (decision === 'activate-then-sign-in') {
    const activated = await deps.accounts.activateForSingleSignOn(account.staffId);
    if ('refused' in activated) {
      // Removed or changed between the two reads: refused as what it now is.
      await recordSingleSignOnRefusal(deps.audit, agencyId, 'removed', account.staffId);
      return { refused: 'removed' };
    }
  }
  // The session's start is audited (staff.signed-in, status single-sign-on), and so is the activation.
  return deps.sessions.start(account.staffId, 'single-sign-on');
}

export async function recordSingleSignOnRefusal(audit: AuditLog, agencyId: string, reason: SingleSignOnRefusal, staffId?: string): Promise<void> {
  await audit.record({ event: 'staff.sign-in-refused', agencyId, status: `single-sign-on:${reason}`, ...(staffId ? { staffId } : {}) });
}
