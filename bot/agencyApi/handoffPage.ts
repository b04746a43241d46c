import { createHash } from 'node:crypto';
import type { TFunction } from 'i18next';
import type { HandoffAnswer, HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import type { QuestionBank } from '../../domain/questionBank.js';
import { CONFIRM_KEY } from '../../dialogs/shareWithAgencyDialog.js';
import { partTitles, wordingVersion } from '../../dialogs/sharingText.js';
import { UPDATE_KEY } from '../../dialogs/updateOfferDialog.js';
import type { Translations } from '../i18n.js';
import { escapeHtml } from '../http/escapeHtml.js';

/** What the page needs besides the handoff: the agency's language, and words for the ids a handoff carries. */
export interface HandoffPageContext {
  /** Labels, question wording and topic titles, in the agency's language. */
  t: TFunction;
  language: string;
  dir: 'ltr' | 'rtl';
  /** A topic's title in the agency's language (the consent lists topic ids). */
  topicTitle: (topicId: string) => string;
  /** The consent question exactly as the person saw it, when that can be shown for certain. */
  consentQuestion?: { text: string; language: string };
}

/** The consent questions a person says yes to, each with how the page describes it (locales/…/agency.json). */
const CONSENT_QUESTIONS: Record<string, string> = { [CONFIRM_KEY]: 'wordingShare', [UPDATE_KEY]: 'wordingUpdate' };

/**
 * The page's only styles, fixed, so its Content-Security-Policy allows exactly them by hash: the page loads
 * nothing and runs nothing. Printed, it keeps each answer with its question and drops the screen's colours.
 */
export const HANDOFF_PAGE_STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; background: #ffffff; }
  h1, h2 { line-height: 1.2; } h2 { margin-top: 2rem; }
  dt { font-weight: 600; margin-top: 1rem; } dd { margin-left: 0; }
  dd p { margin: .25rem 0; white-space: pre-wrap; } .meta { color: #505a5f; font-size: .875rem; }
  .facts { display: grid; grid-template-columns: max-content 1fr; column-gap: 1.5rem; } .facts dt, .facts dd { margin-top: .25rem; }
  .read-first { border-inline-start: 4px solid #1d70b8; padding-inline-start: 1rem; }
  .tag { display: inline-block; margin: 0; padding: .125rem .5rem; background: #1d70b8; color: #ffffff; font-weight: 600; font-size: .875rem; }
  .confidential { border: 2px solid #0b0c0c; padding: .5rem 1rem; font-weight: 600; }
  blockquote { margin: .25rem 0; padding-inline-start: 1rem; border-inline-start: 4px solid #b1b4b6; }
  @media print {
    @page { margin: 1.5cm; }
    body { font-size: 11pt; max-width: none; margin: 0; padding: 0; }
    h2 { break-after: avoid; } dt { break-after: avoid; } dd, .facts, .confidential, blockquote { break-inside: avoid; }
    .meta { color: #0b0c0c; } .tag { background: none; color: #0b0c0c; border: 1px solid #0b0c0c; }
    .read-first { border-inline-start-color: #0b0c0c; }
  }
`;

/** The hash the page's Content-Security-Policy allows its style by (`style-src 'sha256-…'`). */
export const HANDOFF_PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(HANDOFF_PAGE_STYLE, 'utf8').digest('base64')}`;

/**
 * A handoff as a plain, printable HTML page for agency staff. Every value is escaped, the page loads
 * nothing and runs nothing (see the Content-Security-Policy set by the route), and its fixed labels come
 * from locales/<the agency's language>/agency.json. Everything is in words: parts by their titles, the
 * purpose, the channel and the consent question described, never an internal id. The person's answers
 * stay as they wrote them; an answer in another language than the page's says which, and a choice also
 * shows its label in the page's language. "What helps me" comes first, marked "Read first".
 */
export function renderHandoffPage(summary: HandoffSummary, context: HandoffPageContext): string {
  const { t, language, dir } = context;
  const label = (key: string, values?: Record<string, string>): string => escapeHtml(t(`agencyPage.${key}`, values));
  // Dates as the language writes them where it is spoken here (en-GB, not en-US).
  const date = datesIn(t('web.htmlLang'));
  const languageName = languageNamesIn(language);
  const otherLanguage = (code: string): boolean => code !== 'und' && primary(code) !== primary(language);
  const answers = (list: readonly HandoffAnswer[]): string =>
    list
      .map((answer) => {
        const translated = answer.choiceLabel && answer.choiceLabel !== answer.answer ? ` <span lang="${escapeHtml(language)}">(${escapeHtml(answer.choiceLabel)})</span>` : '';
        const notes = [
          ...(otherLanguage(answer.language) ? [label('answeredInLanguage', { language: languageName(answer.language) })] : []),
          ...(answer.saidWithSupport ? [label('saidWithSupport')] : []),
        ];
        return `
        <dt>${escapeHtml(answer.question)}</dt>
        <dd><p lang="${escapeHtml(answer.language)}" dir="auto">${escapeHtml(answer.answer)}${translated}</p>${notes.length > 0 ? `<p class="meta">${notes.join(' · ')}</p>` : ''}</dd>`;
      })
      .join('');
  const section = (id: string, title: string, body: string, readFirst = false): string => `
    <section aria-labelledby="${escapeHtml(id)}"${readFirst ? ' class="read-first"' : ''}>
      <h2 id="${escapeHtml(id)}">${escapeHtml(title)}</h2>${readFirst ? `\n      <p class="tag">${label('readFirst')}</p>` : ''}
      <dl>${body}
      </dl>
    </section>`;

  const readFirst = summary.parts.filter((part) => part.readFirst);
  const others = summary.parts.filter((part) => !part.readFirst);
  const communication = summary.languageAndCommunication
    ? section(
        'language-and-communication',
        t('agencyPage.languageAndCommunication'),
        `
        <dt>${label('preferredLanguage')}</dt><dd>${escapeHtml(languageName(summary.languageAndCommunication.preferredLanguage))}</dd>${answers(summary.languageAndCommunication.answers)}`,
      )
    : '';
  const person = summary.person
    ? section(
        'person',
        t('agencyPage.person'),
        `
        <dt>${label('chosenName')}</dt><dd>${summary.person.chosenName === null ? label('notShared') : escapeHtml(summary.person.chosenName)}</dd>${answers(summary.person.contactPreferences)}`,
      )
    : '';
  const part = (entry: HandoffSummary['parts'][number]): string => section(`part-${entry.topicId}`, entry.title, answers(entry.answers), entry.readFirst);

  const consent = summary.consent;
  const supporter = consent.supportedBy
    ? escapeHtml([consent.supportedBy.name, consent.supportedBy.organisation].filter(Boolean).join(', ') || '—')
    : label('nobody');
  const asSeen = context.consentQuestion;
  const question = asSeen
    ? `
        <p>${otherLanguage(asSeen.language) ? label('questionAsSeenIn', { language: languageName(asSeen.language) }) : label('questionAsSeen')}</p>
        <blockquote lang="${escapeHtml(asSeen.language)}" dir="auto"><p>${escapeHtml(asSeen.text)}</p></blockquote>`
    : '';

  return `<!doctype html>
<html lang="${escapeHtml(language)}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${label('title')} ${escapeHtml(summary.reference)}</title>
<style>${HANDOFF_PAGE_STYLE}</style>
</head>
<body>
  <main>
    <h1>${label('title')}</h1>
    <p class="confidential">${label('confidential')}</p>
    <p>${label('intro')}${readFirst.length > 0 ? ` ${label('readFirstIntro')}` : ''}</p>
    <dl class="facts">
      <dt>${label('reference')}</dt><dd>${escapeHtml(summary.reference)}</dd>
      <dt>${label('version')}</dt><dd>${summary.version}</dd>
      <dt>${label('sharedOn')}</dt><dd>${date(summary.createdAt)}</dd>
      <dt>${label('consentExpires')}</dt><dd>${date(consent.expiresAt)}</dd>
    </dl>${readFirst.map(part).join('')}${communication}${person}${others.map(part).join('')}
    <section aria-labelledby="consent">
      <h2 id="consent">${label('consent')}</h2>
      <dl>
        <dt>${label('consentParts')}</dt><dd>${escapeHtml(consent.parts.map(context.topicTitle).join(', '))}</dd>
        <dt>${label('consentPurpose')}</dt><dd>${escapeHtml(inWords(t, 'agencyPage.purposes', consent.purpose))}</dd>
        <dt>${label('consentGranted')}</dt><dd>${date(consent.grantedAt)}</dd>
        <dt>${label('consentChannel')}</dt><dd>${escapeHtml(inWords(t, 'agencyPage.channels', consent.channel))}</dd>
        <dt>${label('consentWording')}</dt><dd>
        <p>${label(CONSENT_QUESTIONS[consent.wording.key] ?? 'wordingOther')}</p>${question}</dd>
        <dt>${label('supportedBy')}</dt><dd>${supporter}</dd>
      </dl>
      <p>${label('confirmedByPerson')}</p>
    </section>
  </main>
</body>
</html>
`;
}

/**
 * The consent question exactly as the person saw it: rebuilt from its key, the parts and the agency's
 * name in the language it was shown in, and given only if it matches the fingerprint kept with the
 * consent (so a question whose wording has changed since is described, never misquoted).
 */
export function consentQuestionAsSeen(summary: HandoffSummary, translations: Translations, bank: QuestionBank): HandoffPageContext['consentQuestion'] {
  const { key, locale, version } = summary.consent.wording;
  if (!(key in CONSENT_QUESTIONS) || !translations.languages.includes(locale)) return undefined;
  const t = translations.forLocale(locale);
  const text = t(key, { parts: partTitles(t, bank, summary.consent.parts), name: summary.agency.name });
  return wordingVersion(text) === version ? { text, language: locale } : undefined;
}

/** A value's words from a group in agency.json ("referral-and-support" → its purpose in words), else the value. */
export function inWords(t: TFunction, group: string, value: string): string {
  const key = `${group}.${value}`;
  const words = t(key);
  return words === key ? value : words;
}

/** A date as a locale writes it ("2 December 2026"), UK time, with the exact instant kept in `datetime`. */
function datesIn(locale: string): (iso: string) => string {
  const shown = plainDatesIn(locale);
  return (iso) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(shown(iso))}</time>`;
}

/** A date as a locale writes it, UK time, as plain text; `withTime` adds the hour ("2 December 2026 at 14:05"). */
export function plainDatesIn(locale: string, withTime = false): (iso: string) => string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Europe/London' };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat([locale, 'en-GB'], options);
  } catch {
    format = new Intl.DateTimeFormat('en-GB', options);
  }
  return (iso) => {
    const when = new Date(iso);
    return Number.isNaN(when.getTime()) ? iso : format.format(when);
  };
}

export function primary(code: string): string {
  return code.split('-')[0].toLowerCase();
}

/** A language's name in the page's language ("pl" → "Polish" on an English page), or its code if unknown. */
export function languageNamesIn(language: string): (code: string) => string {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language, 'en'], { type: 'language' });
  } catch {
    names = undefined;
  }
  return (code) => {
    try {
      return names?.of(code) ?? code;
    } catch {
      return code;
    }
  };
}
