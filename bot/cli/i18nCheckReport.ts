import type { TFunction } from 'i18next';
import { readLocaleFolders } from '../../data/localeFiles.js';
import { PLACEHOLDER_STAND_IN_LETTERS, checkLocales, type Finding, type LocaleReport, type Severity } from '../../domain/localeCheck.js';
import { SMS_MAX_SEGMENTS } from '../../domain/textMessageSplitting.js';
import { metaProblem } from '../i18n.js';

export interface I18nCheckResult {
  reports: LocaleReport[];
  /** What `npm run i18n:check` prints: a line a finding and a text's SMS size, a summary a language, a total. */
  lines: string[];
  errors: number;
  warnings: number;
}

/**
 * `npm run i18n:check`: every folder of `localesDir` compared with English (domain/localeCheck.ts), put
 * into the operator's words (locales/en/operator.json).
 */
export function runI18nCheck(localesDir: string, t: TFunction): I18nCheckResult {
  const reports = checkLocales(readLocaleFolders(localesDir));
  const lines = [t('operator.i18nCheck.smsNote', { letters: PLACEHOLDER_STAND_IN_LETTERS, max: SMS_MAX_SEGMENTS })];
  for (const report of reports) lines.push(...reportLines(report, t));
  const errors = counted(reports, 'error');
  const warnings = counted(reports, 'warning');
  lines.push(t('operator.i18nCheck.total', { locales: reports.length, errors, warnings }));
  return { reports, lines, errors, warnings };
}

/** Errors first, then warnings, then each text's SMS size, then the language's summary. */
function reportLines(report: LocaleReport, t: TFunction): string[] {
  const { locale, meta, sms } = report;
  const ordered = [...report.findings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  return [
    ...ordered.map((finding) => findingLine(locale, finding, t)),
    ...sms.map(({ key, segments, encoding, messages }) =>
      t(messages > 1 ? 'operator.i18nCheck.smsSplit' : 'operator.i18nCheck.sms', { locale, key, count: segments, encoding, messages }),
    ),
    t('operator.i18nCheck.summary', {
      locale,
      name: meta?.name ?? locale,
      status: t(`operator.i18nCheck.status.${meta?.review.status ?? 'unknown'}`),
      coverage: t(`operator.i18nCheck.coverage.${report.coverage}`),
      errors: report.findings.filter((finding) => finding.severity === 'error').length,
      warnings: report.findings.filter((finding) => finding.severity === 'warning').length,
      texts: sms.length,
      multi: sms.filter((size) => size.segments > 1).length,
      unicode: sms.filter((size) => size.encoding === 'UCS-2').length,
    }),
  ];
}

export function findingLine(locale: string, finding: Finding, t: TFunction): string {
  const values = Object.fromEntries(Object.entries(finding.values).map(([name, value]) => [name, Array.isArray(value) ? listed(value, t) : value]));
  const problem = finding.issue ? { problem: metaProblem(finding.issue, t) } : {};
  return t('operator.i18nCheck.line', {
    locale,
    severity: t(`operator.i18nCheck.severity.${finding.severity}`),
    finding: t(`operator.i18nCheck.finding.${finding.kind}`, { ...values, ...problem }),
  });
}

function listed(items: readonly string[], t: TFunction): string {
  return items.length > 0 ? items.join(', ') : t('operator.i18nCheck.none');
}

function counted(reports: readonly LocaleReport[], severity: Severity): number {
  return reports.reduce((sum, report) => sum + report.findings.filter((finding) => finding.severity === severity).length, 0);
}
