import { appendFile, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditLog } from '../../useCases/ports.js';
import { withLockFile } from '../storage/processLock.js';
import { PRIVATE_FILE_MODE, makePrivateDir } from '../storage/privateFiles.js';
import { AuditFactsSchema, chainAuditEntry, verifyAuditChain, type AuditEntry, type AuditFacts, type AuditVerification } from '../../domain/audit/auditChain.js';

/** Where the audit log lives inside DATA_DIR. */
export const AUDIT_LOG_FILE = 'audit/audit.jsonl';

/**
 * The audit log: one JSON line per event, appended, never rewritten. Each line carries the previous
 * line's hash (see domain/audit/auditChain.ts). Appends are serialised so two events never claim the
 * same predecessor. Facts are validated: only ids, event names and status codes can be written.
 * Processes append one at a time (the server, and the key CLI beside it), under the file's lock.
 */
export class AppendOnlyAuditLog implements AuditLog {
  private tail: Promise<void> = Promise.resolve();

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

  /**
   * Under the audit file's own lock (`audit.jsonl.lock`, which knows whether its holder is alive), so the
   * server and a CLI beside it (`npm run agency-key`) never claim the same predecessor; the last entry is
   * read again each time, since the other may have appended.
   */
  private async append(facts: AuditFacts): Promise<void> {
    await makePrivateDir(dirname(this.path));
    await withLockFile(`${this.path}.lock`, async () => {
      const entry: AuditEntry = chainAuditEntry(facts, await lastEntry(this.path), this.clock());
      await appendFile(this.path, JSON.stringify(entry) + '\n', { encoding: 'utf8', mode: PRIVATE_FILE_MODE });
    });
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

/** The last entry, read from the end of the file (it grows with every event: never read it whole to append). */
async function lastEntry(path: string): Promise<{ seq: number; hash: string } | null> {
  let file;
  try {
    file = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const { size } = await file.stat();
    for (let span = 4096; ; span *= 4) {
      const start = Math.max(0, size - span);
      const buffer = Buffer.alloc(size - start);
      await file.read(buffer, 0, buffer.length, start);
      const lines = buffer.toString('utf8').split('\n').filter((line) => line.trim() !== '');
      // A whole last line: there is a line break before it, or the read reached the start of the file.
      if (lines.length >= (start === 0 ? 1 : 2) || (start === 0 && lines.length === 0)) {
        if (lines.length === 0) return null;
        const entry = JSON.parse(lines[lines.length - 1]) as AuditEntry;
        return { seq: entry.seq, hash: entry.hash };
      }
    }
  } finally {
    await file.close();
  }
}
