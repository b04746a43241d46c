import type { Server } from 'restify';
import type { InboxDeps } from './inboxDeps.js';

/** Sign-in, account setup (password, TOTP, recovery codes), account page, sign out (everywhere). */
export function registerSignInPages(_server: Server, _deps: InboxDeps): void {
  // Built in issue 13.
}
