import {
  RESUME_CODE_ATTEMPT_LIMIT,
  generateResumeCode,
  normaliseResumeCode,
  recentAttempts,
} from '../domain/resumeCode.js';
import type { AuditLog, DocumentStore, RedeemOutcome, ResumeCodes } from '../useCases/ports.js';

const CODES = 'resume-codes';
const ATTEMPTS = 'resume-code-attempts';
/** Each person's codes, so that deleting their story can revoke every one. */
const BY_PERSON = 'resume-codes-by-person';

interface StoredCode {
  personId: string;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
}

interface StoredAttempts {
  failedAt: string[];
}

interface PersonCodes {
  codes: string[];
}

/**
 * Codes for continuing on another device. A code is kept only as the (keyed, hashed) name of an
 * encrypted record, works once, and expires. Wrong tries are limited per channel user, and every
 * attempt is audited with its outcome but never the code.
 */
export class ResumeCodeStore implements ResumeCodes {
  constructor(
    private readonly documents: DocumentStore,
    private readonly audit: AuditLog,
    /** How long a code lasts. */
    readonly validDays: number,
  ) {}

  async issue(personId: string, channel: string, now: Date): Promise<{ code: string; expiresAt: Date }> {
    const code = generateResumeCode();
    const expiresAt = new Date(now.getTime() + this.validDays * 24 * 60 * 60 * 1000);
    await this.documents.update<PersonCodes>(BY_PERSON, personId, (current) => ({ codes: [...(current?.codes ?? []), code] }));
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

  async revokeAll(personId: string): Promise<void> {
    const issued = await this.documents.read<PersonCodes>(BY_PERSON, personId);
    for (const code of issued?.codes ?? []) await this.documents.delete(CODES, code);
    await this.documents.delete(BY_PERSON, personId);
  }

  private async refuse(outcome: 'wrong' | 'used' | 'expired' | 'rate-limited', channel: string): Promise<RedeemOutcome> {
    await this.audit.record({ event: 'resume-code.refused', channel, status: outcome });
    return { outcome };
  }
}
