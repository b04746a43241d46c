import { describe, expect, it } from '@jest/globals';
import { computeOutcomes, median, percentile, protectColumn, shownCount, timing } from '../../domain/outcomes/outcomeFigures.js';
import { minutesBetween, weekOf, type OutcomeFact } from '../../domain/outcomes/outcomeFacts.js';

const chain = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const sent = (n: number, agencyId: string, week: string, minutesFromFirstMessage: number, targetMinutes = 3000): OutcomeFact => ({
  kind: 'handoff.sent',
  week,
  chain: chain(n),
  agencyId,
  version: 'first',
  parts: 1,
  newParts: 1,
  retellingsAvoided: 0,
  minutesFromFirstMessage,
  targetMinutes,
});

describe('outcome figures', () => {
  it('should take weeks from Monday (UTC) and whole minutes', () => {
    expect(weekOf(new Date('2026-11-02T00:00:00Z'))).toBe('2026-11-02');
    expect(weekOf(new Date('2026-11-08T23:59:59Z'))).toBe('2026-11-02');
    expect(weekOf(new Date('2026-11-09T00:00:00Z'))).toBe('2026-11-09');
    expect(weekOf(new Date('2027-01-01T12:00:00Z'))).toBe('2026-12-28');
    expect(minutesBetween(new Date('2026-11-02T09:00:00Z'), new Date('2026-11-02T10:30:59Z'))).toBe(90);
  });

  it('should give the median (middle two averaged) and the nearest-rank percentile', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([10, 20, 30, 40, 50], 90)).toBe(50);
    expect(percentile([7], 90)).toBe(7);
  });

  it('should hide counts from 1 to 4 and figures resting on fewer than 5', () => {
    expect([0, 1, 4, 5, 12].map((value) => shownCount(value))).toEqual([0, null, null, 5, 12]);
    expect(timing([60, 120, 180, 240])).toEqual({ handoffs: null, medianHours: null, p90Hours: null });
    expect(timing([60, 120, 180, 240, 300])).toEqual({ handoffs: 5, medianHours: 3, p90Hours: 5 });
    expect(timing([])).toEqual({ handoffs: 0, medianHours: null, p90Hours: null });
  });

  it('should hide a second cell where a total would give a lone hidden one away', () => {
    // 3 is hidden; 20 − 12 − 5 would give it back, so the smallest other (5) goes too; 0 stays.
    expect(protectColumn([12, 3, 5, 0], 20)).toEqual({ cells: [12, null, null, 0], total: 20 });
    // Two hidden already: the total gives only their sum.
    expect(protectColumn([12, 3, 2], 17)).toEqual({ cells: [12, null, null], total: 17 });
    // A small total is itself hidden, and then nothing needs a partner.
    expect(protectColumn([3, 0], 3)).toEqual({ cells: [null, 0], total: null });
    expect(protectColumn([9, 8], 17)).toEqual({ cells: [9, 8], total: 17 });
  });

  it('should judge an unanswered handoff missed only once its target has surely passed', () => {
    const agencies = [{ id: 'a', name: 'A', workingDays: 2 }];
    const facts: OutcomeFact[] = [0, 1, 2, 3, 4].map((n) => sent(n, 'a', '2026-11-02', 60, 3000));
    // Surely past: the week's end (9 Nov 00:00) plus 3,000 minutes (50 hours) = 11 Nov 02:00.
    expect(computeOutcomes(facts, agencies, new Date('2026-11-11T01:59:00Z')).summary.withinTarget).toEqual({ handoffs: 0, percent: null });
    expect(computeOutcomes(facts, agencies, new Date('2026-11-11T02:00:00Z')).summary.withinTarget).toEqual({ handoffs: 5, percent: 0 });
    const answered: OutcomeFact[] = [
      ...facts,
      ...[0, 1, 2].map((n): OutcomeFact => ({ kind: 'handoff.acknowledged', week: '2026-11-02', chain: chain(n), agencyId: 'a', status: 'received', minutesFromHandoff: 30, withinTarget: true })),
      { kind: 'handoff.withdrawn', week: '2026-11-02', chain: chain(3), agencyId: 'a', by: 'person' },
    ];
    // 3 answered in time, 1 withdrawn before any answer (left out), 1 missed: 3 of 4 (too few to show).
    expect(computeOutcomes(answered, agencies, new Date('2026-11-30T00:00:00Z')).summary.withinTarget).toEqual({ handoffs: null, percent: null });
  });

  it('should list an agency facts name that the directory no longer has, and every week between', () => {
    const report = computeOutcomes([sent(1, 'gone-agency', '2026-10-05', 60), sent(2, 'a', '2026-10-26', 60)], [{ id: 'a', name: 'A', workingDays: 1 }], new Date('2026-11-30T00:00:00Z'));
    expect(report.agencies.map((row) => row.agencyId)).toEqual(['a', 'gone-agency']);
    expect(report.weeks.map((week) => week.week)).toEqual(['2026-10-05', '2026-10-12', '2026-10-19', '2026-10-26']);
  });
});
