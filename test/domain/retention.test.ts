import { describe, expect, it } from '@jest/globals';
import { describeRetentionPeriod, inactiveFor, lastActivityOf } from '../../domain/retention.js';
import { loadConfig } from '../../bot/config.js';

describe('retention rules', () => {
  it('says the period as a person would, in whole years or months where it is one, with each language\'s plurals', () => {
    expect(describeRetentionPeriod(365, 'en')).toBe('1 year');
    expect(describeRetentionPeriod(730, 'en')).toBe('2 years');
    expect(describeRetentionPeriod(90, 'en')).toBe('3 months');
    expect(describeRetentionPeriod(45, 'en')).toBe('45 days');
    expect(describeRetentionPeriod(730, 'pl')).toBe('2 lata');
    expect(describeRetentionPeriod(5 * 365, 'pl')).toBe('5 lat');
  });

  it('counts inactivity from the last commit, else from the latest conversation (records older than the field)', () => {
    expect(lastActivityOf({ lastActiveAt: '2026-01-02T00:00:00.000Z', conversations: { a: { seenAt: '2026-01-01T00:00:00.000Z' } } })).toBe('2026-01-02T00:00:00.000Z');
    expect(lastActivityOf({ conversations: { a: { seenAt: '2026-01-01T00:00:00.000Z' }, b: { seenAt: '2026-03-01T00:00:00.000Z' } } })).toBe('2026-03-01T00:00:00.000Z');
    const now = new Date('2027-01-01T00:00:00.000Z');
    expect(inactiveFor('2026-01-01T00:00:00.000Z', 365, now)).toBe(true);
    expect(inactiveFor('2026-01-01T00:00:01.000Z', 365, now)).toBe(false);
  });

  it('RETENTION_DAYS defaults to a year and refuses what is not a whole number of days', () => {
    expect(loadConfig({}).RETENTION_DAYS).toBe(365);
    expect(loadConfig({ RETENTION_DAYS: '30' }).RETENTION_DAYS).toBe(30);
    expect(() => loadConfig({ RETENTION_DAYS: '0' })).toThrow(/RETENTION_DAYS/);
    expect(() => loadConfig({ RETENTION_DAYS: 'soon' })).toThrow(/RETENTION_DAYS/);
  });
});
