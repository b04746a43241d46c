import { OutcomeFactSchema, type OutcomeFact } from '../../domain/outcomes/outcomeFacts.js';
import type { DocumentStore, OutcomeFacts } from '../../useCases/ports.js';

const COLLECTION = 'outcome-facts';
/** The document listing every week that has facts, so reading them all needs no listing of the store. */
const WEEKS = 'weeks';

interface WeekDocument {
  facts: OutcomeFact[];
}

/**
 * Outcome facts on the embedded store: one document per week (its Monday), each appended to as one atomic
 * update, and one document listing the weeks. Reading them all is one read per week (a year is 53).
 */
export class DocumentOutcomeFacts implements OutcomeFacts {
  constructor(private readonly documents: DocumentStore) {}

  async record(fact: OutcomeFact): Promise<void> {
    const checked = OutcomeFactSchema.parse(fact);
    await this.documents.update<{ weeks: string[] }>(COLLECTION, WEEKS, (list) =>
      list?.weeks.includes(checked.week) ? list : { weeks: [...(list?.weeks ?? []), checked.week].sort() },
    );
    await this.documents.update<WeekDocument>(COLLECTION, checked.week, (week) => ({ facts: [...(week?.facts ?? []), checked] }));
  }

  async all(): Promise<OutcomeFact[]> {
    const weeks = (await this.documents.read<{ weeks: string[] }>(COLLECTION, WEEKS))?.weeks ?? [];
    const facts: OutcomeFact[] = [];
    for (const week of weeks) facts.push(...((await this.documents.read<WeekDocument>(COLLECTION, week))?.facts ?? []));
    return facts;
  }
}
