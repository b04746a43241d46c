import type { Server } from 'restify';
import type { InboxDeps } from './inboxDeps.js';

/** Agency admin: staff, API keys, webhook secret. */
export function registerAdminPages(_server: Server, _deps: InboxDeps): void {
  // Built in issue 13.
}
