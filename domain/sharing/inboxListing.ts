import { AGENCY_STATUSES, type ListedStatus, type StatusEvent } from './handoffStatus.js';
import { responseTargetState } from './responseTarget.js';

/**
 * What the agency inbox shows of its handoffs besides the listing's statuses: the inbox's filters, and
 * where each handoff stands against the agency's expected response time (directory `expectedResponse`).
 */

/** `new`: sent or delivered, nobody at the agency has answered yet; `overdue`: new and past its target. */
export const INBOX_FILTERS = ['new', 'overdue', 'received', 'accepted', 'declined', 'withdrawn', 'replaced', 'erasure-requested', 'expired'] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];

/** Statuses in which nobody can act on a handoff any more: the inbox shows only their tombstone. */
export const CLOSED_LISTED_STATUSES: readonly ListedStatus[] = ['withdrawn', 'replaced', 'erasure-requested', 'expired'];

export function isNewStatus(status: ListedStatus): boolean {
  return status === 'sent' || status === 'delivered';
}

/** Where a handoff stands against the target, with dates as ISO strings (as everything else in a listing). */
export interface InboxResponse {
  dueAt: string;
  overdue: boolean;
  /** How long it waited for the agency's first word (until now while it has none). */
  waitedMs: number;
  acknowledgedAt?: string;
  metTarget?: boolean;
}

/** The agency's first word on a handoff (received, accepted or declined), if any. */
export function acknowledgedAt(history: readonly StatusEvent[]): string | undefined {
  const agency = new Set<string>(AGENCY_STATUSES);
  return history.find((event) => agency.has(event.status))?.at;
}

export function inboxResponse(
  item: { createdAt: string; status: ListedStatus; statusHistory: readonly StatusEvent[] },
  workingDays: number,
  now: Date,
  holidays?: ReadonlySet<string>,
): InboxResponse {
  const acknowledged = acknowledgedAt(item.statusHistory);
  const state = responseTargetState(
    {
      sentAt: new Date(item.createdAt),
      acknowledgedAt: acknowledged ? new Date(acknowledged) : undefined,
      closed: CLOSED_LISTED_STATUSES.includes(item.status),
      workingDays,
    },
    now,
    holidays,
  );
  return {
    dueAt: state.dueAt.toISOString(),
    overdue: state.overdue,
    waitedMs: state.waitedMs,
    ...(acknowledged ? { acknowledgedAt: acknowledged, metTarget: state.metTarget } : {}),
  };
}

export function matchesInboxFilter(item: { status: ListedStatus; response: InboxResponse }, filter: InboxFilter | undefined): boolean {
  if (filter === undefined) return true;
  if (filter === 'new') return isNewStatus(item.status);
  if (filter === 'overdue') return item.response.overdue;
  return item.status === filter;
}

/** References are shown upper-case; a worker may type one in any case, with spaces around it. */
export function normaliseReference(typed: string): string {
  return typed.trim().toUpperCase();
}
