import type { AgencyDirectory } from '../../domain/sharing/agency.js';
import { consentStatuses, isLiveConsent } from '../../domain/sharing/consent.js';
import type { HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { inboxResponse, matchesInboxFilter, normaliseReference, type InboxFilter, type InboxResponse } from '../../domain/sharing/inboxListing.js';
import {
  AGENCY_STATUSES,
  entryWithStatus,
  listedState,
  withStatus,
  withStatusOf,
  type AgencyIndexEntry,
  type AgencyStatus,
  type HandoffRecord,
  type HandoffStatus,
  type ListedStatus,
  type StatusEvent,
} from '../../domain/sharing/handoffStatus.js';
import { minutesBetween, weekOf } from '../../domain/outcomes/outcomeFacts.js';
import { responseTargetState } from '../../domain/sharing/responseTarget.js';
import type { OutcomeRecorder } from '../outcomes/outcomeRecorder.js';
import type { AuditLog } from '../ports.js';
import type { SharingRecords } from './sharingRecords.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface AgencySharingDeps {
  /** Shared with the person's side (see `createSharing`). */
  records: SharingRecords;
  directory: AgencyDirectory;
  audit: AuditLog;
  clock: () => Date;
  /**
   * After the agency says something to the person: let them know there is news, where they said a text is
   * safe (useCases/sharing/newsNotices.ts). Never throws; the agency's answer does not depend on it.
   */
  tellPersonOfNews?: (personId: string) => Promise<void>;
  /** The partnership's outcome facts: the agency's first answer on each version, in the same unit of work. */
  outcomes?: OutcomeRecorder;
}

/** The agency staff member reading or answering through the inbox: every read and answer is audited with them. */
export interface StaffReader {
  staffId: string;
}

export type AgencyListingItem = AgencyListing['items'][number];

/** The inbox's listing: each handoff with where it stands against the agency's expected response time. */
export interface InboxListing {
  items: Array<AgencyListingItem & { response: InboxResponse }>;
  page: number;
  pageSize: number;
  total: number;
  /** The agency's expected response time from the directory, in working days. */
  workingDays: number;
}

/** What the inbox shows of a closed handoff (withdrawn, replaced, erased, expired): ids, dates and statuses only. */
export interface HandoffTombstone {
  handoffId: string;
  reference: string;
  version: number;
  createdAt: string;
  status: AgencyListingItem['status'];
  statusAt: string;
  statusHistory: StatusEvent[];
  /** The newer version that replaced it, when the person sent an update. */
  replacedBy?: string;
}

export type StaffHandoffView = { kind: 'open'; summary: HandoffSummary; response: InboxResponse } | { kind: 'tombstone'; tombstone: HandoffTombstone };

export interface AgencyListing {
  items: Array<Omit<AgencyIndexEntry, 'status' | 'closed' | 'history'> & { status: ListedStatus; statusHistory: StatusEvent[] }>;
  page: number;
  pageSize: number;
  total: number;
}

/**
 * Sharing, the agency's side: each agency lists and reads exactly the handoffs it was sent, while the
 * person's consent is live, and says where it stands with them. Every read and status change is written
 * to the audit log. A status change runs in the person's queue, so it never interleaves with a withdrawal.
 */
export class AgencySharing {
  private readonly records: SharingRecords;
  private readonly agencyIds: Set<string>;

  constructor(private readonly deps: AgencySharingDeps) {
    this.records = deps.records;
    this.agencyIds = new Set(deps.directory.agencies.map((agency) => agency.id));
  }

  /** The agency's own handoffs, newest first, optionally only those with one status. */
  async listForAgency(agencyId: string, query: { status?: ListedStatus; page: number; pageSize: number }): Promise<AgencyListing> {
    const all = (await this.listedEntries(agencyId)).filter((entry) => query.status === undefined || entry.status === query.status);
    const start = (query.page - 1) * query.pageSize;
    await this.deps.audit.record({ event: 'agency.listed', agencyId });
    return { items: all.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: all.length };
  }

