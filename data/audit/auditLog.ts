import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditLog } from '../../useCases/ports.js';
import { AuditFactsSchema, chainAuditEntry, verifyAuditChain, type AuditEntry, type AuditFacts, type AuditVerification } from '../../domain/audit/auditChain.js';

/** Where the audit log lives inside DATA_DIR. */
export const AUDIT_LOG_FILE = 'audit/audit.jsonl';

/**
 * The audit log: one JSON line per event, appended, never rewritten. Each line carries the previous
 * line's hash (see domain/audit/auditChain.ts). Appends are serialised so two events never claim the
 * same predecessor. Facts are validated: only ids, event names and status codes can be written.
 * One process writes the file at a time (the server, or the key CLI while the server is stopped).
 */
export class AppendOnlyAuditLog implements AuditLog {
  private tail: Promise<void> = Promise.resolve();
  private last: { seq: number; hash: string } | null | undefined;

  constructor(private readonly path: string, private readonly clock: () => Date = () => new Date()) {}

  record(facts: AuditFacts): Promise<void> {
    const checked = AuditFactsSchema.strict().safeParse(facts);
    if (!checked.success) return Promise.reject(new Error('audit facts must be ids, event names and status codes only'));
    const run = this.tail.then(() => this.append(checked.data));
    this.tail = run.catch(() => undefined);
    return run;
  }

  async verify(): Promise<AuditVerification> {
    await this.tail;
    return verifyAuditChain(await readLines(this.path));
  }

  private async append(facts: AuditFacts): Promise<void> {
    if (this.last === undefined) this.last = await lastEntry(this.path);
    const entry: AuditEntry = chainAuditEntry(facts, this.last, this.clock());
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify(entry) + '\n', { encoding: 'utf8', mode: 0o600 });
    this.last = { seq: entry.seq, hash: entry.hash };
  }
}

export async function readLines(path: string): Promise<string[]> {
  try {
    const text = await readFile(path, 'utf8');
    const lines = text.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function lastEntry(path: string): Promise<{ seq: number; hash: string } | null> {
  const lines = (await readLines(path)).filter((line) => line.trim() !== '');
  if (lines.length === 0) return null;
  const entry = JSON.parse(lines[lines.length - 1]) as AuditEntry;
  return { seq: entry.seq, hash: entry.hash };
}
