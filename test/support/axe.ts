import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { projectRoot } from '../../data/paths.js';

/**
 * axe-core's own checks (WCAG 2 A and AA, and its best practices) on a page as loaded, one line a violation.
 * Its script is evaluated through the browser's debugging protocol, which the page's Content-Security-Policy
 * does not govern, so the page is checked with its real policy in force (nothing is loaded into it).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(await readFile(join(projectRoot(), 'node_modules/axe-core/axe.min.js'), 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const { violations } = await axe.run(document);
    return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
  });
}
