import {
  RESUME_CODE_ATTEMPT_LIMIT,
  generateResumeCode,
  normaliseResumeCode,
  recentAttempts,
} from '../domain/resumeCode.js';
import type { AuditLog } from '../useCases/ports.js';
import type { DocumentStore } from '../useCases/ports.js';

const CODES = 'resume-codes';
const ATTEMPTS = 'resume-code-attempts';

interface StoredCode {
  personId: string;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
}

interface StoredAttempts {
  failedAt: string[];
}

export type RedeemOutcome =
  | { outcome: 'linked'; personId: string }
  | { outcome: 'wrong' | 'used' | 'expired' | 'rate-limited' };

/**
 * Codes for continuing on another device. A code is kept only as the (keyed, hashed) name of an
 * encrypted record, works once, and expires. Wrong tries are limited per channel user, and every
 * attempt is audited with its outcome but never the code.
 */
export class ResumeCodeStore {
  constructor(
    private readonly documents: DocumentStore,
    private readonly audit: AuditLog,
    /** How long a code lasts. */
    readonly validDays: number,
  ) {}

  async issue(personId: string, channel: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
    const code = generateResumeCode();
    const expiresAt = new Date(now.getTime() + this.validDays * 24 * 60 * 60 * 1000);
    await this.documents.write<StoredCode>(CODES, code, { personId, issuedAt: now.toISOString(), expiresAt: expiresAt.toISOString(), usedAt: null });
    await this.audit.record({ event: 'resume-code.issued', personId, channel });
    return { code, expiresAt };
  }

  async redeem(typed: string, channelId: string, userId: string, now: Date): Promise<RedeemOutcome> {
    const channelUser = `${channelId}:${userId}`;
    const attempts = (await this.documents.read<StoredAttempts>(ATTEMPTS, channelUser)) ?? { failedAt: [] };
    const recent = recentAttempts(attempts.failedAt, now);
    if (recent.length >= RESUME_CODE_ATTEMPT_LIMIT) return this.refuse('rate-limited', channelId);

    const code = normaliseResumeCode(typed);
    const stored = code ? await this.documents.read<StoredCode>(CODES, code) : undefined;
    const problem = !stored ? 'wrong' : stored.usedAt ? 'used' : Date.parse(stored.expiresAt) <= now.getTime() ? 'expired' : undefined;
    if (problem || !stored || !code) {
      await this.documents.write<StoredAttempts>(ATTEMPTS, channelUser, { failedAt: [...recent, now.toISOString()] });
      return this.refuse(problem ?? 'wrong', channelId);
    }
    await this.documents.write<StoredCode>(CODES, code, { ...stored, usedAt: now.toISOString() });
    await this.audit.record({ event: 'resume-code.redeemed', personId: stored.personId, channel: channelId });
    return { outcome: 'linked', personId: stored.personId };
  }

  private async refuse(outcome: 'wrong' | 'used' | 'expired' | 'rate-limited', channel: string): Promise<RedeemOutcome> {
    await this.audit.record({ event: 'resume-code.refused', channel, status: outcome });
    return { outcome };
  }
}
