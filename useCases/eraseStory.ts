import { weekOf } from '../domain/outcomes/outcomeFacts.js';
import type { OutcomeRecorder } from './outcomes/outcomeRecorder.js';
import type { PersonRepository, ResumeCodes } from './ports.js';

export interface EraseStoryDeps {
  /** Withdraws every consent and asks each agency that was sent anything to erase it; returns how many were asked. */
  eraseShared(personId: string, channel: string): Promise<number>;
  people: PersonRepository;
  resumeCodes: ResumeCodes;
  /** The partnership's outcome facts: a story erased (only of someone counted as having told part of it). */
  outcomes?: { recorder: OutcomeRecorder; by: 'person' | 'retention'; clock: () => Date };
}

/**
 * "Delete my story": everything kept about the person goes. First every consent is withdrawn and each
 * agency that was sent anything is asked to erase it; then every resume code stops working (none can
 * link a new device to what is gone); then their record (story and every conversation's state, on every
 * device) and every link to it. Returns how many agencies were asked.
 */
export async function eraseStory(deps: EraseStoryDeps, personId: string, channel: string): Promise<number> {
  const counted = deps.outcomes ? (await deps.people.load(personId))?.countedAsTold === true : false;
  const agenciesAsked = await deps.eraseShared(personId, channel);
  await deps.resumeCodes.revokeAll(personId);
  await deps.people.erase(personId);
  if (counted && deps.outcomes) await deps.outcomes.recorder.record({ kind: 'story.erased', week: weekOf(deps.outcomes.clock()), by: deps.outcomes.by });
  return agenciesAsked;
}
