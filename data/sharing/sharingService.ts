import { randomBytes, randomUUID } from 'node:crypto';
import { suggestAgencies, type Agency, type AgencyDirectory } from '../../domain/sharing/agency.js';
import {
  ConsentLedgerSchema,
  DEFAULT_CONSENT_MONTHS,
  HANDOFF_PURPOSE,
  consentStatuses,
  emptyLedger,
  grantConsent,
  isLiveConsent,
  liveConsentFor,
  liveConsents,
  withdrawConsent,
  type ConsentLedger,
  type ConsentStatus,
  type ConsentWording,
  type HeldBackAnswer,
  type SupportedBy,
} from '../../domain/sharing/consent.js';
import { buildHandoffSummary, type HandoffIdentity, type HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import type { QuestionBank } from '../../domain/questionBank.js';
import { topicsWithAnswers, type Story } from '../../domain/story.js';
import type { AuditLog } from '../../useCases/ports.js';
import type { DocumentStore } from '../../useCases/ports.js';
import { KeyedSerialQueue } from '../../domain/keyedSerialQueue.js';
import {
  indexEntryFor,
  listedStatus,
  type AgencyIndex,
  type AgencyIndexEntry,
  type AgencyStatus,
  type ClosedReason,
  type HandoffConfirmation,
  type HandoffRecord,
  type HandoffStatus,
  type ListedStatus,
  type PersonIndex,
} from './handoffRecords.js';
import type { HandoffNotifier } from '../../useCases/ports.js';

const CONSENTS = 'consent-ledgers';
const HANDOFFS = 'handoffs';
const AGENCY_INDEX = 'agency-handoffs';
const PERSON_INDEX = 'person-handoffs';
const PREVIEW_ID = 'preview';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export type PersonFacingStatus = HandoffStatus | 'withdrawn';

export interface SharingServiceDeps {
  documents: DocumentStore;
  directory: AgencyDirectory;
  bank: QuestionBank;
  audit: AuditLog;
  notifier: HandoffNotifier;
  clock: () => Date;
  /** How long a consent lasts (CONSENT_MONTHS). */
  consentMonths?: number;
  /** Question wording and topic titles as the person saw them (from i18n). */
  questionText: (key: string, locale: string) => string;
}

export interface ShareChoice {
  story: Story;
  agencyId: string;
  parts: string[];
  heldBack: HeldBackAnswer[];
}

export interface PersonConfirmation {
  wording: ConsentWording;
  channel: string;
  supportedBy: SupportedBy;
}

export interface SharedWithEntry {
  handoffId: string;
  reference: string;
  agencyId: string;
  agencyName: string;
  parts: string[];
  sharedAt: string;
  version: number;
  status: PersonFacingStatus;
  messageToPerson?: string;
  expiresAt: string;
  /** False once withdrawn or expired: the agency can no longer fetch it. */
  live: boolean;
}

export interface AgencyListing {
  items: Array<Omit<AgencyIndexEntry, 'status' | 'closed'> & { status: ListedStatus }>;
  page: number;
  pageSize: number;
  total: number;
}

export type SharingErrorCode = 'unknown-agency' | 'unknown-part' | 'not-this-person' | 'no-live-consent';

export class SharingError extends Error {
  constructor(public readonly code: SharingErrorCode) {
    super(`sharing refused: ${code}`);
    this.name = 'SharingError';
  }
}

/**
 * Consent and handoff: the person chooses what each agency may see, each agency receives exactly that,
 * and the person can see what happened, withdraw, send an update, or erase everything. Every consent
 * event and every agency read or status change is written to the audit log.
 *
 * Everything about one person runs one at a time (their consent ledger, handoffs and index); each
 * agency's index is updated one write at a time.
 */
export class SharingService {
  private readonly queue = new KeyedSerialQueue();
  private readonly agencies: Map<string, Agency>;
  private readonly consentMonths: number;

  constructor(private readonly deps: SharingServiceDeps) {
    this.agencies = new Map(deps.directory.agencies.map((agency) => [agency.id, agency]));
    this.consentMonths = deps.consentMonths ?? DEFAULT_CONSENT_MONTHS;
  }

  // ── The person's side ────────────────────────────────────────────────────────────────────────────

  suggestAgencies(story: Story): Array<{ agency: Agency; becauseTopicIds: string[] }> {
    const order = this.deps.bank.topics.map((topic) => topic.id);
    return suggestAgencies(this.deps.directory, topicsWithAnswers(story, order));
  }

  allAgencies(): Agency[] {
    return [...this.deps.directory.agencies];
  }

  agency(agencyId: string): Agency | undefined {
    return this.agencies.get(agencyId);
  }

  /** Exactly what share() would send now, with placeholder ids ("preview"). */
  preview(input: ShareChoice): HandoffSummary {
    const agency = this.requireAgency(input.agencyId);
    this.checkParts(input.parts);
    const now = this.deps.clock();
    const { consent } = grantConsent(
      emptyLedger(input.story.personId),
      { id: PREVIEW_ID, agencyId: agency.id, parts: input.parts, heldBack: input.heldBack, purpose: HANDOFF_PURPOSE, wording: { key: PREVIEW_ID, locale: input.story.locale, version: PREVIEW_ID }, channel: PREVIEW_ID, supportedBy: null, confirmedBy: 'person' },
      now,
      this.consentMonths,
    );
    const identity: HandoffIdentity = { handoffId: PREVIEW_ID, reference: PREVIEW_ID, version: 1, firstHandoffId: PREVIEW_ID, previousHandoffId: null, createdAt: now.toISOString() };
    return this.summarise(input.story, agency, [{ ...consent, withdrawnAt: null, supersededBy: null }], now, identity);
  }

  /**
   * Records the person's consent and sends the handoff. If they had already shared with this agency,
   * the new consent supersedes the old one and the handoff becomes the next version of the same chain.
   */
  async share(
    input: ShareChoice & PersonConfirmation & { confirmedBy?: 'person' | 'supporter' },
  ): Promise<{ handoffId: string; reference: string; consentId: string; expiresAt: string }> {
    const agency = this.requireAgency(input.agencyId);
    this.checkParts(input.parts);
    const personId = input.story.personId;
    return this.queue.run(personKey(personId), async () => {
      const now = this.deps.clock();
      const before = await this.readLedger(personId);
      const granted = grantConsent(
        before,
        {
          id: randomUUID(),
          agencyId: agency.id,
          parts: input.parts,
          heldBack: input.heldBack,
          purpose: HANDOFF_PURPOSE,
          wording: input.wording,
          channel: input.channel,
          supportedBy: input.supportedBy,
          confirmedBy: input.confirmedBy ?? 'person',
        },
        now,
        this.consentMonths,
      );
      await this.writeLedger(granted.ledger);
      const { consent } = granted;
      await this.deps.audit.record({ event: 'consent.granted', personId, agencyId: agency.id, consentId: consent.id, channel: input.channel });
      if (consent.supersedes) {
        await this.deps.audit.record({ event: 'consent.superseded', personId, agencyId: agency.id, consentId: consent.supersedes });
      }

      const previous = await this.openLatestHandoff(personId, agency.id);
      const record = await this.storeNewVersion({
        story: input.story,
        agency,
        consents: consentStatuses(granted.ledger),
        consentId: consent.id,
        expiresAt: consent.expiresAt,
        parts: consent.parts,
        previous,
        confirmation: { wording: input.wording, channel: input.channel, supportedBy: input.supportedBy, at: now.toISOString() },
        now,
      });
      return { handoffId: record.handoffId, reference: record.reference, consentId: consent.id, expiresAt: consent.expiresAt };
    });
  }

  /** The latest version shared with each agency, newest first, with its status. */
  async sharedWith(personId: string): Promise<SharedWithEntry[]> {
    const now = this.deps.clock();
    const index = await this.readPersonIndex(personId);
    const latest = new Map<string, string>();
    for (const entry of index.handoffs) latest.set(entry.agencyId, entry.handoffId);
    const consents = consentStatuses(await this.readLedger(personId));
    const results: SharedWithEntry[] = [];
    for (const handoffId of latest.values()) {
      const record = await this.readHandoff(handoffId);
      if (!record) continue;
      const consent = consents.find((candidate) => candidate.id === record.consentId);
      const withdrawn = record.closed !== null;
      results.push({
        handoffId: record.handoffId,
        reference: record.reference,
        agencyId: record.agencyId,
        agencyName: this.agencies.get(record.agencyId)?.name ?? record.agencyId,
        parts: [...record.parts],
        sharedAt: record.createdAt,
        version: record.version,
        status: withdrawn ? 'withdrawn' : record.status,
        ...(record.messageToPerson ? { messageToPerson: record.messageToPerson } : {}),
        expiresAt: record.expiresAt,
        live: !withdrawn && consent !== undefined && isLiveConsent(consent, now),
      });
    }
    return results.sort((a, b) => b.sharedAt.localeCompare(a.sharedAt));
  }

  /** "Stop sharing with X": the consent ends, X's API stops serving at once, queued sends are dropped, X is told. */
  async withdraw(personId: string, agencyId: string, channel: string): Promise<boolean> {
    return this.queue.run(personKey(personId), async () => {
      const now = this.deps.clock();
      const { ledger, withdrawn } = withdrawConsent(await this.readLedger(personId), agencyId, now, channel, 'person-withdrew');
      const closed = await this.closeOpenHandoffs(personId, agencyId, 'withdrawn', now);
      if (withdrawn.length === 0 && closed.length === 0) return false;
      await this.writeLedger(ledger);
      for (const consent of withdrawn) {
        await this.deps.audit.record({ event: 'consent.withdrawn', personId, agencyId, consentId: consent.id, channel });
      }
      if (closed.length > 0) {
        await this.deps.notifier.dropQueued(closed.map((record) => record.handoffId));
        for (const record of closed) await this.deps.audit.record({ event: 'handoff.withdrawn', personId, agencyId, handoffId: record.handoffId });
        await this.deps.notifier.notify(agencyId, 'handoff.withdrawn', closed.map((record) => record.handoffId), {
          reference: closed[0].reference,
          handoffIds: closed.map((record) => record.handoffId),
          withdrawnAt: now.toISOString(),
        });
      }
      return true;
    });
  }

  /** Agencies with a live consent covering any of these parts, and which of them each has. */
  async agenciesHoldingParts(personId: string, topicIds: string[]): Promise<Array<{ agencyId: string; agencyName: string; parts: string[] }>> {
    const live = liveConsents(await this.readLedger(personId), this.deps.clock());
    return live
      .map((consent) => ({
        agencyId: consent.agencyId,
        agencyName: this.agencies.get(consent.agencyId)?.name ?? consent.agencyId,
        parts: consent.parts.filter((part) => topicIds.includes(part)),
      }))
      .filter((holding) => holding.parts.length > 0);
  }

  /** Sends the story as it is now, under the same live consent, as the next version of the handoff. */
  async sendUpdate(input: { story: Story; agencyId: string } & PersonConfirmation): Promise<{ handoffId: string; reference: string; version: number }> {
    const agency = this.requireAgency(input.agencyId);
    const personId = input.story.personId;
    return this.queue.run(personKey(personId), async () => {
      const now = this.deps.clock();
      const consents = consentStatuses(await this.readLedger(personId));
      const consent = liveConsentFor(consents, personId, agency.id, now);
      const previous = await this.openLatestHandoff(personId, agency.id);
      if (!consent || !previous) throw new SharingError('no-live-consent');
      const record = await this.storeNewVersion({
        story: input.story,
        agency,
        consents,
        consentId: consent.id,
        expiresAt: consent.expiresAt,
        parts: consent.parts,
        previous,
        confirmation: { wording: input.wording, channel: input.channel, supportedBy: input.supportedBy, at: now.toISOString() },
        now,
      });
      return { handoffId: record.handoffId, reference: record.reference, version: record.version };
    });
  }

  /**
   * "Delete my story": withdraws every consent, closes every handoff, asks every agency that was sent
   * anything to erase it, then deletes our own copies. Returns how many agencies were asked.
   */
  async eraseEverything(personId: string, channel: string): Promise<number> {
    return this.queue.run(personKey(personId), async () => {
      const now = this.deps.clock();
      let ledger = await this.readLedger(personId);
      const index = await this.readPersonIndex(personId);
      const agencyIds = [...new Set([...index.handoffs.map((entry) => entry.agencyId), ...liveConsents(ledger, now).map((consent) => consent.agencyId)])];
      for (const agencyId of agencyIds) {
        const result = withdrawConsent(ledger, agencyId, now, channel, 'story-erased');
        ledger = result.ledger;
        for (const consent of result.withdrawn) {
          await this.deps.audit.record({ event: 'consent.withdrawn', personId, agencyId, consentId: consent.id, channel });
        }
      }
      let notified = 0;
      for (const agencyId of agencyIds) {
        const records = (await Promise.all(index.handoffs.filter((entry) => entry.agencyId === agencyId).map((entry) => this.readHandoff(entry.handoffId)))).filter(
          (record): record is HandoffRecord => record !== undefined,
        );
        if (records.length === 0) continue;
        const handoffIds = records.map((record) => record.handoffId);
        await this.deps.notifier.dropQueued(handoffIds);
        await this.updateAgencyIndex(agencyId, (entries) =>
          entries.map((entry) => (handoffIds.includes(entry.handoffId) ? { ...entry, closed: { at: now.toISOString(), reason: 'erasure-requested' } } : entry)),
        );
        await this.deps.notifier.notify(agencyId, 'story.erasure_requested', handoffIds, {
          references: [...new Set(records.map((record) => record.reference))],
          handoffIds,
          requestedAt: now.toISOString(),
        });
        await this.deps.audit.record({ event: 'story.erasure-requested', personId, agencyId });
        notified++;
      }
      for (const entry of index.handoffs) await this.deps.documents.delete(HANDOFFS, entry.handoffId);
      await this.deps.documents.delete(PERSON_INDEX, personId);
      await this.deps.documents.delete(CONSENTS, personId);
      return notified;
    });
  }

  /** The person's consent history, oldest first (for "what have I agreed to?"). */
  async consentHistory(personId: string): Promise<ConsentStatus[]> {
    return consentStatuses(await this.readLedger(personId));
  }

  // ── The agency's side ────────────────────────────────────────────────────────────────────────────

  /** The agency's own handoffs, newest first, optionally only those with one status. */
  async listForAgency(agencyId: string, query: { status?: ListedStatus; page: number; pageSize: number }): Promise<AgencyListing> {
    const now = this.deps.clock();
    const index = await this.readAgencyIndex(agencyId);
    const all = [...index.entries]
      .reverse()
      .map(({ closed, status, ...rest }) => ({ ...rest, status: listedStatus({ closed, status, expiresAt: rest.expiresAt }, now) }))
      .filter((entry) => query.status === undefined || entry.status === query.status);
    const start = (query.page - 1) * query.pageSize;
    await this.deps.audit.record({ event: 'agency.listed', agencyId });
    return { items: all.slice(start, start + query.pageSize), page: query.page, pageSize: query.pageSize, total: all.length };
  }

  /**
   * The summary, if this agency may see it now: its own, not closed, consent still live. Anything else
   * is undefined, so the API answers the same way for unknown, other agencies' and withdrawn handoffs.
   * A first fetch of a handoff not yet pushed marks it delivered.
   */
  async readForAgency(agencyId: string, handoffId: string): Promise<HandoffSummary | undefined> {
    const found = await this.servable(agencyId, handoffId);
    if (!found) return undefined;
    await this.deps.audit.record({ event: 'agency.read', agencyId, handoffId, personId: found.personId });
    if (found.status === 'sent') await this.recordDelivered(handoffId);
    return found.summary ?? undefined;
  }

  /** The agency says it has received, accepted or declined the handoff, with an optional message for the person. */
  async setStatusByAgency(
    agencyId: string,
    handoffId: string,
    status: AgencyStatus,
    messageToPerson: string | undefined,
  ): Promise<{ handoffId: string; status: HandoffStatus; statusAt: string } | undefined> {
    const found = await this.servable(agencyId, handoffId);
    if (!found) return undefined;
    return this.queue.run(personKey(found.personId), async () => {
      const record = await this.servable(agencyId, handoffId);
      if (!record) return undefined;
      const statusAt = this.deps.clock().toISOString();
      const updated: HandoffRecord = { ...record, status, statusAt, messageToPerson: messageToPerson ?? record.messageToPerson };
      await this.deps.documents.write(HANDOFFS, handoffId, updated);
      await this.updateAgencyIndex(agencyId, (entries) => entries.map((entry) => (entry.handoffId === handoffId ? { ...entry, status, statusAt } : entry)));
      await this.deps.audit.record({ event: 'agency.status-changed', agencyId, handoffId, personId: record.personId, status });
      return { handoffId, status, statusAt };
    });
  }

  /** A webhook delivery of a handoff succeeded: `sent` becomes `delivered` (later statuses are kept). */
  async recordDelivered(handoffId: string): Promise<void> {
    const first = await this.readHandoff(handoffId);
    if (!first) return;
    await this.queue.run(personKey(first.personId), async () => {
      const record = await this.readHandoff(handoffId);
      if (!record || record.closed || record.status !== 'sent') return;
      const statusAt = this.deps.clock().toISOString();
      await this.deps.documents.write<HandoffRecord>(HANDOFFS, handoffId, { ...record, status: 'delivered', statusAt });
      await this.updateAgencyIndex(record.agencyId, (entries) =>
        entries.map((entry) => (entry.handoffId === handoffId && entry.status === 'sent' ? { ...entry, status: 'delivered', statusAt } : entry)),
      );
      await this.deps.audit.record({ event: 'handoff.delivered', agencyId: record.agencyId, handoffId, personId: record.personId });
    });
  }

  // ── Inside ───────────────────────────────────────────────────────────────────────────────────────

  private async servable(agencyId: string, handoffId: string): Promise<HandoffRecord | undefined> {
    if (!UUID.test(handoffId) || !this.agencies.has(agencyId)) return undefined;
    const record = await this.readHandoff(handoffId);
    if (!record || record.agencyId !== agencyId || record.closed || !record.summary) return undefined;
    const consent = consentStatuses(await this.readLedger(record.personId)).find((candidate) => candidate.id === record.consentId);
    if (!consent || !isLiveConsent(consent, this.deps.clock())) return undefined;
    return record;
  }

  private async storeNewVersion(input: {
    story: Story;
    agency: Agency;
    consents: ConsentStatus[];
    consentId: string;
    expiresAt: string;
    parts: string[];
    previous: HandoffRecord | undefined;
    confirmation: HandoffConfirmation;
    now: Date;
  }): Promise<HandoffRecord> {
    const { agency, previous, now } = input;
    const personId = input.story.personId;
    const handoffId = randomUUID();
    const identity: HandoffIdentity = {
      handoffId,
      reference: previous?.reference ?? newReference(),
      version: (previous?.version ?? 0) + 1,
      firstHandoffId: previous?.firstHandoffId ?? handoffId,
      previousHandoffId: previous?.handoffId ?? null,
      createdAt: now.toISOString(),
    };
    const summary = this.summarise(input.story, agency, input.consents, now, identity);
    const record: HandoffRecord = {
      ...identity,
      personId,
      agencyId: agency.id,
      consentId: input.consentId,
      expiresAt: input.expiresAt,
      parts: [...input.parts],
      summary,
      confirmation: input.confirmation,
      status: 'sent',
      statusAt: now.toISOString(),
      messageToPerson: null,
      closed: null,
    };
    await this.deps.documents.write(HANDOFFS, handoffId, record);
    if (previous) {
      await this.deps.documents.write<HandoffRecord>(HANDOFFS, previous.handoffId, { ...previous, summary: null, closed: { at: now.toISOString(), reason: 'replaced' } });
      await this.deps.notifier.dropQueued([previous.handoffId]);
    }
    await this.updateAgencyIndex(agency.id, (entries) => [
      ...entries.map((entry) => (entry.handoffId === previous?.handoffId ? { ...entry, closed: { at: now.toISOString(), reason: 'replaced' as const } } : entry)),
      indexEntryFor(record),
    ]);
    const personIndex = await this.readPersonIndex(personId);
    await this.deps.documents.write<PersonIndex>(PERSON_INDEX, personId, {
      personId,
      handoffs: [...personIndex.handoffs, { handoffId, agencyId: agency.id, version: record.version, firstHandoffId: record.firstHandoffId, createdAt: record.createdAt }],
    });
    const event = previous ? 'handoff.updated' : 'handoff.created';
    await this.deps.audit.record({ event, personId, agencyId: agency.id, handoffId, consentId: input.consentId, version: record.version, channel: input.confirmation.channel });
    await this.deps.notifier.notify(agency.id, event, [handoffId], {
      handoffId,
      reference: record.reference,
      version: record.version,
      firstHandoffId: record.firstHandoffId,
      previousHandoffId: record.previousHandoffId,
      summary,
    });
    return record;
  }

  private summarise(story: Story, agency: Agency, consents: ConsentStatus[], now: Date, identity: HandoffIdentity): HandoffSummary {
    const summary = buildHandoffSummary({ story, agency, consents, now, bank: this.deps.bank, questionText: this.deps.questionText, identity });
    if (!summary) throw new SharingError('no-live-consent');
    return summary;
  }

  /** The newest handoff to this agency that is still open (not withdrawn, replaced or erased). */
  private async openLatestHandoff(personId: string, agencyId: string): Promise<HandoffRecord | undefined> {
    const entries = (await this.readPersonIndex(personId)).handoffs.filter((entry) => entry.agencyId === agencyId);
    const latest = entries.at(-1);
    if (!latest) return undefined;
    const record = await this.readHandoff(latest.handoffId);
    return record && !record.closed ? record : undefined;
  }

  private async closeOpenHandoffs(personId: string, agencyId: string, reason: ClosedReason, now: Date): Promise<HandoffRecord[]> {
    const entries = (await this.readPersonIndex(personId)).handoffs.filter((entry) => entry.agencyId === agencyId);
    const closed: HandoffRecord[] = [];
    for (const entry of entries) {
      const record = await this.readHandoff(entry.handoffId);
      if (!record || record.closed) continue;
      const updated: HandoffRecord = { ...record, summary: null, closed: { at: now.toISOString(), reason } };
      await this.deps.documents.write(HANDOFFS, record.handoffId, updated);
      closed.push(updated);
    }
    if (closed.length > 0) {
      const ids = new Set(closed.map((record) => record.handoffId));
      await this.updateAgencyIndex(agencyId, (list) => list.map((entry) => (ids.has(entry.handoffId) ? { ...entry, closed: { at: now.toISOString(), reason } } : entry)));
    }
    return closed;
  }

  private requireAgency(agencyId: string): Agency {
    const agency = this.agencies.get(agencyId);
    if (!agency) throw new SharingError('unknown-agency');
    return agency;
  }

  private checkParts(parts: readonly string[]): void {
    const known = new Set(this.deps.bank.topics.map((topic) => topic.id));
    if (parts.some((part) => !known.has(part))) throw new SharingError('unknown-part');
  }

  private async readLedger(personId: string): Promise<ConsentLedger> {
    const stored = await this.deps.documents.read<unknown>(CONSENTS, personId);
    return stored === undefined ? emptyLedger(personId) : ConsentLedgerSchema.parse(stored);
  }

  private async writeLedger(ledger: ConsentLedger): Promise<void> {
    await this.deps.documents.write(CONSENTS, ledger.personId, ConsentLedgerSchema.parse(ledger));
  }

  private async readHandoff(handoffId: string): Promise<HandoffRecord | undefined> {
    return this.deps.documents.read<HandoffRecord>(HANDOFFS, handoffId);
  }

  private async readPersonIndex(personId: string): Promise<PersonIndex> {
    return (await this.deps.documents.read<PersonIndex>(PERSON_INDEX, personId)) ?? { personId, handoffs: [] };
  }

  private async readAgencyIndex(agencyId: string): Promise<AgencyIndex> {
    return (await this.deps.documents.read<AgencyIndex>(AGENCY_INDEX, agencyId)) ?? { agencyId, entries: [] };
  }

  private updateAgencyIndex(agencyId: string, change: (entries: AgencyIndexEntry[]) => AgencyIndexEntry[]): Promise<void> {
    return this.queue.run(`agency:${agencyId}`, async () => {
      const index = await this.readAgencyIndex(agencyId);
      await this.deps.documents.write<AgencyIndex>(AGENCY_INDEX, agencyId, { agencyId, entries: change(index.entries) });
    });
  }
}

function personKey(personId: string): string {
  return `person:${personId}`;
}

/** A short reference a person can read out on the phone, in Crockford's base 32 (no I, L, O or U to misread). */
function newReference(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((byte) => alphabet[byte % 32]).join('');
  return `OS-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
