/**
 * An agency's expected response time (the directory's `expectedResponse.workingDays`) as a moment: when a
 * handoff sent at `sentAt` should have been acknowledged by. Working days are Monday to Friday (UTC dates);
 * `holidays` (ISO dates, e.g. England and Wales bank holidays) are skipped too. A handoff sent on a
 * non-working day starts counting from the next working day. 0 working days: the end of the day it was sent
 * (or of the next working day).
 */
export function responseDueAt(sentAt: Date, workingDays: number, holidays: ReadonlySet<string> = new Set()): Date {
  const isWorking = (day: Date) => {
    const weekday = day.getUTCDay();
    return weekday !== 0 && weekday !== 6 && !holidays.has(day.toISOString().slice(0, 10));
  };
  const day = new Date(Date.UTC(sentAt.getUTCFullYear(), sentAt.getUTCMonth(), sentAt.getUTCDate()));
  while (!isWorking(day)) day.setUTCDate(day.getUTCDate() + 1);
  let left = workingDays;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (isWorking(day)) left -= 1;
  }
  // The end of that working day.
  return new Date(day.getTime() + 24 * 60 * 60_000 - 1);
}

/** Where a handoff stands against its agency's target. */
export interface ResponseTargetState {
  dueAt: Date;
  /** Not yet acknowledged and past its due moment. */
  overdue: boolean;
  /** Acknowledged at or before the due moment (undefined while not acknowledged). */
  metTarget?: boolean;
  /** How long it has waited for acknowledgement (until now, or until it was acknowledged), in milliseconds. */
  waitedMs: number;
}

/**
 * `acknowledgedAt`: the agency's first word (received, accepted or declined), if any. A closed handoff
 * (withdrawn, replaced, erased, expired) is never overdue: nobody can act on it any more.
 */
export function responseTargetState(
  input: { sentAt: Date; acknowledgedAt?: Date; closed: boolean; workingDays: number },
  now: Date,
  holidays?: ReadonlySet<string>,
): ResponseTargetState {
  const dueAt = responseDueAt(input.sentAt, input.workingDays, holidays);
  const until = input.acknowledgedAt ?? now;
  return {
    dueAt,
    overdue: !input.acknowledgedAt && !input.closed && now.getTime() > dueAt.getTime(),
    metTarget: input.acknowledgedAt ? input.acknowledgedAt.getTime() <= dueAt.getTime() : undefined,
    waitedMs: Math.max(0, until.getTime() - input.sentAt.getTime()),
  };
}
