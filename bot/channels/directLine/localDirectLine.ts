import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import type { Logger } from '../../logger.js';
import { registerConnectorRoutes } from './connectorRoutes.js';
import { ConversationRegistry } from './conversationRegistry.js';
import { registerDirectLineRoutes } from './directLineRoutes.js';

export interface LocalDirectLineOptions {
  idleMs: number;
  /** `webchat` for the browser page (buttons); the console chat uses `console` (numbered text choices). */
  channelId: string;
  clock: () => Date;
  log: Logger;
}

export interface LocalDirectLine {
  registry: ConversationRegistry;
  /** Registers the Direct Line routes and the Bot Connector routes on the server. */
  register(server: Server): void;
}

/**
 * A web chat with no cloud account: this server plays Azure Bot Service's part for local conversations.
 * The bot is not told: it receives activities at /api/messages and replies to its serviceUrl as it does
 * behind Azure; only the serviceUrl (this server) differs.
 */
export function createLocalDirectLine(options: LocalDirectLineOptions): LocalDirectLine {
  const registry = new ConversationRegistry({ idleMs: options.idleMs, channelId: options.channelId, clock: options.clock });
  return {
    registry,
    register(server: Server) {
      registerDirectLineRoutes(server, { registry, log: options.log, ownBaseUrl: () => listeningUrl(server) });
      registerConnectorRoutes(server, { registry, log: options.log });
    },
  };
}

/** The URL this server answers on, resolved at request time (port 0 picks a port only at listen). */
export function listeningUrl(server: Server): string {
  const address = server.address() as AddressInfo | string | null;
  if (!address || typeof address === 'string') throw new Error('the server is not listening on a TCP port');
  const wildcard = address.address === '::' || address.address === '0.0.0.0';
  const host = wildcard ? '127.0.0.1' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
