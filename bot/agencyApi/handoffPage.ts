import type { TFunction } from 'i18next';
import type { HandoffAnswer, HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { escapeHtml } from '../http/escapeHtml.js';

/**
 * A handoff as a plain, printable HTML page for agency staff. Every value is escaped, the page loads
 * nothing and runs nothing (see the Content-Security-Policy set by the route), and its fixed labels come
 * from locales/<the agency's language>/agency.json. The person's answers stay as they wrote them, each
 * marked with its language; a choice also shows its label in the agency's language.
 */
export function renderHandoffPage(summary: HandoffSummary, t: TFunction, language = 'en'): string {
  const label = (key: string, values?: Record<string, string>): string => escapeHtml(t(`agencyPage.${key}`, values));
  const date = (iso: string): string => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 10))}</time>`;
  const languageName = languageNamesIn(language);
  const answers = (list: readonly HandoffAnswer[]): string =>
    list
      .map((answer) => {
        const translated = answer.choiceLabel && answer.choiceLabel !== answer.answer ? ` <span lang="${escapeHtml(language)}">(${escapeHtml(answer.choiceLabel)})</span>` : '';
        return `
      <dt>${escapeHtml(answer.question)}</dt>
      <dd><p lang="${escapeHtml(answer.language)}" dir="auto">${escapeHtml(answer.answer)}${translated}</p>
        <p class="meta">${label('answeredInLanguage', { language: languageName(answer.language) })}${answer.saidWithSupport ? ` · ${label('saidWithSupport')}` : ''}</p></dd>`;
      })
      .join('');
  const communication = summary.languageAndCommunication
    ? `<section class="read-first"><h2>${label('languageAndCommunication')}</h2><dl>
      <dt>${label('preferredLanguage')}</dt><dd>${escapeHtml(languageName(summary.languageAndCommunication.preferredLanguage))}</dd>${answers(summary.languageAndCommunication.answers)}
    </dl></section>`
    : '';

  const person = summary.person
    ? `<section><h2>${label('person')}</h2><dl>
      <dt>${label('chosenName')}</dt><dd>${summary.person.chosenName === null ? label('notShared') : escapeHtml(summary.person.chosenName)}</dd>${answers(summary.person.contactPreferences)}
    </dl></section>`
    : '';
  const section = (part: HandoffSummary['parts'][number]): string => `<section${part.readFirst ? ' class="read-first"' : ''}><h2>${escapeHtml(part.title)}${part.readFirst ? ` <small>(${label('readFirst')})</small>` : ''}</h2>
    <dl>${answers(part.answers)}
    </dl></section>`;
  // "What helps me" first, then language and communication, then the person, then the other parts.
  const readFirst = summary.parts.filter((part) => part.readFirst).map(section).join('\n');
  const parts = summary.parts
    .filter((part) => !part.readFirst)
    .map(section)
    .join('\n');
  const consent = summary.consent;
  const supporter = consent.supportedBy
    ? escapeHtml([consent.supportedBy.name, consent.supportedBy.organisation].filter(Boolean).join(', ') || '—')
    : label('nobody');

  return `<!doctype html>
<html lang="${escapeHtml(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${label('title')} ${escapeHtml(summary.reference)}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #0b0c0c; }
  h1, h2 { line-height: 1.2; } dt { font-weight: 600; margin-top: 1rem; } dd { margin-left: 0; }
  dd p { margin: .25rem 0; white-space: pre-wrap; } .meta { color: #505a5f; font-size: .875rem; }
  .read-first { border-left: 4px solid #1d70b8; padding-left: 1rem; } .confidential { border: 2px solid #0b0c0c; padding: .5rem 1rem; }
  @media print { body { margin: 0; max-width: none; } section { break-inside: avoid; } }
</style>
</head>
<body>
<h1>${label('title')}</h1>
<p class="confidential">${label('confidential')}</p>
<p>${label('intro')}</p>
<dl>
  <dt>${label('reference')}</dt><dd>${escapeHtml(summary.reference)}</dd>
  <dt>${label('version')}</dt><dd>${summary.version}</dd>
  <dt>${label('sharedOn')}</dt><dd>${date(summary.createdAt)}</dd>
  <dt>${label('consentExpires')}</dt><dd>${date(consent.expiresAt)}</dd>
</dl>
${readFirst}
${communication}
${person}
${parts}
<section><h2>${label('consent')}</h2><dl>
  <dt>${label('consentParts')}</dt><dd>${escapeHtml(consent.parts.join(', '))}</dd>
  <dt>${label('consentPurpose')}</dt><dd>${escapeHtml(consent.purpose)}</dd>
  <dt>${label('consentGranted')}</dt><dd>${date(consent.grantedAt)}</dd>
  <dt>${label('consentChannel')}</dt><dd>${escapeHtml(consent.channel)}</dd>
  <dt>${label('consentWording')}</dt><dd>${escapeHtml(`${consent.wording.key} (${consent.wording.locale}, ${consent.wording.version})`)}</dd>
  <dt>${label('supportedBy')}</dt><dd>${supporter}</dd>
</dl><p>${label('confirmedByPerson')}</p></section>
</body>
</html>
`;
}

/** A language's name in the page's language ("pl" → "Polish" on an English page), or its code if unknown. */
function languageNamesIn(language: string): (code: string) => string {
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
