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
  /** What the agency receives. Removed as soon as the handoff is closed. */
  summary: HandoffSummary | null;
  /** How the person confirmed this version (the first version's consent, or an update's confirmation). */
  confirmation: HandoffConfirmation;
  status: HandoffStatus;
  statusAt: string;
  messageToPerson: string | null;
  closed: { at: string; reason: ClosedReason } | null;
}

export interface AgencyIndexEntry extends HandoffIdentity {
  expiresAt: string;
  parts: string[];
  status: HandoffStatus;
  statusAt: string;
  closed: { at: string; reason: ClosedReason } | null;
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
