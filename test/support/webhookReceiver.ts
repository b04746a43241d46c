import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_AGENCIES_PATH } from '../../data/agencyDirectoryLoader.js';

/** What the endpoint does with a request: answer with this status, or never answer (hold it open). */
export type WebhookAnswer = number | 'never';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  answeredWith: WebhookAnswer;
  /** A request never answered: whether One Story has given up on it and closed the connection. */
  closedUnanswered?: boolean;
}

/**
 * An agency's webhook endpoint, for tests: keeps every request it receives and answers with the next
 * scripted status (200 once the script runs out).
 */
export class WebhookReceiver {
  private server?: Server;
  readonly received: ReceivedWebhook[] = [];
  url = '';

  constructor(private readonly script: WebhookAnswer[] = []) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const status = this.script.shift() ?? 200;
        const received: ReceivedWebhook = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answeredWith: status };
        this.received.push(received);
        if (status === 'never') {
          res.on('close', () => (received.closedUnanswered = true));
          return;
        }
        // Not chained: restify patches ServerResponse, and its writeHead does not return the response.
        res.writeHead(status, { 'content-type': 'text/plain' });
        res.end(status === 200 ? 'ok' : 'not now');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks/one-story`;
  }

  /** From now on, answer with these statuses. */
  answer(...statuses: WebhookAnswer[]): void {
    this.script.splice(0, this.script.length, ...statuses);
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

export function headersOf(request: ReceivedWebhook): Record<string, string> {
  return {
    'webhook-id': String(request.headers['webhook-id']),
    'webhook-timestamp': String(request.headers['webhook-timestamp']),
    'webhook-signature': String(request.headers['webhook-signature']),
  };
}

/**
 * The sample agency directory with one agency's webhook pointed at a test receiver, written into `dataDir`;
 * returns its path, for AGENCIES_PATH.
 */
export async function directoryWithWebhook(dataDir: string, agencyId: string, webhookUrl: string): Promise<string> {
  const directory = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<{ id: string; handoff: { webhookUrl: string | null } }> };
  directory.agencies.find((agency) => agency.id === agencyId)!.handoff.webhookUrl = webhookUrl;
  const agenciesPath = join(dataDir, 'agencies.test.json');
  await writeFile(agenciesPath, JSON.stringify(directory));
  return agenciesPath;
}