  /**
   * The inbox: the agency's handoffs newest first, each with where it stands against the agency's expected
   * response time (overdue, how long it has waited); filtered, or found by reference (every version of it).
   */
  async inboxForAgency(
    agencyId: string,
    query: { filter?: InboxFilter; reference?: string; page: number; pageSize: number },
    reader: StaffReader,
  ): Promise<InboxListing> {
    const now = this.deps.clock();
    const workingDays = this.workingDays(agencyId);
    const reference = query.reference ? normaliseReference(query.reference) : undefined;
    const all = (await this.listedEntries(agencyId))
      .filter((entry) => reference === undefined || entry.reference === reference)
      .map((entry) => ({ ...entry, response: inboxResponse(entry, workingDays, now) }))
      .filter((entry) => matchesInboxFilter(entry, query.filter));
    const start = (query.page - 1) * query.pageSize;
    await this.deps.audit.record({ event: 'agency.listed', agencyId, staffId: reader.staffId });
    return { items: all.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: all.length, workingDays };
  }

  /**
   * A handoff as the inbox shows it: the summary while the agency may see it (as `readForAgency`), else its
   * tombstone if it was this agency's; undefined for an unknown id or another agency's, so both answer alike.
   * Every read, a tombstone's too, is audited with the staff member.
   */
  async readForStaff(agencyId: string, handoffId: string, reader: StaffReader): Promise<StaffHandoffView | undefined> {
    const summary = await this.readForAgency(agencyId, handoffId, reader);
    const entries = await this.listedEntries(agencyId);
    const entry = entries.find((candidate) => candidate.handoffId === handoffId);
    if (!entry) return undefined;
    if (summary) return { kind: 'open', summary, response: inboxResponse(entry, this.workingDays(agencyId), this.deps.clock()) };
    const replacedBy = entries.find((candidate) => candidate.previousHandoffId === handoffId)?.handoffId;
    await this.deps.audit.record({ event: 'agency.read', agencyId, handoffId, staffId: reader.staffId, status: entry.status });
    return {
      kind: 'tombstone',
      tombstone: {
        handoffId,
        reference: entry.reference,
        version: entry.version,
        createdAt: entry.createdAt,
        status: entry.status,
        statusAt: entry.statusAt,
        statusHistory: entry.statusHistory.map(({ status, at }) => ({ status, at })),
        ...(replacedBy ? { replacedBy } : {}),
      },
    };
  }

  /**
   * The summary, if this agency may see it now: its own, not closed, consent still live. Anything else
   * is undefined, so the API answers the same way for unknown, other agencies' and withdrawn handoffs.
   * A first fetch of a handoff not yet pushed marks it delivered. The summary comes with where it stands
   * and its status history.
   */
  async readForAgency(agencyId: string, handoffId: string, reader?: StaffReader): Promise<HandoffSummary | undefined> {
    const found = await this.servable(agencyId, handoffId);
    if (!found?.summary) return undefined;
    await this.deps.audit.record({ event: 'agency.read', agencyId, handoffId, personId: found.personId, ...(reader ? { staffId: reader.staffId } : {}) });
    if (found.status !== 'sent') return withStatusOf(found.summary, found);
    await this.recordDelivered(handoffId);
    return withStatusOf(found.summary, (await this.records.readHandoff(handoffId)) ?? found);
  }

  /** The agency says it has received, accepted or declined the handoff, with an optional message for the person. */
  async setStatusByAgency(
    agencyId: string,
    handoffId: string,
    status: AgencyStatus,
    messageToPerson: string | undefined,
    by?: StaffReader,
  ): Promise<{ handoffId: string; status: HandoffStatus; statusAt: string } | undefined> {
    const found = await this.servable(agencyId, handoffId);
    if (!found) return undefined;
    const changed = await this.records.forPerson(found.personId, async () => {
      const record = await this.servable(agencyId, handoffId);
      if (!record) return undefined;
      const now = this.deps.clock();
      const statusAt = now.toISOString();
      await this.recordFirstAnswer(record, status, now);
      await this.records.writeHandoff(withStatus(record, status, statusAt, messageToPerson));
      await this.records.updateAgencyIndex(agencyId, (entries) => entries.map((entry) => (entry.handoffId === handoffId ? entryWithStatus(entry, status, statusAt) : entry)));
      await this.deps.audit.record({ event: 'agency.status-changed', agencyId, handoffId, personId: record.personId, status, ...(by ? { staffId: by.staffId } : {}) });
      return { personId: record.personId, answer: { handoffId, status, statusAt } };
    });
    if (!changed) return undefined;
    // Outside the person's queue: telling them takes that queue again.
    await this.deps.tellPersonOfNews?.(changed.personId);
    return changed.answer;
  }

