import type { Coordination, DocumentStore } from '../ports.js';
import { AgencySharing } from './agencySharing.js';
import { PersonSharing, type PersonSharingDeps } from './personSharing.js';
import { SharingRecords } from './sharingRecords.js';

export interface SharingDeps extends Omit<PersonSharingDeps, 'records'> {
  documents: DocumentStore;
  /** Across instances (PostgreSQL): one person's sharing at a time, each change kept whole. */
  coordination?: Coordination;
}

export interface Sharing {
  /** What the conversation uses: share, see, withdraw, update, erase. */
  person: PersonSharing;
  /** What the agency API and webhook deliveries use: list, read, set a status, record a delivery. */
  agency: AgencySharing;
}

/** Builds both sides of sharing over one set of records, so work about one person runs one at a time across both. */
export function createSharing(deps: SharingDeps): Sharing {
  const { documents, coordination, ...personDeps } = deps;
  const records = new SharingRecords(documents, coordination);
  return {
    person: new PersonSharing({ ...personDeps, records }),
    agency: new AgencySharing({ records, directory: deps.directory, audit: deps.audit, clock: deps.clock }),
  };
}
