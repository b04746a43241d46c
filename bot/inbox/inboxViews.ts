import type { TFunction } from 'i18next';
import { findTopic, type QuestionBank } from '../../domain/questionBank.js';
import { AGENCY_STATUSES, type AgencyStatus, type ListedStatus, type StatusEvent } from '../../domain/sharing/handoffStatus.js';
import type { HandoffAnswer, HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { CLOSED_LISTED_STATUSES, isNewStatus, type InboxResponse } from '../../domain/sharing/inboxListing.js';
import type { HandoffTombstone, InboxListing } from '../../useCases/sharing/agencySharing.js';
import { inWords, languageNamesIn, plainDatesIn, primary } from '../agencyApi/handoffPage.js';

/**
 * What the inbox's views are given: plain values in the agency's language, worked out here so the
 * Nunjucks views only lay them out (and escape them). Labels of a handoff's content are the agency
 * handoff page's own (locales/<lang>/agency.json, `agencyPage`); the inbox's are in inbox.json (`inbox`).
 */

type Context = Record<string, object | string | number | boolean | null | undefined>;

export interface ViewText {
  t: TFunction;
  /** The page's language (the agency's, from the directory). */
  language: string;
}

/** Dates as the language writes them where it is spoken here (en-GB, not en-US), as the handoff page does. */
function datesOf(text: ViewText, withTime = false): (iso: string) => string {
  return plainDatesIn(text.t('web.htmlLang'), withTime);
}

/** GOV.UK tag colours by status: new stands out, closed ones fade. */
const TAG_CLASSES: Record<ListedStatus, string> = {
  sent: 'govuk-tag--blue',
  delivered: 'govuk-tag--blue',
  received: 'govuk-tag--light-blue',
  accepted: 'govuk-tag--green',
  declined: 'govuk-tag--orange',
  withdrawn: 'govuk-tag--grey',
  replaced: 'govuk-tag--grey',
  'erasure-requested': 'govuk-tag--grey',
  expired: 'govuk-tag--grey',
};

export function statusTag(t: TFunction, status: ListedStatus): { text: string; classes: string } {
  return { text: t(`inbox.statuses.${status}`), classes: TAG_CLASSES[status] };
}

/** How long, as the language says it ("3 days", "5 hours", "20 minutes"), with Intl's own words. */
export function durationIn(language: string): (ms: number) => string {
  const unit = (name: 'day' | 'hour' | 'minute', value: number) => {
    try {
      return new Intl.NumberFormat([language, 'en-GB'], { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
    } catch {
      return new Intl.NumberFormat('en-GB', { style: 'unit', unit: name, unitDisplay: 'long' }).format(value);
    }
  };
  return (ms) => {
    const minutes = Math.floor(ms / 60_000);
    if (minutes >= 24 * 60) return unit('day', Math.floor(minutes / (24 * 60)));
    if (minutes >= 60) return unit('hour', Math.floor(minutes / 60));
    return unit('minute', minutes);
  };
}

/** The reply column: overdue (and for how long it has waited), due by, answered after, or nothing to do. */
export function responseLines(text: ViewText, status: ListedStatus, response: InboxResponse): { overdue: boolean; lines: string[] } {
  const { t, language } = text;
  const date = datesOf(text, true);
  const duration = durationIn(language);
  if (response.acknowledgedAt) return { overdue: false, lines: [t('inbox.response.answeredAfter', { duration: duration(response.waitedMs) })] };
  if (CLOSED_LISTED_STATUSES.includes(status)) return { overdue: false, lines: [t('inbox.response.none')] };
  if (response.overdue) {
    return {
      overdue: true,
      lines: [t('inbox.response.waiting', { duration: duration(response.waitedMs) }), t('inbox.response.wasDue', { date: date(response.dueAt) })],
    };
  }
  return { overdue: false, lines: [t('inbox.response.waiting', { duration: duration(response.waitedMs) }), t('inbox.response.dueBy', { date: date(response.dueAt) })] };
}

export function listContext(
  text: ViewText,
  listing: InboxListing,
  query: { filter?: string; reference?: string },
  agencyName: string,
): Context {
  const { t, language } = text;
  const date = datesOf(text);
  const duration = durationIn(language);
  const pages = Math.max(1, Math.ceil(listing.total / listing.pageSize));
  const href = (page: number) => {
    const params = new URLSearchParams();
    if (query.filter) params.set('status', query.filter);
    if (query.reference) params.set('reference', query.reference);
    if (page > 1) params.set('page', String(page));
    const search = params.toString();
    return search ? `/inbox?${search}` : '/inbox';
  };
  const from = listing.total === 0 ? 0 : (listing.page - 1) * listing.pageSize + 1;
  return {
    title: t('inbox.list.title'),
    intro: t('inbox.list.intro', { agency: agencyName }),
    target: t('inbox.list.target', { target: duration(listing.workingDays * 24 * 60 * 60_000) }),
    filters: [
      { value: '', text: t('inbox.filter.all'), selected: !query.filter },
      ...(['new', 'overdue', 'received', 'accepted', 'declined', 'withdrawn', 'replaced', 'erasure-requested', 'expired'] as const).map((value) => ({
        value,
        text: t(`inbox.filter.options.${value}`),
        selected: query.filter === value,
      })),
    ],
    reference: query.reference ?? '',
    filtered: Boolean(query.filter || query.reference),
    items: listing.items.map((item) => {
      const reply = responseLines(text, item.status, item.response);
      return {
        href: `/inbox/handoffs/${item.handoffId}`,
        reference: item.reference,
        version: item.version > 1 ? t('inbox.list.version', { version: item.version }) : '',
        sharedOn: date(item.createdAt),
        sharedAt: item.createdAt,
        tag: statusTag(t, item.status),
        overdue: reply.overdue,
        lines: reply.lines,
      };
    }),
    empty: listing.items.length === 0,
    emptyText: query.reference
      ? t('inbox.list.noReference', { reference: query.reference })
      : query.filter
        ? t('inbox.list.emptyFiltered')
        : t('inbox.list.empty'),
    showing: listing.total > 0 ? t('inbox.list.showing', { from, to: from + listing.items.length - 1, total: listing.total }) : '',
    pagination: {
      landmarkLabel: t('inbox.list.pagination'),
      ...(listing.page > 1 ? { previous: { href: href(listing.page - 1), text: t('inbox.list.previous') } } : {}),
      ...(listing.page < pages ? { next: { href: href(listing.page + 1), text: t('inbox.list.next') } } : {}),
    },
    hasPages: pages > 1,
  };
}

interface AnswerRow {
  question: string;
  answer: string;
  lang: string;
  /** A choice's label in the page's language, when the person saw it in another. */
  translated: string;
  notes: string[];
}

interface Section {
  id: string;
  title: string;
  readFirst: boolean;
  rows: AnswerRow[];
}

/** What happened to a handoff, in words, with the agency's own messages to the person. */
export function historyRows(text: ViewText, history: readonly StatusEvent[]): Array<{ text: string; date: string; message: string }> {
  const date = datesOf(text, true);
  return history.map((event) => ({ text: text.t(`inbox.events.${event.status}`), date: date(event.at), message: event.message ?? '' }));
}

/** The statuses the agency can still set: acknowledging only while nobody has, accept or decline until one is said. */
export function repliesOpenTo(status: ListedStatus): AgencyStatus[] {
  return AGENCY_STATUSES.filter((next) => next !== status && !(next === 'received' && (status === 'accepted' || status === 'declined')));
}

/**
 * A handoff's page: "what helps me" first, then language and communication, then about the person, then
 * the other parts in the person's own words. Only what the summary holds: nothing held back is counted,
 * named or hinted at (the consent lists only parts that have something in them).
 */
export function handoffContext(
  text: ViewText,
  summary: HandoffSummary,
  response: InboxResponse,
  bank: QuestionBank,
  options: { mayRespond: boolean; done?: AgencyStatus },
): Context {
  const { t, language } = text;
  const label = (key: string, values?: Record<string, string>) => t(`agencyPage.${key}`, values);
  const date = datesOf(text);
  const languageName = languageNamesIn(language);
  const otherLanguage = (code: string) => code !== 'und' && primary(code) !== primary(language);
  const rows = (answers: readonly HandoffAnswer[]): AnswerRow[] =>
    answers.map((answer) => ({
      question: answer.question,
      answer: answer.answer,
      lang: answer.language,
      translated: answer.choiceLabel && answer.choiceLabel !== answer.answer ? answer.choiceLabel : '',
      notes: [
        ...(otherLanguage(answer.language) ? [label('answeredInLanguage', { language: languageName(answer.language) })] : []),
        ...(answer.saidWithSupport ? [label('saidWithSupport')] : []),
      ],
    }));
  const plain = (question: string, answer: string): AnswerRow => ({ question, answer, lang: language, translated: '', notes: [] });
  const part = (entry: HandoffSummary['parts'][number]): Section => ({ id: `part-${entry.topicId}`, title: entry.title, readFirst: entry.readFirst, rows: rows(entry.answers) });

  const sections: Section[] = [
    ...summary.parts.filter((entry) => entry.readFirst).map(part),
    ...(summary.languageAndCommunication
      ? [
          {
            id: 'language-and-communication',
            title: label('languageAndCommunication'),
            readFirst: false,
            rows: [plain(label('preferredLanguage'), languageName(summary.languageAndCommunication.preferredLanguage)), ...rows(summary.languageAndCommunication.answers)],
          },
        ]
      : []),
    ...(summary.person
      ? [
          {
            id: 'person',
            title: label('person'),
            readFirst: false,
            rows: [plain(label('chosenName'), summary.person.chosenName ?? label('notShared')), ...rows(summary.person.contactPreferences)],
          },
        ]
      : []),
    ...summary.parts.filter((entry) => !entry.readFirst).map(part),
  ];

  const shown = new Set(partsWithContent(summary, bank));
  const topicTitle = (topicId: string) => {
    const topic = findTopic(bank, topicId);
    return topic ? t(topic.titleKey) : topicId;
  };
  const status = summary.status ?? 'sent';
  const reply = responseLines(text, status, response);
  const consent = summary.consent;
  const supporter = consent.supportedBy ? [consent.supportedBy.name, consent.supportedBy.organisation].filter(Boolean).join(', ') || '—' : label('nobody');
  return {
    title: t('inbox.handoff.title', { reference: summary.reference }),
    reference: summary.reference,
    confidential: label('confidential'),
    readFirstIntro: summary.parts.some((entry) => entry.readFirst) ? label('readFirstIntro') : '',
    facts: [
      { key: label('reference'), value: summary.reference },
      { key: label('version'), value: String(summary.version) },
      { key: label('sharedOn'), value: date(summary.createdAt) },
      { key: label('consentExpires'), value: date(consent.expiresAt) },
    ],
    tag: statusTag(t, status),
    overdue: reply.overdue,
    replyLines: reply.lines,
    sections,
    consentRows: [
      { key: label('consentParts'), value: consent.parts.filter((id) => shown.has(id)).map(topicTitle).join(', ') },
      { key: label('consentPurpose'), value: inWords(t, 'agencyPage.purposes', consent.purpose) },
      { key: label('consentGranted'), value: date(consent.grantedAt) },
      { key: label('consentChannel'), value: inWords(t, 'agencyPage.channels', consent.channel) },
      { key: label('supportedBy'), value: supporter },
    ],
    confirmedByPerson: label('confirmedByPerson'),
    history: historyRows(text, summary.statusHistory ?? []),
    printHref: `/inbox/handoffs/${summary.handoffId}/print`,
    actions: options.mayRespond
      ? repliesOpenTo(status).map((next, index) => ({
          href: `/inbox/handoffs/${summary.handoffId}/reply/${next}`,
          text: t(`inbox.handoff.actions.${next}`),
          secondary: index > 0 && next !== 'accepted',
        }))
      : [],
    done: options.done ? `${t(`inbox.done.${options.done}`)}` : '',
    isNew: isNewStatus(status),
  };
}

/**
 * The consented parts that have something in them: a part whose every answer was held back is not named
 * (naming it would say something was kept back).
 */
export function partsWithContent(summary: HandoffSummary, bank: QuestionBank): string[] {
  const shown = new Set([...summary.parts.map((entry) => entry.topicId), ...(summary.person ? [bank.preferredName.topicId] : [])]);
  return summary.consent.parts.filter((id) => shown.has(id));
}

/** A closed handoff: its reference, dates and statuses only, and why it closed. */
export function tombstoneContext(text: ViewText, tombstone: HandoffTombstone): Context {
  const { t, language } = text;
  const date = datesOf(text);
  return {
    title: t('inbox.handoff.title', { reference: tombstone.reference }),
    reference: tombstone.reference,
    tag: statusTag(t, tombstone.status),
    reason: t(`inbox.tombstone.reasons.${tombstone.status}`, { defaultValue: t('inbox.tombstone.reasons.withdrawn') }),
    facts: [
      { key: t('agencyPage.reference'), value: tombstone.reference },
      { key: t('agencyPage.version'), value: String(tombstone.version) },
      { key: t('agencyPage.sharedOn'), value: date(tombstone.createdAt) },
      { key: t('inbox.handoff.status'), value: t(`inbox.statuses.${tombstone.status}`) },
      { key: t('inbox.handoff.since'), value: date(tombstone.statusAt) },
    ],
    history: historyRows(text, tombstone.statusHistory),
    newerHref: tombstone.replacedBy ? `/inbox/handoffs/${tombstone.replacedBy}` : '',
  };
}
