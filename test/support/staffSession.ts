import { randomBytes, randomUUID } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { OneStoryApp } from '../../bot/app.js';
import type { StaffRole } from '../../domain/staff/staffRoles.js';
import { PasswordHashing } from '../../useCases/staff/passwords.js';

/**
 * Agency staff for tests, made through the real use cases: invited as the operator's command line does,
 * set up with a password and a TOTP code (computed here from the secret, as an authenticator app would),
 * then signed in. Other tests act as staff over real HTTP with the cookie and CSRF token this returns.
 */

/**
 * Staff passwords hashed at a test's cost: scrypt with N = 2^10 (production's is 2^15, about 30 times the
 * work), under a version of its own that production does not know. A file that sets up many accounts
 * passes it to the app (`startOneStory`'s or `useOneStoryServer`'s `staffPasswordHashing`, through the
 * composition root's options: no setting can lower production's cost). test/inbox/staffAccounts.test.ts
 * proves production's cost is what the service and the app use when nothing is passed.
 */
export const TEST_PASSWORD_HASHING = new PasswordHashing({ 'test-n10': { N: 2 ** 10, r: 8, p: 1, keyLength: 32 } }, 'test-n10');

export interface ActiveStaff {
  staffId: string;
  email: string;
  password: string;
  /** The TOTP secret (base32), to compute codes as the staff member's app would. */
  totpSecret: string;
  recoveryCodes: string[];
}

/** A TOTP code for `secret` at `at` (the app's injected clock), as an authenticator app shows it. */
export function totpCode(secret: string, at: Date): string {
  return TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });
}

/** An account that has finished setup (not signed in). */
export async function activeStaff(app: OneStoryApp, who: { agencyId: string | null; role: StaffRole; email?: string }): Promise<ActiveStaff> {
  const email = who.email ?? `staff-${randomUUID()}@example.org`;
  const invitation = await app.staff.accounts.invite({ kind: 'operator' }, { agencyId: who.agencyId, email, role: who.role });
  if ('refused' in invitation) throw new Error(`could not invite ${who.role} of ${who.agencyId}: ${invitation.refused}`);
  // Random enough to be unguessable (the strength check scores it 4 of 4) and short: checking a password's
  // strength costs more the longer it is (with a UUID in it, about half a second of CPU an account).
  const password = `lantern ${randomBytes(6).toString('base64url')} orchard`;
  const chosen = await app.staff.accounts.choosePassword(invitation.setupToken, password, password);
  if (chosen.problem || chosen.state.kind !== 'totp') throw new Error(`setup did not reach the TOTP step: ${chosen.problem ?? chosen.state.kind}`);
  const totpSecret = chosen.state.totpSecret;
  const confirmed = await app.staff.accounts.confirmTotp(invitation.setupToken, totpCode(totpSecret, app.staff.clock()));
  if (!('recoveryCodes' in confirmed)) throw new Error(`the TOTP code was refused: ${confirmed.refused}`);
  return { staffId: invitation.staff.staffId, email, password, totpSecret, recoveryCodes: confirmed.recoveryCodes };
}

/**
 * An active account of this agency and role (partnership: `agencyId: null`) with a live session: the
 * `cookie` header to send and the `csrf` field every form must carry.
 */
export async function signedInAs(
  app: OneStoryApp,
  who: { agencyId: string | null; role: StaffRole; email?: string },
): Promise<{ cookie: string; csrf: string; staffId: string; email: string }> {
  const staff = await activeStaff(app, who);
  const { token, session } = await app.staff.sessions.start(staff.staffId, 'password-totp');
  return { cookie: `one_story_staff=${token}`, csrf: session.csrfToken, staffId: staff.staffId, email: staff.email };
}
