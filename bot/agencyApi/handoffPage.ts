import type { TFunction } from 'i18next';
import type { HandoffAnswer, HandoffSummary } from '../../domain/sharing/handoffSummary.js';
import { escapeHtml } from '../http/escapeHtml.js';

/**
 * A handoff as a plain, printable HTML page for agency staff. Every value is escaped, the page loads
 * nothing and runs nothing (see the Content-Security-Policy set by the route), and its fixed labels come
 * from locales/en/agency.json.
 */
export function renderHandoffPage(summary: HandoffSummary, t: TFunction): string {
  const label = (key: string): string => escapeHtml(t(`agencyPage.${key}`));
  const date = (iso: string): string => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso.slice(0, 10))}</time>`;
  const answers = (list: readonly HandoffAnswer[]): string =>
    list
      .map(
        (answer) => `
      <dt>${escapeHtml(answer.question)}</dt>
      <dd><p lang="${escapeHtml(answer.language)}">${escapeHtml(answer.answer)}</p>
        <p class="meta">${label('answeredIn')}: ${escapeHtml(answer.language)}${answer.saidWithSupport ? ` · ${label('saidWithSupport')}` : ''}</p></dd>`,
      )
      .join('');

  const person = summary.person
    ? `<section><h2>${label('person')}</h2><dl>
      <dt>${label('chosenName')}</dt><dd>${summary.person.chosenName === null ? label('notShared') : escapeHtml(summary.person.chosenName)}</dd>${answers(summary.person.contactPreferences)}
    </dl></section>`
    : '';
  const parts = summary.parts
    .map(
      (part) => `<section${part.readFirst ? ' class="read-first"' : ''}><h2>${escapeHtml(part.title)}${part.readFirst ? ` <small>(${label('readFirst')})</small>` : ''}</h2>
    <dl>${answers(part.answers)}
    </dl></section>`,
    )
    .join('\n');
  const consent = summary.consent;
  const supporter = consent.supportedBy
    ? escapeHtml([consent.supportedBy.name, consent.supportedBy.organisation].filter(Boolean).join(', ') || '—')
    : label('nobody');

  return `<!doctype html>
<html lang="en">
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
