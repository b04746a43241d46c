import type { Coordination, DocumentStore, NewsNoticeSender, PersonRepository } from '../ports.js';
import { AgencySharing } from './agencySharing.js';
import { NewsNotices, type NewsNoticesDeps } from './newsNotices.js';
import { PersonSharing, type PersonSharingDeps } from './personSharing.js';
import { SharingRecords } from './sharingRecords.js';

export interface SharingDeps extends Omit<PersonSharingDeps, 'records'> {
  documents: DocumentStore;
  /** Across instances (PostgreSQL): one person's sharing at a time, each change kept whole. */
  coordination?: Coordination;
  /** People's records, where a news contact is kept (without them, nobody is texted about news). */
  people?: PersonRepository;
  /** Sends the short "there is news" text (bot/: through the channel's adapter). */
  newsSender?: NewsNoticeSender;
  log?: NewsNoticesDeps['log'];
}

export interface Sharing {
  /** What the conversation uses: share, see, withdraw, update, erase. */
  person: PersonSharing;
  /** What the agency API and webhook deliveries use: list, read, set a status, record a delivery. */
  agency: AgencySharing;
  /** Tells a person there is news where texting is safe; and whether it did, for their next message. */
  news: NewsNotices;
}

/** Builds both sides of sharing over one set of records, so work about one person runs one at a time across both. */
export function createSharing(deps: SharingDeps): Sharing {
  const { documents, coordination, people, newsSender, log, ...personDeps } = deps;
  const records = new SharingRecords(documents, coordination);
  const news = new NewsNotices({ records, people, sender: newsSender, clock: deps.clock, log });
  return {
    person: new PersonSharing({ ...personDeps, records }),
    agency: new AgencySharing({
      records,
      directory: deps.directory,
      audit: deps.audit,
      clock: deps.clock,
      outcomes: personDeps.outcomes,
      tellPersonOfNews: async (personId) => {
        await news.tellOfNews(personId);
      },
    }),
    news,
  };
}

