import type { NewsNoticeSender, PersonRepository } from '../ports.js';
import type { SharingRecords } from './sharingRecords.js';

export interface NewsNoticesDeps {
  /** Shared with both sides of sharing (see `createSharing`): a notice runs in the person's queue. */
  records: SharingRecords;
  /** Where each person's news contact is kept (none: nobody is texted). */
  people?: PersonRepository;
  /** How a text is sent; none where no channel can send one (then nobody is texted). */
  sender?: NewsNoticeSender;
  clock: () => Date;
  /** Event names and ids only. */
  log?: { info(event: string, fields?: Record<string, string | number | boolean | undefined>): void; warn(event: string, fields?: Record<string, string | number | boolean | undefined>): void };
}

export type NewsNoticeOutcome = 'sent' | 'no-contact' | 'already-told' | 'failed';

/**
 * When an agency says something to a person, the person should not have to ask. Where they said texting is
 * safe, they get one short, neutral text that there is news (no service, no details), and no other until
 * they have written again; the news itself waits for them in the conversation (the welcome back tells it
 * first). Everywhere else the welcome back is how they hear it.
 */
export class NewsNotices {
  constructor(private readonly deps: NewsNoticesDeps) {}

  /** Never throws: the agency's status change does not depend on the person's phone. */
  async tellOfNews(personId: string): Promise<NewsNoticeOutcome> {
    const { records, people, sender, log } = this.deps;
    try {
      const outcome = await records.forPerson(personId, async (): Promise<NewsNoticeOutcome> => {
        const contact = people ? (await people.load(personId))?.newsContact : undefined;
        if (!contact || !sender) return 'no-contact';
        const last = await records.readNewsNotice(personId);
        if (last && last.sentAt >= contact.lastTurnAt) return 'already-told';
        await sender.send(contact);
        await records.writeNewsNotice({ personId, sentAt: this.deps.clock().toISOString(), conversationKey: contact.conversationKey });
        return 'sent';
      });
      log?.info('news.notice', { outcome });
      return outcome;
    } catch (error) {
      log?.warn('news.noticeFailed', { errorName: error instanceof Error ? error.name : typeof error });
      return 'failed';
    }
  }

  /**
   * Whether a notice went to this conversation after `since` (when the person last wrote there): their next
   * message there starts a new sitting, so they hear the news first instead of being taken as an answer.
   */
  async sentTo(personId: string, conversationKey: string, since: string): Promise<boolean> {
    const last = await this.deps.records.readNewsNotice(personId);
    return last !== undefined && last.conversationKey === conversationKey && last.sentAt > since;
  }
}
