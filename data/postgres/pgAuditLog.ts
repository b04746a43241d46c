import { AUDIT_CHAIN_LOCK, type AuditLog } from '../../useCases/ports.js';
import { AuditFactsSchema, chainAuditEntry, verifyAuditChain, type AuditEntry, type AuditFacts, type AuditVerification } from '../../domain/audit/auditChain.js';
import type { Database } from './database.js';

/**
 * Held while an entry is appended, to the end of its transaction: every instance (and the CLIs) append one
 * at a time, so the chain stays one line. Work that records entries among other writes takes it first
 * (`atomically(work, { first: [AUDIT_CHAIN_LOCK] })`), so it is always taken in the same order.
 */

/**
 * The audit log on PostgreSQL: the same chained entries as the embedded log's lines (see
 * domain/audit/auditChain.ts), one row each. An entry recorded inside a transaction (a handoff's) commits
 * with it, or not at all.
 */
export class PgAuditLog implements AuditLog {
  constructor(private readonly db: Database, private readonly clock: () => Date = () => new Date()) {}

  async record(facts: AuditFacts): Promise<void> {
    const checked = AuditFactsSchema.strict().safeParse(facts);
    if (!checked.success) throw new Error('audit facts must be ids, event names and status codes only');
    await this.db.atomically(async () => {
      await this.db.lockForTransaction(AUDIT_CHAIN_LOCK);
      const [last] = await this.db.query<{ entry: string }>('SELECT entry FROM audit_log ORDER BY seq DESC LIMIT 1');
      const previous = last ? (JSON.parse(last.entry) as AuditEntry) : null;
      const entry = chainAuditEntry(checked.data, previous ? { seq: previous.seq, hash: previous.hash } : null, this.clock());
      await this.db.query('INSERT INTO audit_log (seq, entry) VALUES ($1, $2)', [entry.seq, JSON.stringify(entry)]);
    });
  }

  async verify(): Promise<AuditVerification> {
    const rows = await this.db.query<{ entry: string }>('SELECT entry FROM audit_log ORDER BY seq');
    return verifyAuditChain(rows.map((row) => row.entry));
  }
}
