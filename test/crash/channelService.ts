import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import type { Activity } from 'botbuilder';

/**
 * What the channel does with a reply the bot posts: show it to the person and answer the bot at once, or
 * show it to the person and hold the bot's request open (the bot's turn then waits right after its reply
 * reached the person, which is where a crash test wants to kill it).
 */
export type ReplyHandling = 'answer' | 'hold';

/** Receives every reply the bot posts for one conversation, in the order they arrive. */
export type ReplyListener = (reply: Partial<Activity>) => ReplyHandling;

/**
 * Stands in for the Bot Connector service of an Azure channel (Direct Line, SMS): it lives outside the
 * bot's process, so it survives the bot being killed, and the bot posts each reply to it (`serviceUrl`)
 * while the turn is still running, as it does in production.
 */
export class ChannelService {
  private server?: Server;
  private readonly listeners = new Map<string, ReplyListener>();
  private readonly held = new Set<ServerResponse>();
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.receive(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  listen(conversationId: string, listener: ReplyListener): void {
    this.listeners.set(conversationId, listener);
  }

  /** How many of the bot's requests are being held open. */
  get holding(): number {
    return this.held.size;
  }

  /** Drops every held request (their bot is gone): nothing is answered on a dead connection. */
  dropHeld(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  async stop(): Promise<void> {
    this.dropHeld();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  private receive(req: IncomingMessage, res: ServerResponse): void {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) {
        res.writeHead(404);
        res.end();
        return;
      }
      const listener = this.listeners.get(decodeURIComponent(match[1]));
      const handling = listener ? listener(JSON.parse(body) as Partial<Activity>) : 'answer';
      if (handling === 'hold') {
        this.held.add(res);
        res.on('close', () => this.held.delete(res));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: randomUUID() }));
    });
  }
}
