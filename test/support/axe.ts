import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../data/paths.js';

/**
 * axe-core's checks (WCAG 2 A and AA, and its best practices) on a page as loaded, each violation as
 * "rule: where". Its script goes in through the browser's debugging protocol, which the page's
 * Content-Security-Policy does not govern: the page is checked with its real policy in force.
 */
export async function axeViolationsOf(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(join(projectRoot(), 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> };
    const checker = (window as unknown as { axe: { run: (context: Document) => Promise<Result> } }).axe;
    const { violations } = await checker.run(document);
    return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}
