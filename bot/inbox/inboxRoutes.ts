import type { Server } from 'restify';
import type { InboxDeps } from './inboxDeps.js';
import { registerStaffAssets } from './pages.js';
import { registerSignInPages } from './signInPages.js';
import { registerInboxPages } from './inboxPages.js';
import { registerAdminPages } from './adminPages.js';
import { registerSingleSignOn } from './singleSignOn.js';
import { registerOutcomesPages } from './outcomesPages.js';

/** Every staff route: /inbox/… (sign-in, inbox, agency admin, single sign-on), /outcomes and its API. */
export function inboxRoutes(deps: InboxDeps): (server: Server) => void {
  return (server) => {
    registerStaffAssets(server);
    registerSignInPages(server, deps);
    registerInboxPages(server, deps);
    registerAdminPages(server, deps);
    registerSingleSignOn(server, deps);
    registerOutcomesPages(server, deps);
  };
}
