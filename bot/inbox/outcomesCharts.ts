import type { TFunction } from 'i18next';
import type { OutcomesReport } from '../../domain/outcomes/outcomeFigures.js';
import { HIDDEN, countText } from './outcomesCsv.js';

/**
 * The outcomes page's charts as shapes: the view (views/outcomes/) draws them as SVG, with every word from
 * locales/en/outcomes.json. Each chart says its figures in words beside its shapes (colour is never the only
 * cue), and comes with the same figures as a table.
 */

export const CHART_WIDTH = 760;
const SIDE = 10;
const PLOT_WIDTH = CHART_WIDTH - 2 * SIDE;
/** Charts show the latest weeks; the table below each has them all. */
export const WEEKS_CHARTED = 26;

export interface Tick {
  x: number;
  y: number;
  label: string;
}

/** One agency's row in a horizontal chart: its words first, then its bar below them. */
export interface BarRow {
  text: string;
  textY: number;
  barY: number;
  barWidth: number;
  /** The 90th percentile's mark, where there is one. */
  markerX?: number;
}

export interface BarChart {
  id: string;
  title: string;
  desc: string;
  height: number;
  plotX: number;
  plotWidth: number;
  barHeight: number;
  axisY: number;
  rows: BarRow[];
  ticks: Tick[];
  axisLabel: string;
  /** Draw a full-width outline behind each bar (a share of 100%). */
  track: boolean;
  legend: boolean;
}

export interface Column {
  x: number;
  y: number;
  width: number;
  height: number;
  /** The count above the column (or `[c]` at its foot). */
  valueText: string;
  valueY: number;
  label?: string;
}

export interface ColumnChart {
  id: string;
  title: string;
  desc: string;
  height: number;
  plotX: number;
  plotBottom: number;
  plotRight: number;
  columns: Column[];
  ticks: Tick[];
  axisLabel: string;
}

export interface DataTable {
  caption: string;
  head: Array<{ text: string; format?: string }>;
  rows: Array<Array<{ text: string; format?: string }>>;
}

/** A tick step of 1, 2 or 5 times a power of ten, giving at most about six ticks up to `max`. */
export function niceStep(max: number): number {
  if (max <= 0) return 1;
  const rough = max / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * power).find((step) => step >= rough) ?? 10 * power;
}

/** Hours as a person reads them: minutes under an hour, hours under two days, days after. */
export function durationText(hours: number, t: TFunction): string {
  if (hours < 1) return String(t('outcomes.units.minutes', { count: Math.round(hours * 60) }));
  if (hours < 48) return String(t('outcomes.units.hours', { count: Math.round(hours * 10) / 10 }));
  return String(t('outcomes.units.days', { count: Math.round((hours / 24) * 10) / 10 }));
}

