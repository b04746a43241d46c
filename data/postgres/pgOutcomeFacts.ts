import { OutcomeFactSchema, type OutcomeFact } from '../../domain/outcomes/outcomeFacts.js';
import type { OutcomeFacts } from '../../useCases/ports.js';
import type { Database } from './database.js';

/**
 * Outcome facts on PostgreSQL: one row each in `outcome_facts` (migration 0005), read in one query. A fact
 * recorded inside a unit of work (a share, a turn's commit) commits with it. Its insert runs under a
 * savepoint: should it fail, only the fact is rolled back and the work it belongs to carries on.
 */
export class PgOutcomeFacts implements OutcomeFacts {
  constructor(private readonly db: Database) {}

  async record(fact: OutcomeFact): Promise<void> {
    const checked = OutcomeFactSchema.parse(fact);
    await this.db.atomically(async () => {
      await this.db.query('SAVEPOINT outcome_fact');
      try {
        await this.db.query('INSERT INTO outcome_facts (week, fact) VALUES ($1, $2)', [checked.week, JSON.stringify(checked)]);
      } catch (error) {
        await this.db.query('ROLLBACK TO SAVEPOINT outcome_fact');
        throw error;
      }
      await this.db.query('RELEASE SAVEPOINT outcome_fact');
    });
  }

  async all(): Promise<OutcomeFact[]> {
    const rows = await this.db.query<{ fact: unknown }>('SELECT fact FROM outcome_facts ORDER BY seq');
    return rows.map((row) => OutcomeFactSchema.parse(row.fact));
  }
}
