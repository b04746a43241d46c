import type { Server } from 'restify';
import type { InboxDeps } from './inboxDeps.js';

/** The inbox: list, handoff page, print view, acknowledge, accept, decline with a message. */
export function registerInboxPages(_server: Server, _deps: InboxDeps): void {
  // Built in issue 13.
}
