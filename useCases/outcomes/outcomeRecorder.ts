import { OutcomeFactSchema, type OutcomeFact } from '../../domain/outcomes/outcomeFacts.js';
import type { OutcomeFacts } from '../ports.js';

/**
 * How the use cases write outcome facts: inside their own unit of work (so a fact is kept with the change it
 * tells of, or not at all), and never at the cost of what the person or agency was doing: a fact that
 * cannot be written is reported (by name, through `onFailure`) and the work carries on.
 */
export class OutcomeRecorder {
  constructor(
    private readonly facts: OutcomeFacts,
    private readonly onFailure: (error: unknown) => void = () => undefined,
  ) {}

  async record(fact: OutcomeFact): Promise<void> {
    try {
      await this.facts.record(OutcomeFactSchema.parse(fact));
    } catch (error) {
      this.onFailure(error);
    }
  }
}
