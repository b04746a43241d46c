import { randomBytes, randomUUID } from 'node:crypto';
import { suggestAgencies, type Agency, type AgencyDirectory } from '../../domain/sharing/agency.js';
import {
  DEFAULT_CONSENT_MONTHS,
  HANDOFF_PURPOSE,
  consentStatuses,
  emptyLedger,
  grantConsent,
  isLiveConsent,
  liveConsentFor,
  liveConsents,
  withdrawConsent,
  type ConsentRecord,
  type ConsentStatus,
  type ConsentWording,
  type HeldBackAnswer,
  type SupportedBy,
} from '../../domain/sharing/consent.js';
import { buildHandoffSummary, type HandoffIdentity, type HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import {
  agencyReplies,
  closedEntry,
  closedRecord,
  expiredRecord,
  indexEntryFor,
  personFacingStatus,
  type AgencyReply,
  type AgencyStatus,
  type ClosedReason,
  type HandoffConfirmation,
  type HandoffRecord,
  type PersonFacingStatus,
  type PersonIndexEntry,
} from '../../domain/sharing/handoffStatus.js';
import type { QuestionBank } from '../../domain/questionBank.js';
import { minutesBetween, weekOf } from '../../domain/outcomes/outcomeFacts.js';
import { responseDueAt } from '../../domain/sharing/responseTarget.js';
import type { OutcomeRecorder } from '../outcomes/outcomeRecorder.js';
import { hasExpired } from '../../domain/retention.js';
import { topicsWithAnswers, type Story } from '../../domain/story.js';
import type { AuditLog, HandoffNotifier } from '../ports.js';
import type { SharingRecords } from './sharingRecords.js';

const PREVIEW_ID = 'preview';

export interface PersonSharingDeps {
  /** Shared with the agency's side (see `createSharing`). */
  records: SharingRecords;
  directory: AgencyDirectory;
  bank: QuestionBank;
  audit: AuditLog;
  notifier: HandoffNotifier;
  clock: () => Date;
  /** How long a consent lasts (CONSENT_MONTHS). */
  consentMonths?: number;
  /** Question wording and topic titles as the person saw them (from i18n). */
  questionText: (key: string, locale: string) => string;
  /** The partnership's outcome facts, written in the same unit of work as each change (README: Partnership outcomes). */
  outcomes?: OutcomeRecorder;
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
  /** The agency's last message to the person, on this version or an earlier one: an update does not wipe it. */
  messageToPerson?: string;
  messageAt?: string;
  /** What the agency last said (received, accepted, declined), on whichever version. */
  lastReply?: AgencyReply;
  expiresAt: string;
  /** False once withdrawn or expired: the agency can no longer fetch it. */
  live: boolean;
}

/** Something an agency said that the person has not been told yet. */
export interface AgencyNews {
  agencyId: string;
  agencyName: string;
  status: AgencyStatus;
  /** The agency's message, if it wrote one since. */
  message?: string;
  at: string;
}

export type SharingErrorCode = 'unknown-agency' | 'unknown-part' | 'not-this-person' | 'no-live-consent';

export class SharingError extends Error {
  constructor(public readonly code: SharingErrorCode) {
    super(`sharing refused: ${code}`);
    this.name = 'SharingError';
  }
}

/**
 * Sharing, the person's side: the person chooses what each agency may see, each agency receives exactly
 * that, and the person can see what happened, withdraw, send an update, or erase everything. Every
 * consent event and every handoff sent is written to the audit log.
 *
 * Everything about one person runs one at a time (their consent ledger, handoffs and index).
 */
export class PersonSharing {
  private readonly records: SharingRecords;
  private readonly agencies: Map<string, Agency>;
  private readonly consentMonths: number;

  constructor(private readonly deps: PersonSharingDeps) {
    this.records = deps.records;
    this.agencies = new Map(deps.directory.agencies.map((agency) => [agency.id, agency]));
    this.consentMonths = deps.consentMonths ?? DEFAULT_CONSENT_MONTHS;
  }

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

  /**
   * Exactly what share() would send now, with placeholder ids ("preview"). `readIn`: the questions and
   * titles in the person's language, so they can read it (the agency gets them in its own).
   */
  preview(input: ShareChoice, readIn?: string): HandoffSummary {
    const listed = this.requireAgency(input.agencyId);
    const agency = readIn ? { ...listed, language: readIn } : listed;
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
    return this.records.forPerson(personId, async () => {
      const now = this.deps.clock();
      const before = await this.records.readLedger(personId);
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
      await this.records.writeLedger(granted.ledger);
      const { consent } = granted;
      await this.deps.audit.record({ event: 'consent.granted', personId, agencyId: agency.id, consentId: consent.id, channel: input.channel });
      if (consent.supersedes) {
        await this.deps.audit.record({ event: 'consent.superseded', personId, agencyId: agency.id, consentId: consent.supersedes });
      }

      const previous = await this.openLatestHandoff(personId, agency.id);
      const record = await this.storeNewVersion({ story: input.story, agency, consents: consentStatuses(granted.ledger), consent, previous, confirmed: input, now });
      return { handoffId: record.handoffId, reference: record.reference, consentId: consent.id, expiresAt: consent.expiresAt };
    });
  }

  /**
   * The latest version shared with each agency, newest first, with its status, and what the agency last said
   * on any version of it (a reply and its message outlive the person's updates).
   */
  async sharedWith(personId: string): Promise<SharedWithEntry[]> {
    const now = this.deps.clock();
    const index = await this.records.readPersonIndex(personId);
    const latest = new Map<string, PersonIndexEntry>();
    for (const entry of index.handoffs) latest.set(entry.agencyId, entry);
    const consents = consentStatuses(await this.records.readLedger(personId));
    const results: SharedWithEntry[] = [];
    for (const newest of latest.values()) {
      const record = await this.records.readHandoff(newest.handoffId);
      if (!record) continue;
      const versions = await this.readVersions(index.handoffs.filter((entry) => entry.agencyId === record.agencyId && entry.firstHandoffId === record.firstHandoffId));
      const replies = agencyReplies(versions);
      const lastMessage = replies.filter((reply) => reply.message).at(-1);
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
        status: personFacingStatus(record),
        ...(lastMessage ? { messageToPerson: lastMessage.message, messageAt: lastMessage.at } : {}),
        ...(replies.length > 0 ? { lastReply: replies.at(-1) } : {}),
        expiresAt: record.expiresAt,
        live: !withdrawn && consent !== undefined && isLiveConsent(consent, now),
      });
    }
    return results.sort((a, b) => b.sharedAt.localeCompare(a.sharedAt));
  }

  /**
   * What agencies said after `since` (ISO time; everything when unset), one item per agency, newest first:
   * for telling the person first thing when they come back.
   */
  async newsSince(personId: string, since: string | undefined): Promise<AgencyNews[]> {
    const after = (at: string | undefined): at is string => at !== undefined && (since === undefined || at > since);
    return (await this.sharedWith(personId))
      .filter((entry) => after(entry.lastReply?.at))
      .map((entry) => ({
        agencyId: entry.agencyId,
        agencyName: entry.agencyName,
        status: entry.lastReply!.status,
        ...(after(entry.messageAt) ? { message: entry.messageToPerson } : {}),
        at: entry.lastReply!.at,
      }))
      .sort((a, b) => b.at.localeCompare(a.at));
  }

  /** "Stop sharing with X": the consent ends, X's API stops serving at once, queued sends are dropped, X is told. */
  async withdraw(personId: string, agencyId: string, channel: string): Promise<boolean> {
    return this.records.forPerson(personId, async () => {
      const now = this.deps.clock();
      const { ledger, withdrawn } = withdrawConsent(await this.records.readLedger(personId), agencyId, now, channel, 'person-withdrew');
      const closed = await this.closeOpenHandoffs(personId, agencyId, 'withdrawn', now);
      if (withdrawn.length === 0 && closed.length === 0) return false;
      await this.records.writeLedger(ledger);
      for (const consent of withdrawn) {
        await this.deps.audit.record({ event: 'consent.withdrawn', personId, agencyId, consentId: consent.id, channel });
      }
      if (closed.length > 0) {
        await this.recordClosed(closed, 'person', now);
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
    const live = liveConsents(await this.records.readLedger(personId), this.deps.clock());
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
    return this.records.forPerson(personId, async () => {
      const now = this.deps.clock();
      const consents = consentStatuses(await this.records.readLedger(personId));
      const consent = liveConsentFor(consents, personId, agency.id, now);
      const previous = await this.openLatestHandoff(personId, agency.id);
      if (!consent || !previous) throw new SharingError('no-live-consent');
      const record = await this.storeNewVersion({ story: input.story, agency, consents, consent, previous, confirmed: input, now });
      return { handoffId: record.handoffId, reference: record.reference, version: record.version };
    });
  }

  /**
   * "Delete my story": withdraws every consent, closes every handoff, asks every agency that was sent
   * anything to erase it, then deletes our own copies. Returns how many agencies were asked.
   */
  async eraseEverything(personId: string, channel: string): Promise<number> {
    return this.records.forPerson(personId, async () => {
      const now = this.deps.clock();
      let ledger = await this.records.readLedger(personId);
      const index = await this.records.readPersonIndex(personId);
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
        const records = (await Promise.all(index.handoffs.filter((entry) => entry.agencyId === agencyId).map((entry) => this.records.readHandoff(entry.handoffId)))).filter(
          (record): record is HandoffRecord => record !== undefined,
        );
        if (records.length === 0) continue;
        await this.recordClosed(records.filter((record) => !record.closed), 'erasure', now);
        const handoffIds = records.map((record) => record.handoffId);
        await this.deps.notifier.dropQueued(handoffIds);
        await this.records.updateAgencyIndex(agencyId, (entries) =>
          entries.map((entry) => (handoffIds.includes(entry.handoffId) ? closedEntry(entry, 'erasure-requested', now.toISOString()) : entry)),
        );
        await this.deps.notifier.notify(agencyId, 'story.erasure_requested', handoffIds, {
          references: [...new Set(records.map((record) => record.reference))],
          handoffIds,
          requestedAt: now.toISOString(),
        });
        await this.deps.audit.record({ event: 'story.erasure-requested', personId, agencyId });
        notified++;
      }
      await this.records.deletePerson(personId, index.handoffs.map((entry) => entry.handoffId));
      return notified;
    });
  }

  /**
   * Retention: every handoff whose consent has run out loses its content (what the person told), keeping
   * a tombstone (reference, agency, dates, statuses: the agency's listing shows it `expired`). Queued sends
   * of it are dropped, the agency is told (`handoff.expired`, one message per reference) and each erasure
   * is audited. With `dryRun`, only counts. Returns how many handoffs lost their content.
   */
  async eraseExpired(now: Date, dryRun: boolean): Promise<number> {
    let erased = 0;
    for (const agency of this.deps.directory.agencies) {
      const due = (await this.records.readAgencyIndex(agency.id)).entries.filter((entry) => entry.closed === null && hasExpired(entry.expiresAt, now));
      const byPerson = new Map<string, HandoffRecord[]>();
      for (const entry of due) {
        const record = await this.records.readHandoff(entry.handoffId);
        if (!record || record.summary === null) continue;
        byPerson.set(record.personId, [...(byPerson.get(record.personId) ?? []), record]);
      }
      for (const [personId, candidates] of byPerson) {
        if (dryRun) {
          erased += candidates.length;
          continue;
        }
        erased += await this.records.forPerson(personId, async () => {
          const expired: HandoffRecord[] = [];
          for (const candidate of candidates) {
            const record = await this.records.readHandoff(candidate.handoffId);
            if (!record || record.summary === null || record.closed !== null || !hasExpired(record.expiresAt, now)) continue;
            await this.records.writeHandoff(expiredRecord(record));
            await this.deps.audit.record({ event: 'handoff.expired', personId, agencyId: agency.id, handoffId: record.handoffId, consentId: record.consentId });
            expired.push(record);
          }
          if (expired.length === 0) return 0;
          const handoffIds = expired.map((record) => record.handoffId);
          await this.deps.notifier.dropQueued(handoffIds);
          for (const reference of new Set(expired.map((record) => record.reference))) {
            const ofReference = expired.filter((record) => record.reference === reference);
            await this.deps.notifier.notify(agency.id, 'handoff.expired', ofReference.map((record) => record.handoffId), {
              reference,
              handoffIds: ofReference.map((record) => record.handoffId),
              expiredAt: ofReference[0].expiresAt,
            });
          }
          return expired.length;
        });
      }
    }
    return erased;
  }

  /** The person's consent history, oldest first (for "what have I agreed to?"). */
  async consentHistory(personId: string): Promise<ConsentStatus[]> {
    return consentStatuses(await this.records.readLedger(personId));
  }

  private async storeNewVersion(input: {
    story: Story;
    agency: Agency;
    consents: ConsentStatus[];
    /** The consent this version is sent under. */
    consent: Pick<ConsentRecord, 'id' | 'expiresAt' | 'parts'>;
    previous: HandoffRecord | undefined;
    /** How the person confirmed this version. */
    confirmed: PersonConfirmation;
    now: Date;
  }): Promise<HandoffRecord> {
    const { agency, consent, previous, now } = input;
    const confirmation: HandoffConfirmation = { wording: input.confirmed.wording, channel: input.confirmed.channel, supportedBy: input.confirmed.supportedBy, at: now.toISOString() };
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
    const personIndex = await this.records.readPersonIndex(personId);
    const outcomeKey = this.deps.outcomes ? (previous?.outcomeKey ?? randomUUID()) : previous?.outcomeKey;
    const partsBefore = this.deps.outcomes ? await this.partsSentBefore(personIndex.handoffs, agency.id) : undefined;
    const record: HandoffRecord = {
      ...identity,
      personId,
      agencyId: agency.id,
      consentId: consent.id,
      expiresAt: consent.expiresAt,
      parts: [...consent.parts],
      summary,
      confirmation,
      status: 'sent',
      statusAt: now.toISOString(),
      messageToPerson: null,
      closed: null,
      history: [{ status: 'sent', at: now.toISOString() }],
      ...(outcomeKey ? { outcomeKey } : {}),
    };
    await this.records.writeHandoff(record);
    if (previous) {
      await this.records.writeHandoff(closedRecord(previous, 'replaced', now.toISOString()));
      await this.deps.notifier.dropQueued([previous.handoffId]);
    }
    await this.records.updateAgencyIndex(agency.id, (entries) => [
      ...entries.map((entry) => (entry.handoffId === previous?.handoffId ? closedEntry(entry, 'replaced', now.toISOString()) : entry)),
      indexEntryFor(record),
    ]);
    await this.records.writePersonIndex({
      personId,
      handoffs: [...personIndex.handoffs, { handoffId, agencyId: agency.id, version: record.version, firstHandoffId: record.firstHandoffId, createdAt: record.createdAt }],
    });
    if (outcomeKey && partsBefore) {
      const newParts = record.parts.filter((part) => !partsBefore.toThisAgency.has(part));
      await this.deps.outcomes?.record({
        kind: 'handoff.sent',
        week: weekOf(now),
        chain: outcomeKey,
        agencyId: agency.id,
        version: previous ? 'update' : 'first',
        parts: record.parts.length,
        newParts: newParts.length,
        retellingsAvoided: newParts.filter((part) => partsBefore.toOthers.has(part)).length,
        minutesFromFirstMessage: minutesBetween(new Date(input.story.createdAt), now),
        targetMinutes: minutesBetween(now, responseDueAt(now, agency.expectedResponse.workingDays)),
      });
    }
    const event = previous ? 'handoff.updated' : 'handoff.created';
    await this.deps.audit.record({ event, personId, agencyId: agency.id, handoffId, consentId: consent.id, version: record.version, channel: confirmation.channel });
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
    const entries = (await this.records.readPersonIndex(personId)).handoffs.filter((entry) => entry.agencyId === agencyId);
    const latest = entries.at(-1);
    if (!latest) return undefined;
    const record = await this.records.readHandoff(latest.handoffId);
    return record && !record.closed ? record : undefined;
  }

  /** The parts this person had sent before: to this agency (any version, open or closed), and to any other. */
  private async partsSentBefore(entries: readonly PersonIndexEntry[], agencyId: string): Promise<{ toThisAgency: Set<string>; toOthers: Set<string> }> {
    const sent = await this.readVersions(entries);
    return {
      toThisAgency: new Set(sent.filter((record) => record.agencyId === agencyId).flatMap((record) => record.parts)),
      toOthers: new Set(sent.filter((record) => record.agencyId !== agencyId).flatMap((record) => record.parts)),
    };
  }

  /** Outcome facts for handoffs that closed before running their course: one per handoff (not per version). */
  private async recordClosed(closed: readonly HandoffRecord[], by: 'person' | 'erasure', now: Date): Promise<void> {
    const byChain = new Map<string, string>();
    for (const record of closed) if (record.outcomeKey) byChain.set(record.outcomeKey, record.agencyId);
    for (const [chain, agencyId] of byChain) await this.deps.outcomes?.record({ kind: 'handoff.withdrawn', week: weekOf(now), chain, agencyId, by });
  }

  private async readVersions(entries: readonly PersonIndexEntry[]): Promise<HandoffRecord[]> {
    const records = await Promise.all(entries.map((entry) => this.records.readHandoff(entry.handoffId)));
    return records.filter((record): record is HandoffRecord => record !== undefined);
  }

  private async closeOpenHandoffs(personId: string, agencyId: string, reason: ClosedReason, now: Date): Promise<HandoffRecord[]> {
    const entries = (await this.records.readPersonIndex(personId)).handoffs.filter((entry) => entry.agencyId === agencyId);
    const closed: HandoffRecord[] = [];
    for (const entry of entries) {
      const record = await this.records.readHandoff(entry.handoffId);
      if (!record || record.closed) continue;
      const updated = closedRecord(record, reason, now.toISOString());
      await this.records.writeHandoff(updated);
      closed.push(updated);
    }
    if (closed.length > 0) {
      const ids = new Set(closed.map((record) => record.handoffId));
      await this.records.updateAgencyIndex(agencyId, (list) => list.map((entry) => (ids.has(entry.handoffId) ? closedEntry(entry, reason, now.toISOString()) : entry)));
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
}

/** A short reference a person can read out on the phone, in Crockford's base 32 (no I, L, O or U to misread). */
function newReference(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  const bytes = randomBytes(8);
  const chars = [...bytes].map((byte) => alphabet[byte % 32]).join('');
  return `OS-${chars.slice(0, 4)}-${chars.slice(4)}`;
}
