import { describe, expect, it } from '@jest/globals';
import { responseDueAt, responseTargetState } from '../../domain/sharing/responseTarget.js';

describe('an agency response target in working days', () => {
  it.each([
    ['a Monday, 2 working days', '2026-11-30T10:00:00Z', 2, '2026-12-02'],
    ['a Thursday, 2 working days: over the weekend', '2026-12-03T10:00:00Z', 2, '2026-12-07'],
    ['a Saturday counts from Monday', '2026-12-05T10:00:00Z', 1, '2026-12-08'],
    ['0 days: the end of that working day', '2026-12-01T10:00:00Z', 0, '2026-12-01'],
  ])('%s', (_name, sent, days, dueDay) => {
    const due = responseDueAt(new Date(sent), days);
    expect(due.toISOString()).toBe(`${dueDay}T23:59:59.999Z`);
  });

  it('skips holidays it is given', () => {
    expect(responseDueAt(new Date('2026-12-24T09:00:00Z'), 1, new Set(['2026-12-25'])).toISOString()).toBe('2026-12-28T23:59:59.999Z');
  });

  it('is overdue only when unacknowledged, open and past due', () => {
    const sentAt = new Date('2026-11-30T10:00:00Z');
    const after = new Date('2026-12-03T09:00:00Z');
    expect(responseTargetState({ sentAt, closed: false, workingDays: 2 }, after)).toMatchObject({ overdue: true, metTarget: undefined });
    expect(responseTargetState({ sentAt, closed: true, workingDays: 2 }, after).overdue).toBe(false);
    const acknowledged = responseTargetState({ sentAt, acknowledgedAt: new Date('2026-12-02T12:00:00Z'), closed: false, workingDays: 2 }, after);
    expect(acknowledged).toMatchObject({ overdue: false, metTarget: true, waitedMs: 2 * 86_400_000 + 2 * 3_600_000 });
    expect(responseTargetState({ sentAt, closed: false, workingDays: 2 }, new Date('2026-12-02T20:00:00Z')).overdue).toBe(false);
  });
});
