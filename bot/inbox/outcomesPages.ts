import type { Request, Response, Server } from 'restify';
import { computeOutcomes, type OutcomesReport } from '../../domain/outcomes/outcomeFigures.js';
import type { InboxDeps } from './inboxDeps.js';
import { acknowledgementChart, handoffsPerWeekChart, timingText, weekText, withinTargetChart, CHART_WIDTH, WEEKS_CHARTED } from './outcomesCharts.js';
import { HIDDEN, countText, outcomesCsv } from './outcomesCsv.js';
import { staffPageHeaders } from './pages.js';

export const OUTCOMES_PAGE = '/outcomes';
export const OUTCOMES_API = '/api/partnership/outcomes';

/** The partnership reads in English (locales/en/outcomes.json is English only). */
const LOCALE = 'en';

/**
 * The partnership's outcomes (aggregate only), for staff with `outcomes.read`: the page at /outcomes (GOV.UK
 * Frontend, charts drawn as SVG on the server, each with its table) and GET /api/partnership/outcomes (JSON,
 * or CSV with `?format=csv` or `Accept: text/csv`). Both compute the same report from the outcome facts, so
 * the same cells are hidden everywhere.
 */
export function registerOutcomesPages(server: Server, deps: InboxDeps): void {
  const report = async (): Promise<OutcomesReport> => {
    const agencies = deps.directory.agencies.map((agency) => ({ id: agency.id, name: agency.name, workingDays: agency.expectedResponse.workingDays }));
    return computeOutcomes(await deps.outcomes.all(), agencies, deps.clock());
  };

  server.get(OUTCOMES_PAGE, async (req: Request, res: Response) => {
    const staff = await deps.guard.page(req, res, 'outcomes.read');
    if (!staff) return;
    const figures = await report();
    deps.pages.send(res, 200, 'outcomes/outcomes.njk', pageContext(figures, deps), { locale: LOCALE, staff, current: 'outcomes' });
  });

  server.get(OUTCOMES_API, async (req: Request, res: Response) => {
    const staff = await deps.guard.page(req, res, 'outcomes.read');
    if (!staff) return;
    const format = wantedFormat(req);
    const t = deps.translations.forLocale(LOCALE);
    const headers = { ...staffPageHeaders(''), 'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'" };
    if (format === undefined) {
      const body = JSON.stringify({ code: 'invalid_format', message: t('outcomes.api.invalidFormat') });
      res.writeHead(400, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    const figures = await report();
    const body = format === 'csv' ? outcomesCsv(figures) : JSON.stringify(figures);
    const type = format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8';
    const download = format === 'csv' ? { 'Content-Disposition': `attachment; filename="one-story-outcomes-${figures.generatedAt.slice(0, 10)}.csv"` } : {};
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...download });
    res.end(body);
  });
}

/** `?format=` wins (json or csv; anything else is refused); else CSV when the client asks for text/csv first. */
function wantedFormat(req: Request): 'json' | 'csv' | undefined {
  const asked = new URL(req.url ?? '/', 'http://localhost').searchParams.get('format');
  if (asked !== null) return asked === 'csv' || asked === 'json' ? asked : undefined;
  const accept = String(req.headers.accept ?? '').toLowerCase();
  const csvAt = accept.indexOf('text/csv');
  const jsonAt = accept.indexOf('application/json');
  return csvAt >= 0 && (jsonAt < 0 || csvAt < jsonAt) ? 'csv' : 'json';
}

/** What the page shows (exported for the view's own test). */
export function pageContext(report: OutcomesReport, deps: Pick<InboxDeps, 'translations'>): Record<string, object | string | number | boolean | null> {
  const t = deps.translations.forLocale(LOCALE);
  const { summary } = report;
  const timing = (hours: number | null, basis: number | null) => timingText(hours, basis, t);
  const percent = summary.withinTarget.percent === null ? (summary.withinTarget.handoffs === 0 ? '–' : HIDDEN) : `${summary.withinTarget.percent}%`;
  const row = (key: string, value: string) => ({ key: { text: t(key) }, value: { text: value } });
  return {
    title: t('outcomes.title'),
    hidden: HIDDEN,
    chartWidth: CHART_WIDTH,
    weeksCharted: WEEKS_CHARTED,
    period: report.firstWeek && report.lastWeek ? t('outcomes.period', { first: weekText(report.firstWeek), last: weekText(report.lastWeek) }) : t('outcomes.nothingYet'),
    summaryRows: [
      row('outcomes.summary.peopleTold', countText(summary.peopleTold)),
      row('outcomes.summary.handoffs', countText(summary.handoffs)),
      row('outcomes.summary.partsShared', countText(summary.partsShared)),
      row('outcomes.summary.retellingsAvoided', countText(summary.retellingsAvoided)),
      row('outcomes.summary.updates', countText(summary.updates)),
      row('outcomes.summary.toHandoff', t('outcomes.summary.medianAndP90', { median: timing(summary.timeToHandoff.medianHours, summary.timeToHandoff.handoffs), p90: timing(summary.timeToHandoff.p90Hours, summary.timeToHandoff.handoffs) })),
      row('outcomes.summary.toAnswer', t('outcomes.summary.medianAndP90', { median: timing(summary.timeToAcknowledgement.medianHours, summary.timeToAcknowledgement.handoffs), p90: timing(summary.timeToAcknowledgement.p90Hours, summary.timeToAcknowledgement.handoffs) })),
      row('outcomes.summary.withinTarget', percent),
      row('outcomes.summary.withdrawals', countText(summary.withdrawals)),
      row('outcomes.summary.closedByErasure', countText(summary.handoffsClosedByErasure)),
      row('outcomes.summary.erasedByPerson', countText(summary.storiesErasedByPerson)),
      row('outcomes.summary.erasedByRetention', countText(summary.storiesErasedByRetention)),
    ],
    acknowledgement: acknowledgementChart(report, t),
    perWeek: handoffsPerWeekChart(report, t),
    withinTarget: withinTargetChart(report, t),
    agencyTable: {
      caption: t('outcomes.table.agenciesCaption'),
      head: [
        { text: t('outcomes.table.agency') },
        { text: t('outcomes.table.handoffs'), format: 'numeric' },
        { text: t('outcomes.table.retellingsAvoided'), format: 'numeric' },
        { text: t('outcomes.table.withdrawals'), format: 'numeric' },
        { text: t('outcomes.table.toHandoffMedian'), format: 'numeric' },
        { text: t('outcomes.table.toHandoffP90'), format: 'numeric' },
      ],
      rows: report.agencies.map((agency) => [
        { text: agency.name },
        { text: countText(agency.handoffs), format: 'numeric' },
        { text: countText(agency.retellingsAvoided), format: 'numeric' },
        { text: countText(agency.withdrawals), format: 'numeric' },
        { text: timing(agency.timeToHandoff.medianHours, agency.timeToHandoff.handoffs), format: 'numeric' },
        { text: timing(agency.timeToHandoff.p90Hours, agency.timeToHandoff.handoffs), format: 'numeric' },
      ]),
    },
  };
}
