import { inOneProcess } from '../../domain/keyedSerialQueue.js';
import { ConsentLedgerSchema, emptyLedger, type ConsentLedger } from '../../domain/sharing/consent.js';
import { historyOf, type AgencyIndex, type AgencyIndexEntry, type HandoffRecord, type PersonIndex } from '../../domain/sharing/handoffStatus.js';
import { AUDIT_CHAIN_LOCK, type Coordination, type DocumentStore } from '../ports.js';

const CONSENTS = 'consent-ledgers';
const HANDOFFS = 'handoffs';
const AGENCY_INDEX = 'agency-handoffs';
const PERSON_INDEX = 'person-handoffs';
const NEWS_NOTICES = 'news-notices';

/** The last short "there is news" text sent to a person, and to which conversation. */
export interface NewsNotice {
  personId: string;
  sentAt: string;
  conversationKey: string;
}

/**
 * Where sharing keeps what it knows: each person's consent ledger, the handoffs, and the per-agency and
 * per-person indexes. It also holds the one queue that makes everything about one person run one at a
 * time, so the person's side and the agency's side must share one instance (see `createSharing`): a
 * withdrawal and an agency's status change then never interleave. Each agency's index is updated one
 * write at a time.
 */
export class SharingRecords {
  constructor(private readonly documents: DocumentStore, private readonly coordination: Coordination = inOneProcess()) {}

  /**
   * Runs work about one person after any other work about them has finished (on any instance), and keeps
   * all its writes (handoff, indexes, consent, queued webhooks, audit entry) or none.
   */
  forPerson<T>(personId: string, work: () => Promise<T>): Promise<T> {
    // Every change here is audited: the audit chain's lock is taken first, always in the same order.
    return this.coordination.withLock(`sharing:person:${personId}`, () => this.coordination.atomically(work, { first: [AUDIT_CHAIN_LOCK] }));
  }

  async readLedger(personId: string): Promise<ConsentLedger> {
    const stored = await this.documents.read<unknown>(CONSENTS, personId);
    return stored === undefined ? emptyLedger(personId) : ConsentLedgerSchema.parse(stored);
  }

  async writeLedger(ledger: ConsentLedger): Promise<void> {
    await this.documents.write(CONSENTS, ledger.personId, ConsentLedgerSchema.parse(ledger));
  }

  /** A handoff version; one stored before status histories were kept gets the history its fields tell. */
  async readHandoff(handoffId: string): Promise<HandoffRecord | undefined> {
    const record = await this.documents.read<HandoffRecord>(HANDOFFS, handoffId);
    return record && !record.history ? { ...record, history: historyOf(record) } : record;
  }

  writeHandoff(record: HandoffRecord): Promise<void> {
    return this.documents.write<HandoffRecord>(HANDOFFS, record.handoffId, record);
  }

  async readPersonIndex(personId: string): Promise<PersonIndex> {
    return (await this.documents.read<PersonIndex>(PERSON_INDEX, personId)) ?? { personId, handoffs: [] };
  }

  writePersonIndex(index: PersonIndex): Promise<void> {
    return this.documents.write<PersonIndex>(PERSON_INDEX, index.personId, index);
  }

  async readAgencyIndex(agencyId: string): Promise<AgencyIndex> {
    const index = (await this.documents.read<AgencyIndex>(AGENCY_INDEX, agencyId)) ?? { agencyId, entries: [] };
    return index.entries.every((entry) => entry.history) ? index : { agencyId, entries: index.entries.map((entry) => ({ ...entry, history: historyOf(entry) })) };
  }

  /** One change to an agency's index, with nothing coming between its read and its write, on any instance. */
  async updateAgencyIndex(agencyId: string, change: (entries: AgencyIndexEntry[]) => AgencyIndexEntry[]): Promise<void> {
    await this.documents.update<AgencyIndex>(AGENCY_INDEX, agencyId, (index) => ({
      agencyId,
      entries: change((index?.entries ?? []).map((entry) => (entry.history ? entry : { ...entry, history: historyOf(entry) }))),
    }));
  }

  readNewsNotice(personId: string): Promise<NewsNotice | undefined> {
    return this.documents.read<NewsNotice>(NEWS_NOTICES, personId);
  }

  writeNewsNotice(notice: NewsNotice): Promise<void> {
    return this.documents.write<NewsNotice>(NEWS_NOTICES, notice.personId, notice);
  }

  /** Deletes the person's own copies: these handoffs, their index, their consent ledger and news notices. */
  async deletePerson(personId: string, handoffIds: readonly string[]): Promise<void> {
    for (const handoffId of handoffIds) await this.documents.delete(HANDOFFS, handoffId);
    await this.documents.delete(PERSON_INDEX, personId);
    await this.documents.delete(CONSENTS, personId);
    await this.documents.delete(NEWS_NOTICES, personId);
  }
}

