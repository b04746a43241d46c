import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AgencyDirectorySchema, unknownTopicIds, type AgencyDirectory } from '../domain/sharing/agency.js';
import { projectRoot } from './paths.js';

export const DEFAULT_AGENCIES_PATH = join(projectRoot(), 'data', 'agencies.json');

/**
 * Reads and validates the agency directory at start-up: a broken record stops the bot before anyone is
 * offered a service that cannot receive what they share.
 */
export async function loadAgencyDirectory(
  path: string,
  options: {
    topicIds: readonly string[];
    allowPlainHttpWebhooks: boolean;
    /** Whether locales/ says what this agency does (`agencyDirectory.<id>.description` in English). */
    describedInLocales?: (agencyId: string) => boolean;
  },
): Promise<AgencyDirectory> {
  const raw = JSON.parse(await readFile(path, 'utf8')) as unknown;
  const parsed = AgencyDirectorySchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(top)'}: ${issue.message}`);
    throw new Error(`the agency directory at ${path} is not valid:\n  ${problems.join('\n  ')}`);
  }
  const unknown = unknownTopicIds(parsed.data, options.topicIds);
  if (unknown.length > 0) throw new Error(`the agency directory at ${path} names topics the question bank does not have: ${unknown.join(', ')}`);
  const undescribed = parsed.data.agencies.filter((agency) => !agency.description && options.describedInLocales && !options.describedInLocales(agency.id));
  if (undescribed.length > 0) {
    throw new Error(`the agency directory at ${path} has agencies with no description in locales/en/agencies.json (agencyDirectory.<id>.description): ${undescribed.map((agency) => agency.id).join(', ')}`);
  }
  // Handoffs are personal: outside development and tests they only ever travel over TLS.
  const insecure = parsed.data.agencies.filter((agency) => agency.handoff.webhookUrl && !agency.handoff.webhookUrl.startsWith('https://'));
  if (insecure.length > 0 && !options.allowPlainHttpWebhooks) {
    throw new Error(`the agency directory at ${path} has webhook URLs that are not https: ${insecure.map((agency) => agency.id).join(', ')}`);
  }
  return parsed.data;
}
