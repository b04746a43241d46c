import type { CrisisLevel } from './types.js';
import type { LabelledMessage } from './crisisTraining.js';

/**
 * Figures of the crisis check, as the goal states them:
 * - of `crisis` messages: signposted (level `crisis`), help offered (level `crisis` or `concern`);
 * - of `concern` messages: help offered;
 * - of `none` messages: signposting false alarms, help-offered false alarms (any level but `none`).
 */
export interface Figures {
  crisis: number;
  signposted: number;
  helpOffered: number;
  concern: number;
  concernHelped: number;
  none: number;
  falseSignposts: number;
  falseHelp: number;
}

export interface Judged {
  message: LabelledMessage;
  level: CrisisLevel;
}

export function figuresOf(judged: readonly Judged[]): Figures {
  const figures: Figures = { crisis: 0, signposted: 0, helpOffered: 0, concern: 0, concernHelped: 0, none: 0, falseSignposts: 0, falseHelp: 0 };
  for (const { message, level } of judged) {
    if (message.label === 'crisis') {
      figures.crisis += 1;
      if (level === 'crisis') figures.signposted += 1;
      if (level !== 'none') figures.helpOffered += 1;
    } else if (message.label === 'concern') {
      figures.concern += 1;
      if (level !== 'none') figures.concernHelped += 1;
    } else {
      figures.none += 1;
      if (level === 'crisis') figures.falseSignposts += 1;
      if (level !== 'none') figures.falseHelp += 1;
    }
  }
  return figures;
}

export function rate(part: number, whole: number): number {
  return whole === 0 ? NaN : part / whole;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(1)}% (${part}/${whole})`;
}

/** Groups judged messages by a key (language, kind) and gives each group's figures, plus `all`. */
export function figuresBy(judged: readonly Judged[], key: (message: LabelledMessage) => string): Map<string, Figures> {
  const groups = new Map<string, Judged[]>();
  for (const item of judged) groups.set(key(item.message), [...(groups.get(key(item.message)) ?? []), item]);
  const result = new Map<string, Figures>([...groups].sort(([a], [b]) => a.localeCompare(b)).map(([name, items]) => [name, figuresOf(items)]));
  result.set('all', figuresOf(judged));
  return result;
}

/** The columns' headings, in the operator's words (the CLIs give them from their copy). */
export interface FigureColumns {
  helpOffered: string;
  signposted: string;
  concernHelped: string;
  falseSignposts: string;
  falseHelp: string;
}

/** A plain-text table, one row a group: what `npm run crisis:eval` prints. */
export function figuresTable(title: string, rows: Map<string, Figures>, columns: FigureColumns): string {
  const header = ['', columns.helpOffered, columns.signposted, columns.concernHelped, columns.falseSignposts, columns.falseHelp];
  const body = [...rows].map(([name, f]) => [
    name,
    percent(f.helpOffered, f.crisis),
    percent(f.signposted, f.crisis),
    percent(f.concernHelped, f.concern),
    percent(f.falseSignposts, f.none),
    percent(f.falseHelp, f.none),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...body].map((row) => row[column].length)));
  const line = (row: string[]) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();
  return [title, line(header), ...body.map(line)].join('\n');
}
