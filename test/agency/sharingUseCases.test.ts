import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { AppendOnlyAuditLog } from '../../data/audit/auditLog.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { SharingError } from '../../useCases/sharing/personSharing.js';
import { createSharing } from '../../useCases/sharing/sharing.js';
import type { HandoffNotifier, WebhookEventType } from '../../useCases/ports.js';
import { EncryptedFileDocumentStore } from '../../data/storage/encryptedDocumentStore.js';
import { RecordCipher } from '../../data/storage/encryption.js';
import { fakeQuestionText, sampleStory, wording } from '../support/sharingFixtures.js';

const HOUSING = 'cambridge-housing-options';

class RecordingNotifier implements HandoffNotifier {
  readonly sent: Array<{ agencyId: string; type: WebhookEventType; handoffIds: string[] }> = [];
  readonly dropped: string[] = [];
  async notify(agencyId: string, type: WebhookEventType, handoffIds: string[]): Promise<void> {
    this.sent.push({ agencyId, type, handoffIds });
  }
  async dropQueued(handoffIds: readonly string[]): Promise<number> {
    this.dropped.push(...handoffIds);
    return handoffIds.length;
  }
}

async function service(clock: () => Date = () => new Date('2026-11-29T10:00:00Z')) {
  const dir = await mkdtemp(join(tmpdir(), 'one-story-sharing-'));
  const bank = await loadQuestionBank();
  const directory = await loadAgencyDirectory(DEFAULT_AGENCIES_PATH, { topicIds: bank.topics.map((topic) => topic.id), allowPlainHttpWebhooks: false });
  const notifier = new RecordingNotifier();
  const audit = new AppendOnlyAuditLog(join(dir, 'audit.jsonl'));
  const documents = new EncryptedFileDocumentStore(dir, new RecordCipher(randomBytes(32)));
  const { person: sharing, agency: agencySharing } = createSharing({ documents, directory, bank, audit, notifier, clock, consentMonths: 12, questionText: fakeQuestionText });
  return { sharing, agencySharing, notifier, audit };
}

const shareInput = (personId: string, agencyId = HOUSING) => ({
  story: sampleStory(personId),
  agencyId,
  parts: ['housing'],
  heldBack: [],
  wording,
  channel: 'webchat',
  supportedBy: null,
});

describe('sharing use cases', () => {
  describe('share', () => {
    it('when many people share with one agency at once should lose none of them from its listing', async () => {
      const { sharing, agencySharing, audit } = await service();
      const shared = await Promise.all(Array.from({ length: 25 }, (_, index) => sharing.share(shareInput(`person-${index}`))));
      const listing = await agencySharing.listForAgency(HOUSING, { page: 1, pageSize: 100 });
      expect(listing.total).toBe(25);
      expect(new Set(listing.items.map((item) => item.handoffId))).toEqual(new Set(shared.map((result) => result.handoffId)));
      expect(await audit.verify()).toMatchObject({ ok: true });
    });

    it('when a supporter tries to confirm should refuse and record nothing', async () => {
      const { sharing, notifier } = await service();
      await expect(sharing.share({ ...shareInput('p1'), supportedBy: { name: 'Alex' }, confirmedBy: 'supporter' })).rejects.toThrow(/not-confirmed-by-person/);
      expect(await sharing.sharedWith('p1')).toEqual([]);
      expect(notifier.sent).toEqual([]);
    });

    it('when the agency or a part is unknown should refuse with a code', async () => {
      const { sharing } = await service();
      await expect(sharing.share(shareInput('p1', 'no-such-agency'))).rejects.toEqual(new SharingError('unknown-agency'));
      await expect(sharing.share({ ...shareInput('p1'), parts: ['housing', 'secrets'] })).rejects.toEqual(new SharingError('unknown-part'));
    });

    it('when the person shares again with the same agency should supersede the consent and send the next version', async () => {
      const { sharing, agencySharing, notifier } = await service();
      const first = await sharing.share(shareInput('p1'));
      const second = await sharing.share({ ...shareInput('p1'), parts: ['housing', 'what-helps'] });
      expect(second.reference).toBe(first.reference);
      expect(notifier.sent.map((sent) => sent.type)).toEqual(['handoff.created', 'handoff.updated']);
      expect(notifier.dropped).toEqual([first.handoffId]);
      const history = await sharing.consentHistory('p1');
      expect(history.map((consent) => [consent.id, consent.supersededBy])).toEqual([
        [first.consentId, second.consentId],
        [second.consentId, null],
      ]);
      expect(await agencySharing.readForAgency(HOUSING, first.handoffId)).toBeUndefined();
      expect((await agencySharing.readForAgency(HOUSING, second.handoffId))?.version).toBe(2);
    });
  });

  describe('consent expiry', () => {
    it('when the consent has expired should stop serving and show it is no longer live', async () => {
      let now = new Date('2026-11-29T10:00:00Z');
      const { sharing, agencySharing } = await service(() => now);
      const { handoffId, expiresAt } = await sharing.share(shareInput('p1'));
      expect(expiresAt).toBe('2027-11-29T10:00:00.000Z');
      now = new Date('2027-11-29T10:00:00Z');
      expect(await agencySharing.readForAgency(HOUSING, handoffId)).toBeUndefined();
      expect((await sharing.sharedWith('p1'))[0]).toMatchObject({ live: false });
      expect((await agencySharing.listForAgency(HOUSING, { page: 1, pageSize: 10 })).items[0].status).toBe('expired');
      expect(await sharing.agenciesHoldingParts('p1', ['housing'])).toEqual([]);
    });
  });

  describe('preview', () => {
    it('should show exactly what share() then sends', async () => {
      const { sharing, agencySharing } = await service();
      const input = { ...shareInput('p1'), parts: ['about-me', 'what-helps', 'housing', 'safety'], heldBack: [{ topicId: 'housing', questionId: 'worries' }] };
      const preview = sharing.preview(input);
      const { handoffId } = await sharing.share(input);
      const sent = (await agencySharing.readForAgency(HOUSING, handoffId))!;
      const content = ({ person, parts, agency }: typeof sent) => ({ person, parts, agency });
      expect(content(sent)).toEqual(content(preview));
      expect(JSON.stringify(preview)).not.toContain('Friday');
    });
  });

  describe('suggestAgencies', () => {
    it('should suggest agencies for what the person has talked about', async () => {
      const { sharing } = await service();
      const suggestions = sharing.suggestAgencies(sampleStory('p1'));
      expect(suggestions.length).toBeGreaterThan(3);
      expect(suggestions[0].becauseTopicIds.length).toBeGreaterThanOrEqual(suggestions.at(-1)!.becauseTopicIds.length);
      expect(sharing.allAgencies()).toHaveLength(10);
    });
  });
});
