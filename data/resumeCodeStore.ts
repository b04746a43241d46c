import { generateResumeCode, normaliseResumeCode } from '../domain/resumeCode.js';
import type { AuditLog, DocumentStore, RateLimit, RedeemOutcome, ResumeCodes } from '../useCases/ports.js';

const CODES = 'resume-codes';
/** Each person's codes, so that deleting their story can revoke every one. */
const BY_PERSON = 'resume-codes-by-person';
interface StoredCode {
  personId: string;
  issuedAt: string;
  expiresAt: string;
  usedAt: string | null;
}

interface PersonCodes {
  codes: string[];
}

/** How many tries at a code are allowed: per channel user, and by everyone together. */
export interface ResumeCodeLimits {
  perUser: RateLimit;
  /** Counted under one key for all users, with blocks that grow each time the tries run out. */
  everyone: RateLimit;
}

/** Every try of every user counts under this key of the `everyone` limit. */
const EVERYONE = 'everyone';

type RefusalReason = 'wrong' | 'used' | 'expired' | 'rate-limited';

/**
 * Codes for continuing on another device. A code is kept only as the (keyed, hashed) name of an
 * encrypted record, works once, and expires. Tries are limited per channel user and across all users
 * (so guessing from ever new user ids runs out too), before the code is looked at. A refused code says
 * only that: the person is told the same whatever the reason, so nobody learns that a guess once existed.
 * Every attempt is audited with its reason but never the code.
 */
export class ResumeCodeStore implements ResumeCodes {
  constructor(
    private readonly documents: DocumentStore,
    private readonly audit: AuditLog,
    /** How long a code lasts. */
    readonly validDays: number,
    private readonly limits: ResumeCodeLimits,
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
    // The user's own tries first, so one user's many tries do not use up everyone's.
    if (!(await this.limits.perUser.attempt(`${channelId}:${userId}`)).allowed) return this.refuse('rate-limited', channelId);
    if (!(await this.limits.everyone.attempt(EVERYONE)).allowed) return this.refuse('rate-limited', channelId);

    const code = normaliseResumeCode(typed);
    const stored = code ? await this.documents.read<StoredCode>(CODES, code) : undefined;
    const problem = !stored ? 'wrong' : stored.usedAt ? 'used' : Date.parse(stored.expiresAt) <= now.getTime() ? 'expired' : undefined;
    if (problem || !stored || !code) return this.refuse(problem ?? 'wrong', channelId);
    await this.documents.write<StoredCode>(CODES, code, { ...stored, usedAt: now.toISOString() });
    await this.audit.record({ event: 'resume-code.redeemed', personId: stored.personId, channel: channelId });
    return { outcome: 'linked', personId: stored.personId };
  }

  async revokeAll(personId: string): Promise<void> {
    const issued = await this.documents.read<PersonCodes>(BY_PERSON, personId);
    for (const code of issued?.codes ?? []) await this.documents.delete(CODES, code);
    await this.documents.delete(BY_PERSON, personId);
  }

  async deleteSpent(personId: string, now: Date, dryRun: boolean): Promise<number> {
    const issued = await this.documents.read<PersonCodes>(BY_PERSON, personId);
    const spent: string[] = [];
    for (const code of issued?.codes ?? []) {
      const stored = await this.documents.read<StoredCode>(CODES, code);
      if (!stored || stored.usedAt !== null || Date.parse(stored.expiresAt) <= now.getTime()) spent.push(code);
    }
    if (dryRun || spent.length === 0) return spent.length;
    for (const code of spent) {
      await this.documents.delete(CODES, code);
      await this.audit.record({ event: 'resume-code.deleted', personId });
    }
    const left = await this.documents.update<PersonCodes>(BY_PERSON, personId, (current) => ({ codes: (current?.codes ?? []).filter((code) => !spent.includes(code)) }));
    if (left.codes.length === 0) await this.documents.delete(BY_PERSON, personId);
    return spent.length;
  }

  private async refuse(reason: RefusalReason, channel: string): Promise<RedeemOutcome> {
    await this.audit.record({ event: 'resume-code.refused', channel, status: reason });
    return { outcome: 'refused' };
  }
}
