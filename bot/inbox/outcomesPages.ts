import type { Server } from 'restify';
import type { InboxDeps } from './inboxDeps.js';

/** The partnership's outcomes page and GET /api/partnership/outcomes. */
export function registerOutcomesPages(_server: Server, _deps: InboxDeps): void {
  // Built in issue 13.
}
