import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../data/paths.js';

const axeSource = () => readFile(join(projectRoot(), 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * For a context whose pages are checked one after another: axe-core's script is given to each of its
 * pages as the page starts, through the browser's debugging protocol (as `axeViolations` gives it), instead
 * of sent and compiled again for each check (about a tenth of a second a page). It only defines `window.axe`;
 * the page's own scripts and its Content-Security-Policy are untouched.
 */
export async function withAxe(context: BrowserContext): Promise<BrowserContext> {
  await context.addInitScript(await axeSource());
  return context;
}

/**
 * axe-core's own checks (WCAG 2 A and AA, and its best practices) on the page as loaded. Its script is
 * evaluated through the browser's debugging protocol, which the page's Content-Security-Policy does not
 * govern, so the page is checked with its real policy in force (nothing is loaded into it); a page of a
 * context given to `withAxe` has it already.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource());
  return page.evaluate(async () => {
    type Run = (context: Document, options: { resultTypes: string[] }) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }>;
    const axe = (window as unknown as { axe: { run: Run } }).axe;
    // Every rule runs and every violating node is reported; `resultTypes` only spares axe from building a
    // selector for each node that passed, which only the unused `passes` list would show.
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}
