import {
  RESUME_CODE_ATTEMPT_LIMIT,
  RESUME_CODE_ATTEMPT_WINDOW_MS,
  generateResumeCode,
  normaliseResumeCode,
  recentAttempts,
} from '../domain/resumeCode.js';
import { DAY_MS } from '../domain/retention.js';
import type { AuditLog, DocumentStore, RedeemOutcome, ResumeCodes } from '../useCases/ports.js';

const CODES = 'resume-codes';
const ATTEMPTS = 'resume-code-attempts';
/** Each person's codes, so that deleting their story can revoke every one. */
const BY_PERSON = 'resume-codes-by-person';
/** Which channel users tried a wrong code on a day (`YYYY-MM-DD`), and which days have such a list: for retention. */
const ATTEMPTS_BY_DAY = 'resume-code-attempts-by-day';
const ATTEMPT_DAYS = 'resume-code-attempt-days';
const ATTEMPT_DAYS_ID = 'all';

interface AttemptDay {
  channelUsers: string[];
}

interface AttemptDays {
  days: string[];
}

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
      await this.listAttempt(channelUser, now);
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

  async deleteOldAttempts(now: Date, dryRun: boolean): Promise<number> {
    const listed = (await this.documents.read<AttemptDays>(ATTEMPT_DAYS, ATTEMPT_DAYS_ID))?.days ?? [];
    // A day's tries stop counting a window after the day ends.
    const done = listed.filter((day) => Date.parse(`${day}T00:00:00.000Z`) + DAY_MS + RESUME_CODE_ATTEMPT_WINDOW_MS <= now.getTime());
    let deleted = 0;
    for (const day of done) {
      for (const channelUser of (await this.documents.read<AttemptDay>(ATTEMPTS_BY_DAY, day))?.channelUsers ?? []) {
        const attempts = await this.documents.read<StoredAttempts>(ATTEMPTS, channelUser);
        if (!attempts || recentAttempts(attempts.failedAt, now).length > 0) continue;
        deleted++;
        if (dryRun) continue;
        await this.documents.delete(ATTEMPTS, channelUser);
        // The channel, never the user (a user id can be a phone number).
        await this.audit.record({ event: 'resume-code-attempts.deleted', channel: channelUser.slice(0, channelUser.indexOf(':')) });
      }
      if (!dryRun) await this.documents.delete(ATTEMPTS_BY_DAY, day);
    }
    if (!dryRun && done.length > 0) {
      await this.documents.update<AttemptDays>(ATTEMPT_DAYS, ATTEMPT_DAYS_ID, (current) => ({ days: (current?.days ?? []).filter((day) => !done.includes(day)) }));
    }
    return deleted;
  }

  /** Lists the channel user under today's wrong tries, so retention can find their record once it no longer counts. */
  private async listAttempt(channelUser: string, now: Date): Promise<void> {
    const day = now.toISOString().slice(0, 10);
    await this.documents.update<AttemptDay>(ATTEMPTS_BY_DAY, day, (current) => ({
      channelUsers: current?.channelUsers.includes(channelUser) ? current.channelUsers : [...(current?.channelUsers ?? []), channelUser],
    }));
    const days = await this.documents.read<AttemptDays>(ATTEMPT_DAYS, ATTEMPT_DAYS_ID);
    if (!days?.days.includes(day)) {
      await this.documents.update<AttemptDays>(ATTEMPT_DAYS, ATTEMPT_DAYS_ID, (current) => ({ days: current?.days.includes(day) ? current.days : [...(current?.days ?? []), day] }));
    }
  }

  private async refuse(outcome: 'wrong' | 'used' | 'expired' | 'rate-limited', channel: string): Promise<RedeemOutcome> {
    await this.audit.record({ event: 'resume-code.refused', channel, status: outcome });
    return { outcome };
  }
}
