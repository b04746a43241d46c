import type { HandoffIdentity, HandoffSummary } from './handoffSummary.js';
import type { ConsentWording, SupportedBy } from './consent.js';

/**
 * A handoff's record and where it stands: the statuses One Story and the agency set, why a handoff is
 * closed, and what the agency and the person are shown. Handoff records hold personal content and are kept
 * only in the encrypted document store; the per-agency and per-person indexes hold ids, dates and topic ids only.
 */

/** Set by One Story (`sent`, `delivered`) or by the agency (`received`, `accepted`, `declined`). */
export const HANDOFF_STATUSES = ['sent', 'delivered', 'received', 'accepted', 'declined'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

export const AGENCY_STATUSES = ['received', 'accepted', 'declined'] as const;
export type AgencyStatus = (typeof AGENCY_STATUSES)[number];

/** Why a handoff is no longer served: the person withdrew, a newer version replaced it, or they erased their story. */
export type ClosedReason = 'withdrawn' | 'replaced' | 'erasure-requested';

/** What the person is shown for their latest handoff to an agency: a closed one shows as withdrawn. */
export type PersonFacingStatus = HandoffStatus | 'withdrawn';

/** What an agency's listing shows for a handoff. */
export const LISTED_STATUSES = [...HANDOFF_STATUSES, 'withdrawn', 'replaced', 'erasure-requested', 'expired'] as const;
export type ListedStatus = (typeof LISTED_STATUSES)[number];

/**
 * One thing that happened to a handoff version: sent, delivered, what the agency said (with its message to
 * the person, if it wrote one), how it closed, or (in a listing) that the consent expired.
 */
export interface StatusEvent {
  status: ListedStatus;
  at: string;
  /** The agency's message to the person, set with `received`, `accepted` or `declined`. */
  message?: string;
}

/** What the agency said about one version of a handoff, for the person: an update never wipes it. */
export interface AgencyReply {
  status: AgencyStatus;
  at: string;
  message?: string;
  version: number;
}

export interface HandoffConfirmation {
  wording: ConsentWording;
  channel: string;
  supportedBy: SupportedBy;
  at: string;
}

export interface HandoffRecord extends HandoffIdentity {
  personId: string;
  agencyId: string;
  consentId: string;
  expiresAt: string;
  parts: string[];
  /** What the agency receives. Removed as soon as the handoff is closed, or its consent has expired (retention). */
  summary: HandoffSummary | null;
  /** How the person confirmed this version (the first version's consent, or an update's confirmation). */
  confirmation: HandoffConfirmation;
  status: HandoffStatus;
  statusAt: string;
  /** The agency's latest message to the person on this version (every one is kept in `history`). */
  messageToPerson: string | null;
  closed: { at: string; reason: ClosedReason } | null;
  /** Everything that happened to this version, oldest first, with the agency's messages. */
  history: StatusEvent[];
  /**
   * Pairs this handoff's outcome facts (domain/outcomes/outcomeFacts.ts): random, the same on every version,
   * kept only here and in those facts, so it leads to nobody once this record is gone. Absent on handoffs
   * sent before outcomes were recorded.
   */
  outcomeKey?: string;
}

export interface AgencyIndexEntry extends HandoffIdentity {
  expiresAt: string;
  parts: string[];
  status: HandoffStatus;
  statusAt: string;
  closed: { at: string; reason: ClosedReason } | null;
  /** The same history as the handoff's, without the messages: the index holds ids, dates and statuses only. */
  history: StatusEvent[];
}

export interface AgencyIndex {
  agencyId: string;
  /** Oldest first; listings reverse it. */
  entries: AgencyIndexEntry[];
}

export interface PersonIndexEntry {
  handoffId: string;
  agencyId: string;
  version: number;
  firstHandoffId: string;
  createdAt: string;
}

export interface PersonIndex {
  personId: string;
  handoffs: PersonIndexEntry[];
}

/** The status history of a record or index entry stored before histories were kept, told from its fields. */
export function historyOf(stored: Pick<HandoffRecord, 'createdAt' | 'status' | 'statusAt' | 'closed'> & { history?: StatusEvent[]; messageToPerson?: string | null }): StatusEvent[] {
  if (stored.history) return stored.history;
  const history: StatusEvent[] = [{ status: 'sent', at: stored.createdAt }];
  if (stored.status !== 'sent') history.push({ status: stored.status, at: stored.statusAt, ...(stored.messageToPerson ? { message: stored.messageToPerson } : {}) });
  if (stored.closed) history.push({ status: stored.closed.reason, at: stored.closed.at });
  return history;
}

/** The record with a new status (and the agency's message, if any) added to its history. */
export function withStatus(record: HandoffRecord, status: HandoffStatus, at: string, message?: string): HandoffRecord {
  return {
    ...record,
    status,
    statusAt: at,
    messageToPerson: message ?? record.messageToPerson,
    history: [...record.history, { status, at, ...(message ? { message } : {}) }],
  };
}

/** The record closed: its content gone at once, why and when added to its history. */
export function closedRecord(record: HandoffRecord, reason: ClosedReason, at: string): HandoffRecord {
  return { ...record, summary: null, closed: { at, reason }, history: [...record.history, { status: reason, at }] };
}

/**
 * The record once its consent has run out: its content gone, a tombstone left (reference, agency, dates,
 * statuses), and the expiry in its history. Not closed: the listing already tells `expired` from the date.
 */
export function expiredRecord(record: HandoffRecord): HandoffRecord {
  return { ...record, summary: null, history: [...record.history, { status: 'expired', at: record.expiresAt }] };
}

export function entryWithStatus(entry: AgencyIndexEntry, status: HandoffStatus, at: string): AgencyIndexEntry {
  return { ...entry, status, statusAt: at, history: [...entry.history, { status, at }] };
}

export function closedEntry(entry: AgencyIndexEntry, reason: ClosedReason, at: string): AgencyIndexEntry {
  return { ...entry, closed: { at, reason }, history: [...entry.history, { status: reason, at }] };
}

/**
 * What an agency's listing says of a handoff now: its status, since when, and its history (a closed one
 * since it closed; an expired one since its consent ran out).
 */
export function listedState(entry: AgencyIndexEntry, now: Date): { status: ListedStatus; statusAt: string; statusHistory: StatusEvent[] } {
  const status = listedStatus(entry, now);
  if (status === 'expired') return { status, statusAt: entry.expiresAt, statusHistory: [...entry.history, { status, at: entry.expiresAt }] };
  return { status, statusAt: entry.closed?.at ?? entry.statusAt, statusHistory: entry.history };
}

/** Every reply the agency gave, across the versions of one handoff, oldest first. */
export function agencyReplies(versions: readonly HandoffRecord[]): AgencyReply[] {
  const agencySet = new Set<string>(AGENCY_STATUSES);
  return [...versions]
    .sort((a, b) => a.version - b.version)
    .flatMap((record) =>
      record.history
        .filter((event) => agencySet.has(event.status))
        .map((event) => ({ status: event.status as AgencyStatus, at: event.at, version: record.version, ...(event.message ? { message: event.message } : {}) })),
    );
}

export function indexEntryFor(record: HandoffRecord): AgencyIndexEntry {
  return {
    handoffId: record.handoffId,
    reference: record.reference,
    version: record.version,
    firstHandoffId: record.firstHandoffId,
    previousHandoffId: record.previousHandoffId,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    parts: [...record.parts],
    status: record.status,
    statusAt: record.statusAt,
    closed: record.closed,
    history: record.history.map(({ status, at }) => ({ status, at })),
  };
}

export function listedStatus(entry: Pick<AgencyIndexEntry, 'closed' | 'expiresAt' | 'status'>, now: Date): ListedStatus {
  if (entry.closed) return entry.closed.reason;
  if (now.getTime() >= Date.parse(entry.expiresAt)) return 'expired';
  return entry.status;
}

export function personFacingStatus(record: Pick<HandoffRecord, 'closed' | 'status'>): PersonFacingStatus {
  return record.closed !== null ? 'withdrawn' : record.status;
}

/** The summary as an agency reads it: with where this version stands now, and everything that happened to it. */
export function withStatusOf(summary: HandoffSummary, record: Pick<HandoffRecord, 'status' | 'statusAt' | 'history'>): HandoffSummary {
  return { ...summary, status: record.status, statusAt: record.statusAt, statusHistory: record.history.map((event) => ({ ...event })) };
}
