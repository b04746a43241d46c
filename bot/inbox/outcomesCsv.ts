import { stringify } from 'csv-stringify/sync';
import type { OutcomesReport, Target, Timing } from '../../domain/outcomes/outcomeFigures.js';

/** How a hidden figure is written in the CSV and on the page (the ONS's convention for "confidential"). */
export const HIDDEN = '[c]';

/** A count as published: `[c]` where hidden. */
export function countText(value: number | null): string {
  return value === null ? HIDDEN : String(value);
}

/** A figure resting on `basis` handoffs: empty when there is none to rest on, `[c]` where hidden. */
export function figureText(value: number | null, basis: number | null): string {
  if (value !== null) return String(value);
  return basis === 0 ? '' : HIDDEN;
}

export const CSV_HEADER = ['section', 'agency_id', 'agency_name', 'week', 'measure', 'value'] as const;

function timingRows(prefix: string, timing: Timing, at: string[]): string[][] {
  return [
    [...at, `${prefix}_handoffs`, countText(timing.handoffs)],
    [...at, `${prefix}_median_hours`, figureText(timing.medianHours, timing.handoffs)],
    [...at, `${prefix}_p90_hours`, figureText(timing.p90Hours, timing.handoffs)],
  ];
}

function targetRows(target: Target, at: string[]): string[][] {
  return [
    [...at, 'within_target_handoffs', countText(target.handoffs)],
    [...at, 'within_target_percent', figureText(target.percent, target.handoffs)],
  ];
}

/**
 * The report as one long table: one figure a row (section, agency, week, measure, value), the same figures
 * and the same hidden cells as the JSON and the page. Hours and percentages have one decimal.
 */
export function outcomesCsv(report: OutcomesReport): string {
  const rows: string[][] = [];
  const summaryAt = ['summary', '', '', ''];
  const { summary } = report;
  const counts: Array<[string, number | null]> = [
    ['people_told', summary.peopleTold],
    ['handoffs', summary.handoffs],
    ['updates', summary.updates],
    ['parts_shared', summary.partsShared],
    ['retellings_avoided', summary.retellingsAvoided],
    ['acknowledged', summary.acknowledged],
    ['withdrawals', summary.withdrawals],
    ['handoffs_closed_by_erasure', summary.handoffsClosedByErasure],
    ['stories_erased_by_person', summary.storiesErasedByPerson],
    ['stories_erased_by_retention', summary.storiesErasedByRetention],
  ];
  for (const [measure, value] of counts) rows.push([...summaryAt, measure, countText(value)]);
  rows.push(...timingRows('time_to_handoff', summary.timeToHandoff, summaryAt));
  rows.push(...timingRows('time_to_acknowledgement', summary.timeToAcknowledgement, summaryAt));
  rows.push(...targetRows(summary.withinTarget, summaryAt));
  for (const agency of report.agencies) {
    const at = ['agency', agency.agencyId, agency.name, ''];
    rows.push([...at, 'target_working_days', String(agency.targetWorkingDays)]);
    rows.push([...at, 'handoffs', countText(agency.handoffs)]);
    rows.push([...at, 'retellings_avoided', countText(agency.retellingsAvoided)]);
    rows.push([...at, 'acknowledged', countText(agency.acknowledged)]);
    rows.push([...at, 'withdrawals', countText(agency.withdrawals)]);
    rows.push(...timingRows('time_to_handoff', agency.timeToHandoff, at));
    rows.push(...timingRows('time_to_acknowledgement', agency.timeToAcknowledgement, at));
    rows.push(...targetRows(agency.withinTarget, at));
  }
  for (const week of report.weeks) {
    const at = ['week', '', '', week.week];
    rows.push([...at, 'handoffs', countText(week.handoffs)]);
    rows.push(...timingRows('time_to_handoff', week.timeToHandoff, at));
    rows.push(...timingRows('time_to_acknowledgement', week.timeToAcknowledgement, at));
    rows.push(...targetRows(week.withinTarget, at));
  }
  return stringify([[...CSV_HEADER], ...rows], { record_delimiter: '\r\n' });
}
