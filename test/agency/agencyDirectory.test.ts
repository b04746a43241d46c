import { describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_AGENCIES_PATH, loadAgencyDirectory } from '../../data/agencyDirectoryLoader.js';
import { loadQuestionBank } from '../../data/questionBankLoader.js';
import { HANDOFF_SCHEMA_PATH, handoffSchemaFileText } from '../../data/schema/handoffSchemaFile.js';
import { suggestAgencies } from '../../domain/sharing/agency.js';

async function options() {
  const bank = await loadQuestionBank();
  return { topicIds: bank.topics.map((topic) => topic.id), allowPlainHttpWebhooks: false };
}

describe('agency directory', () => {
  it('the sample for Cambridgeshire and Peterborough is valid and uses only fictional example.org addresses', async () => {
    const directory = await loadAgencyDirectory(DEFAULT_AGENCIES_PATH, await options());
    expect(directory.agencies.length).toBeGreaterThanOrEqual(10);
    for (const agency of directory.agencies) {
      for (const address of [agency.contact.email, agency.contact.url, agency.organisation.url, agency.handoff.webhookUrl]) {
        if (address) expect(address).toMatch(/example\.org(\/|$)/);
      }
      expect(agency.contact.phone).toMatch(/^01632 960\d{3}$/); // Ofcom's range for fiction
    }
  });

  it('when a record is broken should refuse to start, naming the problem', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'one-story-agencies-'));
    const sample = JSON.parse(await readFile(DEFAULT_AGENCIES_PATH, 'utf8')) as { agencies: Array<Record<string, unknown>> };
    const badTopic = structuredClone(sample);
    badTopic.agencies[0].relevantTopics = ['housing', 'housnig'];
    await writeFile(join(dir, 'topic.json'), JSON.stringify(badTopic));
    await expect(loadAgencyDirectory(join(dir, 'topic.json'), await options())).rejects.toThrow(/housnig/);

    const duplicate = structuredClone(sample);
    duplicate.agencies.push(duplicate.agencies[0]);
    await writeFile(join(dir, 'duplicate.json'), JSON.stringify(duplicate));
    await expect(loadAgencyDirectory(join(dir, 'duplicate.json'), await options())).rejects.toThrow(/duplicate agency ids/);

    const nowhere = structuredClone(sample);
    nowhere.agencies[0].handoff = { webhookUrl: null, pull: false };
    await writeFile(join(dir, 'nowhere.json'), JSON.stringify(nowhere));
    await expect(loadAgencyDirectory(join(dir, 'nowhere.json'), await options())).rejects.toThrow(/webhook, pull, or both/);

    const plainHttp = structuredClone(sample);
    plainHttp.agencies[0].handoff = { webhookUrl: 'http://hooks.example.org/x', pull: true };
    await writeFile(join(dir, 'http.json'), JSON.stringify(plainHttp));
    await expect(loadAgencyDirectory(join(dir, 'http.json'), await options())).rejects.toThrow(/not https/);
  });

  it('suggests agencies for the topics the person talked about, most relevant first', async () => {
    const directory = await loadAgencyDirectory(DEFAULT_AGENCIES_PATH, await options());
    const suggestions = suggestAgencies(directory, ['housing', 'safety']);
    expect(suggestions[0].becauseTopicIds).toEqual(['housing', 'safety']);
    expect(suggestions.every((suggestion) => suggestion.becauseTopicIds.length > 0)).toBe(true);
    expect(suggestions.map((suggestion) => suggestion.agency.id)).not.toContain('primary-care-access');
    expect(suggestAgencies(directory, [])).toEqual([]);
  });
});

describe('handoff JSON Schema file', () => {
  it('is up to date with the zod schema (regenerate with: npm run schema:handoff)', async () => {
    const inRepo = await readFile(HANDOFF_SCHEMA_PATH, 'utf8').catch(() => '(missing)');
    if (inRepo !== handoffSchemaFileText()) {
      throw new Error('data/schema/handoff.schema.json is stale: run `npm run schema:handoff` and commit the result');
    }
  });
});
