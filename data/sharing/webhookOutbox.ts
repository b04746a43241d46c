import { randomUUID } from 'node:crypto';
import type { DocumentStore, HandoffNotifier, WebhookEventType } from '../../useCases/ports.js';

const JOBS = 'webhook-jobs';
const OUTBOX = 'webhook-outbox';
const PENDING = 'pending';

/** Events that carry a handoff's content: these are the ones a withdrawal drops from the queue. */
const CONTENT_EVENTS: readonly WebhookEventType[] = ['handoff.created', 'handoff.updated'];

export interface WebhookJob {
  /** The Standard Webhooks message id (`webhook-id`): the same on every retry, so receivers can de-duplicate. */
  id: string;
  agencyId: string;
  type: WebhookEventType;
  handoffIds: string[];
  /** The exact body, fixed when queued, so every attempt signs and sends the same bytes. */
  body: string;
  createdAt: string;
  attempts: number;
  nextAttemptAt: string;
  lastResult: string | null;
  /** The instance sending it now, and until when its claim holds (so exactly one instance sends each attempt). */
  claimedBy?: string;
  claimedUntil?: string;
}

export type WebhookJobOutcome = 'delivered' | 'retry' | 'failed';

/**
 * The webhook outbox: one encrypted document per queued message (its body is personal), plus one small
 * document listing the ids still pending, so a restart finds and resumes every retry.
 */
export class WebhookOutbox implements HandoffNotifier {
  constructor(
    private readonly documents: DocumentStore,
    private readonly options: {
      /** Whether this agency has a webhook URL and a signing secret (now: a secret can be made at any time). */
      pushesTo: (agencyId: string) => boolean | Promise<boolean>;
      clock: () => Date;
      /** Called after a message is queued, so the delivery worker can start at once. */
      onQueued?: () => void;
    },
  ) {}

  async notify(agencyId: string, type: WebhookEventType, handoffIds: string[], data: unknown): Promise<void> {
    if (!(await this.options.pushesTo(agencyId))) return;
    const now = this.options.clock().toISOString();
    const job: WebhookJob = {
      id: `msg_${randomUUID().replace(/-/g, '')}`,
      agencyId,
      type,
      handoffIds: [...handoffIds],
      body: JSON.stringify({ type, timestamp: now, data }),
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
      lastResult: null,
    };
    await this.documents.write(JOBS, job.id, job);
    await this.updatePending((ids) => [...ids, job.id]);
    this.options.onQueued?.();
  }

  async dropQueued(handoffIds: readonly string[]): Promise<number> {
    const wanted = new Set(handoffIds);
    const dropped: string[] = [];
    for (const job of await this.pending()) {
      if (CONTENT_EVENTS.includes(job.type) && job.handoffIds.some((id) => wanted.has(id))) dropped.push(job.id);
    }
    if (dropped.length === 0) return 0;
    await this.updatePending((ids) => ids.filter((id) => !dropped.includes(id)));
    for (const id of dropped) await this.documents.delete(JOBS, id);
    return dropped.length;
  }

  /** Every queued message, oldest first. */
  async pending(): Promise<WebhookJob[]> {
    const index = await this.readPending();
    const jobs = await Promise.all(index.map((id) => this.documents.read<WebhookJob>(JOBS, id)));
    return jobs.filter((job): job is WebhookJob => job !== undefined);
  }

  /** Whether a message is still queued (it is not once delivered, failed for good, or dropped). */
  async isPending(jobId: string): Promise<boolean> {
    return (await this.readPending()).includes(jobId);
  }

  /**
   * Claims a due message for one attempt by `owner` (an instance), for `leaseMs`: false if another instance
   * holds an unexpired claim, or it is no longer queued. A claim left by an instance that stopped expires,
   * and the message is sent again with the same id (receivers de-duplicate on it).
   */
  async claim(jobId: string, owner: string, leaseMs: number): Promise<WebhookJob | undefined> {
    const now = this.options.clock();
    const notYours = new Error('not claimable');
    try {
      const claimed = await this.documents.update<WebhookJob>(JOBS, jobId, (job) => {
        // Gone (delivered or dropped), or another instance is sending it: change nothing.
        if (!job) throw notYours;
        const heldByOther = job.claimedBy && job.claimedBy !== owner && job.claimedUntil && Date.parse(job.claimedUntil) > now.getTime();
        if (heldByOther) throw notYours;
        return { ...job, claimedBy: owner, claimedUntil: new Date(now.getTime() + leaseMs).toISOString() };
      });
      return (await this.isPending(jobId)) ? claimed : undefined;
    } catch (error) {
      if (error === notYours) return undefined;
      throw error;
    }
  }

  /** Records one attempt. A finished message leaves the queue and its body is deleted. */
  async recordAttempt(job: WebhookJob, outcome: WebhookJobOutcome, result: string, nextAttemptAt?: Date): Promise<void> {
    if (!(await this.isPending(job.id))) return;
    if (outcome === 'retry' && nextAttemptAt) {
      await this.documents.write<WebhookJob>(JOBS, job.id, {
        ...job,
        attempts: job.attempts + 1,
        lastResult: result,
        nextAttemptAt: nextAttemptAt.toISOString(),
        claimedBy: undefined,
        claimedUntil: undefined,
      });
      // A withdrawal may have dropped it while we were sending: never leave its body behind.
      if (!(await this.isPending(job.id))) await this.documents.delete(JOBS, job.id);
      return;
    }
    await this.updatePending((ids) => ids.filter((id) => id !== job.id));
    await this.documents.delete(JOBS, job.id);
  }

  private async readPending(): Promise<string[]> {
    return (await this.documents.read<{ jobIds: string[] }>(OUTBOX, PENDING))?.jobIds ?? [];
  }

  /** One change to the list of queued messages, with nothing coming between its read and its write, on any instance. */
  private async updatePending(change: (ids: string[]) => string[]): Promise<void> {
    await this.documents.update<{ jobIds: string[] }>(OUTBOX, PENDING, (current) => ({ jobIds: change(current?.jobIds ?? []) }));
  }
}
