import { randomUUID } from 'node:crypto';
import type { Webhook } from 'standardwebhooks';
import { nextRetryDelayMs, type RetryPolicy } from '../../domain/sharing/webhookRetry.js';
import type { WebhookJob, WebhookOutbox } from '../../data/sharing/webhookOutbox.js';
import { describeErrorSafely, type Logger } from '../logger.js';

export interface WebhookEndpoint {
  url: string;
  /**
   * Signers for the agency's `whsec_…` secrets, newest first (two during a rotation's grace period); none
   * while the agency has no secret. Standard Webhooks signs with each; the agency verifies with its own.
   */
  signers: () => Promise<Webhook[]>;
}

export interface WebhookDeliveryOptions {
  outbox: WebhookOutbox;
  endpoints: ReadonlyMap<string, WebhookEndpoint>;
  policy: RetryPolicy;
  timeoutMs: number;
  log: Logger;
  clock?: () => Date;
  random?: () => number;
  /** Called after a handoff's content has been delivered, so the person sees "delivered". */
  onDelivered?: (job: WebhookJob) => Promise<void>;
  /**
   * Several instances (PostgreSQL): look at the queue at least this often, so a message another instance
   * queued, or left claimed when it stopped, is sent. Unset: only when kicked or a retry is due.
   */
  pollIntervalMs?: number;
}

/** How long one instance's claim on a message holds: well past one attempt's timeout. */
const CLAIM_MARGIN_MS = 30_000;

/**
 * Sends queued webhook messages as Standard Webhooks signed POSTs. A failure (no answer, a timeout, or
 * any status but 2xx) is retried with exponential backoff and jitter, under the same message id. Every
 * attempt is recorded in the outbox first, so after a restart the worker resumes where it stopped.
 */
export class WebhookDeliveryWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private runAgain = false;
  private stopped = true;
  private readonly clock: () => Date;
  private readonly random: () => number;
  /** This instance, as it claims messages (each attempt is made by exactly one instance). */
  private readonly instanceId = randomUUID();

  constructor(private readonly options: WebhookDeliveryOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Something new was queued: look now rather than at the next scheduled time. */
  kick(): void {
    if (this.stopped) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Sends every message that is due now; returns when they have all been tried once. */
  runDue(): Promise<void> {
    if (this.running) {
      this.runAgain = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.runAgain = false;
          await this.sendDue();
        } while (this.runAgain && !this.stopped);
      } catch (error) {
        this.options.log.error('webhook.workerFailed', describeErrorSafely(error));
      } finally {
        this.running = undefined;
      }
      await this.scheduleNext();
    })();
    return this.running;
  }

  private async sendDue(): Promise<void> {
    const now = this.clock().getTime();
    const due = (await this.options.outbox.pending()).filter((job) => Date.parse(job.nextAttemptAt) <= now);
    for (const job of due) {
      if (this.stopped) return;
      await this.attempt(job);
    }
  }

  private async attempt(listed: WebhookJob): Promise<void> {
    const { outbox, log } = this.options;
    // A withdrawal may have dropped it since we listed the queue; another instance may be sending it.
    const claimed = await outbox.claim(listed.id, this.instanceId, this.options.timeoutMs + CLAIM_MARGIN_MS);
    if (!claimed) return;
    const job = claimed;
    const endpoint = this.options.endpoints.get(job.agencyId);
    const signers = endpoint ? await endpoint.signers() : [];
    if (!endpoint || signers.length === 0) {
      await outbox.recordAttempt(job, 'failed', 'no-endpoint');
      log.warn('webhook.noEndpoint', { agencyId: job.agencyId, messageId: job.id });
      return;
    }
    const result = await this.post(endpoint.url, signers, job);
    const attemptsMade = job.attempts + 1;
    if (result === 'ok') {
      await outbox.recordAttempt(job, 'delivered', 'ok');
      log.info('webhook.delivered', { agencyId: job.agencyId, messageId: job.id, type: job.type, attempts: attemptsMade });
      if (this.options.onDelivered) await this.options.onDelivered(job);
      return;
    }
    const delay = nextRetryDelayMs(attemptsMade, this.options.policy, this.random);
    if (delay === null) {
      await outbox.recordAttempt(job, 'failed', result);
      log.warn('webhook.gaveUp', { agencyId: job.agencyId, messageId: job.id, type: job.type, attempts: attemptsMade, result });
      return;
    }
    await outbox.recordAttempt(job, 'retry', result, new Date(this.clock().getTime() + delay));
    log.info('webhook.retryScheduled', { agencyId: job.agencyId, messageId: job.id, attempts: attemptsMade, delayMs: delay, result });
  }

  private async post(url: string, signers: readonly Webhook[], job: WebhookJob): Promise<string> {
    const sentAt = this.clock();
    try {
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'OneStory-Webhooks/1',
          'webhook-id': job.id,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          // Several signatures are separated by spaces; a receiver accepts the message if any one verifies.
          'webhook-signature': signers.map((signer) => signer.sign(job.id, sentAt, job.body)).join(' '),
        },
        body: job.body,
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300 ? 'ok' : `http-${response.status}`;
    } catch (error) {
      return (error as Error).name === 'TimeoutError' ? 'timeout' : 'network-error';
    }
  }

  private async scheduleNext(): Promise<void> {
    if (this.stopped) return;
    const pending = await this.options.outbox.pending();
    const now = this.clock().getTime();
    const poll = this.options.pollIntervalMs;
    if (pending.length === 0) {
      if (poll !== undefined) this.schedule(poll);
      return;
    }
    // A message another instance has claimed is looked at again when its claim runs out.
    const dueAt = (job: WebhookJob) => Math.max(Date.parse(job.nextAttemptAt), job.claimedBy && job.claimedBy !== this.instanceId && job.claimedUntil ? Date.parse(job.claimedUntil) : 0);
    const next = Math.min(...pending.map(dueAt));
    this.schedule(Math.min(Math.max(0, next - now), poll ?? Number.POSITIVE_INFINITY));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.runDue();
    }, delayMs);
    // Never keep the process alive just to retry a webhook.
    this.timer.unref();
  }
}
