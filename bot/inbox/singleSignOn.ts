import type { Server } from 'restify';
import type { InboxDeps } from './inboxDeps.js';

/** Single sign-on with an agency's OpenID Connect provider. */
export function registerSingleSignOn(_server: Server, _deps: InboxDeps): void {
  // Built in issue 13.
}
