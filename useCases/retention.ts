import { inactiveFor, lastActivityOf } from '../domain/retention.js';
import type { AuditLog, PersonRepository, ResumeCodes } from './ports.js';

/** The channel recorded for what retention does (consents withdrawn, erasures asked for): no person's device. */
export const RETENTION_CHANNEL = 'retention';

export interface RetentionDeps {
  people: PersonRepository;
  resumeCodes: ResumeCodes;
  audit: AuditLog;
  /** "Delete my story" for this person (useCases/eraseStory.ts): agencies asked to erase, codes revoked, record and links gone. */
  eraseStory(personId: string): Promise<void>;
  /** Erases the content of handoffs whose consent has run out, keeping a tombstone; returns how many (useCases/sharing). */
  eraseExpiredHandoffs(now: Date, dryRun: boolean): Promise<number>;
}

export interface RetentionRun {
  now: Date;
  /** A person with no activity for this many days is erased. */
  inactiveDays: number;
  /** Count what would go, change nothing. */
  dryRun: boolean;
}

/** What a sweep erased (or, dry, would erase). */
export interface RetentionReport {
  peopleErased: number;
  peopleKept: number;
  handoffsExpired: number;
  resumeCodesDeleted: number;
}

/**
 * Storage limitation: erases what has been kept long enough. Handoffs whose consent ran out lose their
 * content; a person inactive for `inactiveDays` is erased exactly as "delete my story" erases (every agency
 * asked to erase, every code revoked, their record, conversations and links gone); spent resume codes are
 * deleted (wrong tries are only counted by the rate limits, which forget them on their own). Each erasure is audited (ids only). Safe to run again
 * at any time: what is gone is not met twice.
 */
export async function sweepRetention(deps: RetentionDeps, run: RetentionRun): Promise<RetentionReport> {
  const { now, inactiveDays, dryRun } = run;
  const report: RetentionReport = { peopleErased: 0, peopleKept: 0, handoffsExpired: 0, resumeCodesDeleted: 0 };
  report.handoffsExpired = await deps.eraseExpiredHandoffs(now, dryRun);
  for await (const personIds of deps.people.everyone()) {
    for (const personId of personIds) {
      const person = await deps.people.load(personId);
      if (!person) {
        // Listed, but its record is gone (a crash between the two): the listing goes too.
        if (!dryRun) await deps.people.erase(personId);
        continue;
      }
      if (!inactiveFor(lastActivityOf(person), inactiveDays, now)) {
        report.peopleKept++;
        report.resumeCodesDeleted += await deps.resumeCodes.deleteSpent(personId, now, dryRun);
        continue;
      }
      report.peopleErased++;
      if (dryRun) continue;
      await deps.eraseStory(personId);
      await deps.audit.record({ event: 'story.expired', personId, channel: RETENTION_CHANNEL });
    }
  }
  return report;
}
