import type { PersonRepository, ResumeCodes } from './ports.js';

export interface EraseStoryDeps {
  /** Withdraws every consent and asks each agency that was sent anything to erase it; returns how many were asked. */
  eraseShared(personId: string, channel: string): Promise<number>;
  people: PersonRepository;
  resumeCodes: ResumeCodes;
}

/**
 * "Delete my story": everything kept about the person goes. First every consent is withdrawn and each
 * agency that was sent anything is asked to erase it; then every resume code stops working (none can
 * link a new device to what is gone); then their record (story and every conversation's state, on every
 * device) and every link to it. Returns how many agencies were asked.
 */
export async function eraseStory(deps: EraseStoryDeps, personId: string, channel: string): Promise<number> {
  const agenciesAsked = await deps.eraseShared(personId, channel);
  await deps.resumeCodes.revokeAll(personId);
  await deps.people.erase(personId);
  return agenciesAsked;
}
