import { randomInt } from 'node:crypto';
import { OutcomeFactSchema, type OutcomeFact } from '../../domain/outcomes/outcomeFacts.js';
import type { DocumentStore, OutcomeFacts } from '../../useCases/ports.js';

const COLLECTION = 'outcome-facts';
/** The document listing every week that has facts, so reading them all needs no listing of the store. */
const WEEKS = 'weeks';
/**
 * Each week's facts are spread over this many documents, one picked at random per fact. With one document a
 * week, every person's first answer in a busy minute queued behind every other's rewrite of the same growing
 * file (the bench's 50 people at once: answers' p99 of 3.4 s); spread out, a write meets few others.
 */
const SHARDS = 16;

interface WeekDocument {
  facts: OutcomeFact[];
}

/**
 * Outcome facts on the embedded store: per week (its Monday), SHARDS documents, each appended to as one
 * atomic update, and one document listing the weeks (updated only when a week is new to this process).
 * Reading them all is SHARDS reads per week, for the partnership's page only.
 */
export class DocumentOutcomeFacts implements OutcomeFacts {
  private readonly knownWeeks = new Set<string>();

  constructor(private readonly documents: DocumentStore) {}

  async record(fact: OutcomeFact): Promise<void> {
    const checked = OutcomeFactSchema.parse(fact);
    if (!this.knownWeeks.has(checked.week)) {
      await this.documents.update<{ weeks: string[] }>(COLLECTION, WEEKS, (list) =>
        list?.weeks.includes(checked.week) ? list : { weeks: [...(list?.weeks ?? []), checked.week].sort() },
      );
      this.knownWeeks.add(checked.week);
    }
    await this.documents.update<WeekDocument>(COLLECTION, `${checked.week}/${randomInt(SHARDS)}`, (week) => ({ facts: [...(week?.facts ?? []), checked] }));
  }

  async all(): Promise<OutcomeFact[]> {
    const weeks = (await this.documents.read<{ weeks: string[] }>(COLLECTION, WEEKS))?.weeks ?? [];
    const facts: OutcomeFact[] = [];
    for (const week of weeks) {
      // The week's own document (as facts were kept before they were spread out), then its shards.
      const ids = [week, ...Array.from({ length: SHARDS }, (_, shard) => `${week}/${shard}`)];
      for (const id of ids) facts.push(...((await this.documents.read<WeekDocument>(COLLECTION, id))?.facts ?? []));
    }
    return facts;
  }
}