  /** A webhook delivery of a handoff succeeded: `sent` becomes `delivered` (later statuses are kept). */
  async recordDelivered(handoffId: string): Promise<void> {
    const first = await this.records.readHandoff(handoffId);
    if (!first) return;
    await this.records.forPerson(first.personId, async () => {
      const record = await this.records.readHandoff(handoffId);
      if (!record || record.closed || record.status !== 'sent') return;
      const statusAt = this.deps.clock().toISOString();
      await this.records.writeHandoff(withStatus(record, 'delivered', statusAt));
      await this.records.updateAgencyIndex(record.agencyId, (entries) =>
        entries.map((entry) => (entry.handoffId === handoffId && entry.status === 'sent' ? entryWithStatus(entry, 'delivered', statusAt) : entry)),
      );
      await this.deps.audit.record({ event: 'handoff.delivered', agencyId: record.agencyId, handoffId, personId: record.personId });
    });
  }

  /** Whether this handoff was ever sent to this agency (open or closed): reads nothing of what it holds. */
  async isAgencysHandoff(agencyId: string, handoffId: string): Promise<boolean> {
    if (!UUID.test(handoffId) || !this.agencyIds.has(agencyId)) return false;
    return (await this.records.readAgencyIndex(agencyId)).entries.some((entry) => entry.handoffId === handoffId);
  }

  /** The agency's index as listings show it, newest first. */
  private async listedEntries(agencyId: string): Promise<AgencyListingItem[]> {
    const now = this.deps.clock();
    const index = await this.records.readAgencyIndex(agencyId);
    return [...index.entries].reverse().map((entry) => {
      const { closed: _closed, status: _status, statusAt: _statusAt, history: _history, ...rest } = entry;
      return { ...rest, ...listedState(entry, now) };
    });
  }

  private workingDays(agencyId: string): number {
    return this.deps.directory.agencies.find((agency) => agency.id === agencyId)?.expectedResponse.workingDays ?? 0;
  }

  /**
   * The outcome fact for the agency's first answer on this version (received, accepted or declined): how long
   * after the handoff's first version, and whether within the agency's target (domain/sharing/responseTarget.ts).
   * The figures keep each handoff's earliest answer.
   */
  private async recordFirstAnswer(record: HandoffRecord, status: AgencyStatus, now: Date): Promise<void> {
    const agencySet = new Set<string>(AGENCY_STATUSES);
    if (!this.deps.outcomes || !record.outcomeKey || record.history.some((event) => agencySet.has(event.status))) return;
    const first = record.firstHandoffId === record.handoffId ? record : await this.records.readHandoff(record.firstHandoffId);
    const sentAt = new Date((first ?? record).createdAt);
    const workingDays = this.workingDays(record.agencyId);
    const state = responseTargetState({ sentAt, acknowledgedAt: now, closed: false, workingDays }, now);
    await this.deps.outcomes.record({
      kind: 'handoff.acknowledged',
      week: weekOf(now),
      chain: record.outcomeKey,
      agencyId: record.agencyId,
      status,
      minutesFromHandoff: minutesBetween(sentAt, now),
      withinTarget: state.metTarget === true,
    });
  }

  private async servable(agencyId: string, handoffId: string): Promise<HandoffRecord | undefined> {
    if (!UUID.test(handoffId) || !this.agencyIds.has(agencyId)) return undefined;
    const record = await this.records.readHandoff(handoffId);
    if (!record || record.agencyId !== agencyId || record.closed || !record.summary) return undefined;
    const consent = consentStatuses(await this.records.readLedger(record.personId)).find((candidate) => candidate.id === record.consentId);
    if (!consent || !isLiveConsent(consent, this.deps.clock())) return undefined;
    return record;
  }
}

