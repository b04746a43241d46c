import type { AuditFacts } from '../domain/audit/auditChain.js';

/**
 * What the use cases and the conversation need from storage, as interfaces: `data/` implements them
 * (the embedded encrypted files today, PostgreSQL later) and the composition root hands them in.
 */

/** JSON documents by collection and id. */
export interface DocumentStore {
  read<T>(collection: string, id: string): Promise<T | undefined>;
  write<T>(collection: string, id: string, value: T): Promise<void>;
  delete(collection: string, id: string): Promise<void>;
}

/** The append-only audit log: ids, event names and status codes only. */
export interface AuditLog {
  record(facts: AuditFacts): Promise<void>;
}

/** The events agencies are told about by webhook. */
export const WEBHOOK_EVENT_TYPES = ['handoff.created', 'handoff.updated', 'handoff.withdrawn', 'story.erasure_requested'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** How the sharing rules tell agencies about handoffs, without knowing how messages travel. */
export interface HandoffNotifier {
  /** Queues a message for an agency that takes webhooks; does nothing for pull-only agencies. */
  notify(agencyId: string, type: WebhookEventType, handoffIds: string[], data: unknown): Promise<void>;
  /** Drops queued content messages for these handoffs (after a withdrawal). Returns how many were dropped. */
  dropQueued(handoffIds: readonly string[]): Promise<number>;
}