/** A week (its Monday) as "2 Nov 2026". */
export function weekText(week: string): string {
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${week}T00:00:00Z`));
}

const ROW_HEIGHT = 64;
const BAR_HEIGHT = 20;
const TOP = 12;

function barChart(input: { id: string; title: string; desc: string; rows: Array<{ text: string; value?: number; marker?: number }>; max: number; tickLabel: (value: number) => string; axisLabel: string; track: boolean; legend: boolean; step?: number }): BarChart {
  const step = input.step ?? niceStep(input.max);
  const top = Math.max(step, Math.ceil(input.max / step) * step);
  const scale = (value: number) => (value / top) * PLOT_WIDTH;
  const legendHeight = input.legend ? 36 : 0;
  const rows = input.rows.map((row, index) => {
    const y = TOP + legendHeight + index * ROW_HEIGHT;
    return {
      text: row.text,
      textY: y + 18,
      barY: y + 28,
      barWidth: row.value === undefined ? 0 : Math.max(row.value > 0 ? 2 : 0, scale(row.value)),
      ...(row.marker === undefined ? {} : { markerX: SIDE + scale(row.marker) }),
    };
  });
  const axisY = TOP + legendHeight + input.rows.length * ROW_HEIGHT + 4;
  const ticks: Tick[] = [];
  for (let value = 0; value <= top + 1e-9; value += step) ticks.push({ x: SIDE + scale(value), y: axisY + 20, label: input.tickLabel(value) });
  return {
    id: input.id,
    title: input.title,
    desc: input.desc,
    height: axisY + 56,
    plotX: SIDE,
    plotWidth: PLOT_WIDTH,
    barHeight: BAR_HEIGHT,
    axisY,
    rows,
    ticks,
    axisLabel: input.axisLabel,
    track: input.track,
    legend: input.legend,
  };
}

/** Time from a handoff to the agency's first answer, per agency: the median as a bar, the 90th percentile as a dashed mark. */
export function acknowledgementChart(report: OutcomesReport, t: TFunction): { chart: BarChart; table: DataTable } {
  const agencies = withHandoffs(report);
  const values = agencies.flatMap((agency) => [agency.timeToAcknowledgement.medianHours ?? 0, agency.timeToAcknowledgement.p90Hours ?? 0]);
  const maxHours = Math.max(1, ...values);
  const inDays = maxHours > 72;
  const unit = inDays ? 24 : 1;
  const rows = agencies.map((agency) => {
    const timing = agency.timeToAcknowledgement;
    if (timing.medianHours === null || timing.p90Hours === null) {
      const why = timing.handoffs === 0 ? t('outcomes.charts.noAnswers') : t('outcomes.charts.tooFew', { hidden: HIDDEN });
      return { text: `${agency.name}: ${why}` };
    }
    const text = t('outcomes.charts.acknowledgementRow', { agency: agency.name, median: durationText(timing.medianHours, t), p90: durationText(timing.p90Hours, t) });
    return { text, value: timing.medianHours / unit, marker: timing.p90Hours / unit };
  });
  const chart = barChart({
    id: 'chart-acknowledgement',
    title: String(t('outcomes.charts.acknowledgementTitle')),
    desc: String(t('outcomes.charts.acknowledgementDesc', { count: agencies.length })),
    rows,
    max: maxHours / unit,
    tickLabel: (value) => String(value),
    axisLabel: String(t(inDays ? 'outcomes.charts.axisDays' : 'outcomes.charts.axisHours')),
    track: false,
    legend: true,
  });
  const table: DataTable = {
    caption: String(t('outcomes.charts.acknowledgementTitle')),
    head: [{ text: t('outcomes.table.agency') }, { text: t('outcomes.table.acknowledged'), format: 'numeric' }, { text: t('outcomes.table.median'), format: 'numeric' }, { text: t('outcomes.table.p90'), format: 'numeric' }],
    rows: agencies.map((agency) => [
      { text: agency.name },
      { text: countText(agency.timeToAcknowledgement.handoffs), format: 'numeric' },
      { text: timingText(agency.timeToAcknowledgement.medianHours, agency.timeToAcknowledgement.handoffs, t), format: 'numeric' },
      { text: timingText(agency.timeToAcknowledgement.p90Hours, agency.timeToAcknowledgement.handoffs, t), format: 'numeric' },
    ]),
  };
  return { chart, table };
}

/** Share of handoffs answered within the agency's target, per agency, as a bar inside a 100% outline. */
export function withinTargetChart(report: OutcomesReport, t: TFunction): { chart: BarChart; table: DataTable } {
  const agencies = withHandoffs(report);
  const rows = agencies.map((agency) => {
    const target = agency.withinTarget;
    if (target.percent === null) {
      const why = target.handoffs === 0 ? t('outcomes.charts.noneJudged') : t('outcomes.charts.tooFew', { hidden: HIDDEN });
      return { text: `${agency.name}: ${why}` };
    }
    return { text: t('outcomes.charts.withinTargetRow', { agency: agency.name, percent: target.percent, count: agency.targetWorkingDays }), value: target.percent };
  });
  const chart = barChart({
    id: 'chart-within-target',
    title: String(t('outcomes.charts.withinTargetTitle')),
    desc: String(t('outcomes.charts.withinTargetDesc', { count: agencies.length })),
    rows,
    max: 100,
    step: 25,
    tickLabel: (value) => `${value}%`,
    axisLabel: String(t('outcomes.charts.axisPercent')),
    track: true,
    legend: false,
  });
  const table: DataTable = {
    caption: String(t('outcomes.charts.withinTargetTitle')),
    head: [{ text: t('outcomes.table.agency') }, { text: t('outcomes.table.targetDays'), format: 'numeric' }, { text: t('outcomes.table.judged'), format: 'numeric' }, { text: t('outcomes.table.percent'), format: 'numeric' }],
    rows: agencies.map((agency) => [
      { text: agency.name },
      { text: String(agency.targetWorkingDays), format: 'numeric' },
      { text: countText(agency.withinTarget.handoffs), format: 'numeric' },
      { text: agency.withinTarget.percent === null ? (agency.withinTarget.handoffs === 0 ? '–' : HIDDEN) : `${agency.withinTarget.percent}%`, format: 'numeric' },
    ]),
  };
  return { chart, table };
}

/** Handoffs per week (the latest weeks), as columns with their counts written above them. */
export function handoffsPerWeekChart(report: OutcomesReport, t: TFunction): { chart: ColumnChart; table: DataTable } {
  const weeks = report.weeks.slice(-WEEKS_CHARTED);
  const plotX = 48;
  const plotRight = CHART_WIDTH - SIDE;
  const plotTop = 24;
  const plotBottom = 250;
  const max = Math.max(1, ...weeks.map((week) => week.handoffs ?? 0));
  const step = Math.max(1, Math.round(niceStep(max)));
  const top = Math.max(step, Math.ceil(max / step) * step);
  const slot = (plotRight - plotX) / Math.max(1, weeks.length);
  const labelEvery = Math.max(1, Math.ceil(weeks.length / 8));
  const columns: Column[] = weeks.map((week, index) => {
    const height = week.handoffs === null ? 0 : ((week.handoffs / top) * (plotBottom - plotTop));
    const x = plotX + index * slot + slot * 0.15;
    return {
      x,
      y: plotBottom - height,
      width: slot * 0.7,
      height,
      valueText: countText(week.handoffs),
      valueY: plotBottom - height - 6,
      ...((weeks.length - 1 - index) % labelEvery === 0 ? { label: weekText(week.week).replace(/ \d{4}$/, '') } : {}),
    };
  });
  const ticks: Tick[] = [];
  for (let value = 0; value <= top; value += step) ticks.push({ x: plotX - 8, y: plotBottom - (value / top) * (plotBottom - plotTop), label: String(value) });
  const chart: ColumnChart = {
    id: 'chart-handoffs-per-week',
    title: String(t('outcomes.charts.perWeekTitle')),
    desc: String(t('outcomes.charts.perWeekDesc', { count: weeks.length, first: weeks[0] ? weekText(weeks[0].week) : '', last: weeks.at(-1) ? weekText(weeks.at(-1)!.week) : '' })),
    height: plotBottom + 64,
    plotX,
    plotBottom,
    plotRight,
    columns,
    ticks,
    axisLabel: String(t('outcomes.charts.axisWeek')),
  };
  const table: DataTable = {
    caption: String(t('outcomes.charts.perWeekTableCaption')),
    head: [
      { text: t('outcomes.table.week') },
      { text: t('outcomes.table.handoffs'), format: 'numeric' },
      { text: t('outcomes.table.toHandoffMedian'), format: 'numeric' },
      { text: t('outcomes.table.toHandoffP90'), format: 'numeric' },
      { text: t('outcomes.table.toAnswerMedian'), format: 'numeric' },
      { text: t('outcomes.table.toAnswerP90'), format: 'numeric' },
      { text: t('outcomes.table.percent'), format: 'numeric' },
    ],
    rows: report.weeks.map((week) => [
      { text: weekText(week.week) },
      { text: countText(week.handoffs), format: 'numeric' },
      { text: timingText(week.timeToHandoff.medianHours, week.timeToHandoff.handoffs, t), format: 'numeric' },
      { text: timingText(week.timeToHandoff.p90Hours, week.timeToHandoff.handoffs, t), format: 'numeric' },
      { text: timingText(week.timeToAcknowledgement.medianHours, week.timeToAcknowledgement.handoffs, t), format: 'numeric' },
      { text: timingText(week.timeToAcknowledgement.p90Hours, week.timeToAcknowledgement.handoffs, t), format: 'numeric' },
      { text: week.withinTarget.percent === null ? (week.withinTarget.handoffs === 0 ? '–' : HIDDEN) : `${week.withinTarget.percent}%`, format: 'numeric' },
    ]),
  };
  return { chart, table };
}

/** The agencies charted: those sent any handoff (a hidden count is some); the table by service lists them all. */
function withHandoffs(report: OutcomesReport): OutcomesReport['agencies'] {
  return report.agencies.filter((agency) => agency.handoffs !== 0);
}

/** A duration for a table cell: `–` with nothing to measure, `[c]` where hidden. */
export function timingText(hours: number | null, basis: number | null, t: TFunction): string {
  if (hours !== null) return durationText(hours, t);
  return basis === 0 ? '–' : HIDDEN;
}
