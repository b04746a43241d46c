import { describe, expect, it } from '@jest/globals';
import {
  ConsentRuleError,
  addMonths,
  consentStatuses,
  emptyLedger,
  grantConsent,
  isLiveConsent,
  liveConsentFor,
  liveConsents,
  withdrawConsent,
  type ConsentRequest,
} from '../../domain/sharing/consent.js';

const t0 = new Date('2026-01-31T10:00:00Z');
const request = (overrides: Partial<ConsentRequest> = {}): ConsentRequest => ({
  id: 'c1',
  agencyId: 'housing',
  parts: ['housing', 'what-helps'],
  heldBack: [],
  purpose: 'referral-and-support',
  wording: { key: 'sharing.consent', locale: 'en', version: '1' },
  channel: 'webchat',
  supportedBy: null,
  confirmedBy: 'person',
  ...overrides,
});

describe('consent rules', () => {
  describe('grantConsent', () => {
    it('when granted should last 12 months by default, clamped to the end of a shorter month', () => {
      const { consent } = grantConsent(emptyLedger('p1'), request(), t0);
      expect(consent.grantedAt).toBe('2026-01-31T10:00:00.000Z');
      expect(consent.expiresAt).toBe('2027-01-31T10:00:00.000Z');
      expect(addMonths(t0, 1).toISOString()).toBe('2026-02-28T10:00:00.000Z');
    });

    it('when a duration is configured should use it', () => {
      const { consent } = grantConsent(emptyLedger('p1'), request(), t0, 6);
      expect(consent.expiresAt).toBe('2026-07-31T10:00:00.000Z');
    });

    it('when a supporter is present should record them, and still be confirmed by the person', () => {
      const { consent } = grantConsent(emptyLedger('p1'), request({ supportedBy: { name: 'Alex', organisation: 'Outreach' } }), t0);
      expect(consent.supportedBy).toEqual({ name: 'Alex', organisation: 'Outreach' });
      expect(consent.confirmedBy).toBe('person');
    });

    it('when a supporter tries to confirm should refuse', () => {
      expect(() => grantConsent(emptyLedger('p1'), request({ confirmedBy: 'supporter' }), t0)).toThrow(new ConsentRuleError('not-confirmed-by-person'));
    });

    it('when no part is chosen, or an answer is held back outside the parts, should refuse', () => {
      expect(() => grantConsent(emptyLedger('p1'), request({ parts: [] }), t0)).toThrow(ConsentRuleError);
      expect(() => grantConsent(emptyLedger('p1'), request({ heldBack: [{ topicId: 'safety', questionId: 'feel-safer' }] }), t0)).toThrow(
        new ConsentRuleError('held-back-outside-parts'),
      );
    });

    it('when the person shares again with the same agency should supersede, never edit, the earlier consent', () => {
      const first = grantConsent(emptyLedger('p1'), request(), t0);
      const frozen = JSON.stringify(first.ledger.events);
      const second = grantConsent(first.ledger, request({ id: 'c2', parts: ['housing'] }), new Date('2026-02-01T10:00:00Z'));
      expect(second.consent.supersedes).toBe('c1');
      expect(JSON.stringify(second.ledger.events.slice(0, 1))).toBe(frozen);
      const statuses = consentStatuses(second.ledger);
      expect(statuses.map((consent) => [consent.id, consent.supersededBy])).toEqual([
        ['c1', 'c2'],
        ['c2', null],
      ]);
      expect(liveConsents(second.ledger, new Date('2026-02-02T00:00:00Z')).map((consent) => consent.id)).toEqual(['c2']);
    });

    it('when consents go to different agencies should keep both live', () => {
      const first = grantConsent(emptyLedger('p1'), request(), t0);
      const second = grantConsent(first.ledger, request({ id: 'c2', agencyId: 'gp' }), t0);
      expect(second.consent.supersedes).toBeNull();
      expect(liveConsents(second.ledger, t0).map((consent) => consent.id)).toEqual(['c1', 'c2']);
    });
  });

  describe('withdrawConsent', () => {
    it('when withdrawn should stop being live at once and keep the history', () => {
      const granted = grantConsent(emptyLedger('p1'), request(), t0);
      const later = new Date('2026-03-01T00:00:00Z');
      const { ledger, withdrawn } = withdrawConsent(granted.ledger, 'housing', later, 'sms');
      expect(withdrawn.map((consent) => consent.id)).toEqual(['c1']);
      expect(ledger.events).toHaveLength(2);
      expect(ledger.events[0]).toEqual(granted.ledger.events[0]);
      const [status] = consentStatuses(ledger);
      expect(status.withdrawnAt).toBe(later.toISOString());
      expect(isLiveConsent(status, later)).toBe(false);
    });

    it('when nothing is live for that agency should record nothing', () => {
      const granted = grantConsent(emptyLedger('p1'), request(), t0);
      const { ledger, withdrawn } = withdrawConsent(granted.ledger, 'someone-else', t0, 'webchat');
      expect(withdrawn).toEqual([]);
      expect(ledger.events).toHaveLength(1);
    });
  });

  describe('liveness', () => {
    it('when the consent has expired should not be live', () => {
      const { ledger } = grantConsent(emptyLedger('p1'), request(), t0, 1);
      const statuses = consentStatuses(ledger);
      expect(liveConsentFor(statuses, 'p1', 'housing', new Date('2026-02-27T00:00:00Z'))?.id).toBe('c1');
      expect(liveConsentFor(statuses, 'p1', 'housing', new Date('2026-02-28T10:00:00Z'))).toBeUndefined();
    });

    it('when asked about another person should find nothing', () => {
      const { ledger } = grantConsent(emptyLedger('p1'), request(), t0);
      expect(liveConsentFor(consentStatuses(ledger), 'p2', 'housing', t0)).toBeUndefined();
    });
  });
});
